/**
 * What a vendored Helm chart knows of its values: the defaults its `values.yaml`
 * declares (and the keys it documents in comments), the `values.schema.json` it
 * ships, and the value paths its templates read. Helm renders every key the
 * user sets into `.Values`, and a key no template reads does nothing without a
 * word (helm/helm v3 `pkg/chartutil/coalesce.go` merges; `pkg/engine` only reads
 * what the templates name), so a key is known when the chart declares,
 * documents or reads it, or copies a map above it whole (`toYaml
 * .Values.extraConfig`, `range $k, $v := .Values.configs.cm`).
 *
 * @module
 */
import { load } from "js-yaml";
import { editDistance } from "../similar.ts";

/** A value path, key by key (a key may hold a dot: `grafana.ini`). */
export type ValuePath = readonly string[];

/** The facts of one chart version. */
export interface ChartFacts {
  /** `cilium 1.18.4`. */
  label: string;
  /** The parsed `values.yaml`. */
  defaults: Record<string, unknown>;
  /** The parsed `values.schema.json`, when the chart ships one. */
  schema?: Record<string, unknown>;
  /** Every path a template reads, and each of its prefixes, joined by NUL. */
  reads: Set<string>;
  /** The paths a template copies whole (`toYaml`, `range`, `tpl`, `with` over a free-form map). */
  whole: Set<string>;
  /** Keys `values.yaml` documents in comments under their parent (`# foo: bar`). */
  documented: Set<string>;
  /**
   * The subcharts' keys (`Chart.yaml` dependencies, by alias or name): Helm hands
   * what is under them to the subchart, which is not vendored, so it is not checked.
   */
  subcharts: Set<string>;
}

const SEP = "\u0000";
const joinPath = (path: ValuePath) => path.join(SEP);
const isMap = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * `.Values.a.b`, and `index .Values.a "b.c" "d"` (keys that hold dots), with
 * `$.Values` and `$root.Values` alike.
 */
const REFERENCE =
  /(index\s+)?\$?[A-Za-z_]*\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)*)((?:\s+"[^"]+")*)/g;
const ACTION = /\{\{-?([\s\S]*?)-?\}\}/g;
/** A reference handed on whole: the argument of these functions, or of `range`. */
const WHOLE_BEFORE =
  /(?:\b(?:toYaml|toJson|toPrettyJson|toRawJson|tpl|omit|pick|merge|mergeOverwrite|deepCopy|keys)\s+\(?|\brange\s+(?:\$\w+\s*(?:,\s*\$\w+\s*)?:=\s*)?)$/;
/** ... or piped into one. */
const WHOLE_AFTER = /^\s*\|\s*(?:toYaml|toJson|toPrettyJson|toRawJson)\b/;

/** The value paths an action reads, each with whether it is handed on whole. */
function referencesIn(action: string): { path: ValuePath; whole: boolean }[] {
  return [...action.matchAll(REFERENCE)].map((m) => {
    const dotted = m[2] ? m[2].slice(1).split(".") : [];
    const indexed = m[1] ? [...m[3].matchAll(/"([^"]+)"/g)].map((k) => k[1]) : [];
    const before = action.slice(0, m.index);
    const after = action.slice(m.index + m[0].length);
    return {
      path: [...dotted, ...indexed],
      whole: WHOLE_BEFORE.test(before) || WHOLE_AFTER.test(after),
    };
  }).filter(({ path }) => path.length > 0);
}

function valueAt(values: unknown, path: ValuePath): unknown {
  let node = values;
  for (const key of path) node = isMap(node) ? node[key] : undefined;
  return node;
}

/** A default that says "fill me": an empty map, an empty list, null or nothing. */
const freeForm = (value: unknown) =>
  value === undefined || value === null || (isMap(value) && Object.keys(value).length === 0) ||
  (Array.isArray(value) && value.length === 0);

/** Handing `.` on whole: `toYaml .`, `. | toYaml`, `range $k, $v := .`, `include "x" .`, `dict "k" .`. */
const DOT_WHOLE =
  /\b(?:toYaml|toJson|toPrettyJson|toRawJson|tpl|omit|pick|merge|mergeOverwrite|deepCopy|keys|include\s+"[^"]*"|dict(?:\s+"[^"]*"\s+\S+)*\s+"[^"]*"|range\s+(?:\$\w+\s*(?:,\s*\$\w+\s*)?:=\s*)?)\s*\(?\s*\.(?![\w.])|(?:^|[\s(])\.\s*\|\s*(?:toYaml|toJson|toPrettyJson|toRawJson)\b/;
/** `.a.b` relative to `.`, not a built-in object's (`.Values`, `.Release`, ...). */
const RELATIVE = /(?<![\w$)\].])\.([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)/g;
const BUILTIN = new Set(["Values", "Release", "Chart", "Capabilities", "Template", "Files"]);

/**
 * What `.` is in a block: the values paths it may be (`with (coalesce .Values.a
 * .Values.global.a)` makes it either), or none when it is something else.
 */
type Frame = { dots: ValuePath[] };

/**
 * Reads the actions of one template in order, keeping track of what `.` is
 * (`with .Values.x` makes it x until its `end`; `range` and `define` make it
 * something else; `if` keeps it) and of variables set to a values path
 * (`$cfg := .Values.x`): `.y` and `$cfg.y` read x.y, and `toYaml .` copies x whole.
 */
function readTemplate(text: string, defaults: Record<string, unknown>, out: Reads): void {
  const stack: Frame[] = [{ dots: [] }];
  const vars = new Map<string, ValuePath>();
  const read = (path: ValuePath, whole: boolean) => {
    for (let i = 1; i <= path.length; i++) out.reads.add(joinPath(path.slice(0, i)));
    if (whole) out.whole.add(joinPath(path));
  };
  for (const [, raw] of text.matchAll(ACTION)) {
    const action = raw.trim();
    const dots = stack.at(-1)!.dots;
    const refs = referencesIn(action);
    for (const { path, whole } of refs) read(path, whole);
    for (const [, name, path] of action.matchAll(/\$(\w+)\s*:?=\s*\$?\w*\.Values((?:\.\w+)+)/g)) {
      vars.set(name, path.slice(1).split("."));
    }
    for (const [name, path] of vars) {
      for (const m of action.matchAll(new RegExp(`\\$${name}((?:\\.\\w+)*)`, "g"))) {
        const rest = m[1] ? m[1].slice(1).split(".") : [];
        read(
          [...path, ...rest],
          rest.length === 0 && /\b(toYaml|toJson|range|omit)\b/.test(action),
        );
      }
    }
    for (const dot of dots) {
      if (DOT_WHOLE.test(action)) read(dot, true);
      for (const [, rel] of action.matchAll(RELATIVE)) {
        const keys = rel.split(".");
        if (!BUILTIN.has(keys[0])) read([...dot, ...keys], false);
      }
    }
    const word = /^-?\s*(\w+)/.exec(action)?.[1];
    if (word === "end") stack.length > 1 && stack.pop();
    else if (word === "with") {
      const targets = refs.map((ref) => ref.path);
      // `with` over a map the defaults leave empty: what it renders is the user's map, whole.
      for (const target of targets) {
        if (freeForm(valueAt(defaults, target))) read(target, true);
      }
      stack.push({ dots: targets });
    } else if (word === "range" || word === "define" || word === "block") stack.push({ dots: [] });
    else if (word === "if") stack.push({ dots });
  }
}

interface Reads {
  reads: Set<string>;
  whole: Set<string>;
}

function templateReads(templates: readonly string[], defaults: Record<string, unknown>): Reads {
  const out = { reads: new Set<string>(), whole: new Set<string>() };
  for (const text of templates) readTemplate(text, defaults, out);
  return out;
}

/** Keys documented in comments (`#   foo: 1`) under the key whose indentation encloses them. */
function documentedKeys(text: string): Set<string> {
  const out = new Set<string>();
  const stack: { indent: number; key: string }[] = [];
  for (const line of text.split("\n")) {
    const live = /^(\s*)([A-Za-z_][\w.-]*|"[^"]+"):(\s|$)/.exec(line);
    // A commented key, not prose: lower-case first, and no link after it (`# ref: https://...`).
    const commented = /^(\s*)#\s?(\s*)([a-z_][\w-]*):(?!\s*https?:)(\s|$)/.exec(line);
    const indent = live
      ? live[1].length
      : commented
      ? commented[1].length + commented[2].length
      : -1;
    if (indent < 0) continue;
    while (stack.length > 0 && stack.at(-1)!.indent >= indent) stack.pop();
    const key = live ? live[2].replace(/^"|"$/g, "") : commented![3];
    if (commented) out.add(joinPath([...stack.map((s) => s.key), key]));
    else stack.push({ indent, key });
  }
  return out;
}

/**
 * The facts of a chart from its vendored files' texts.
 *
 * @example
 * ```ts
 * import { chartFacts, unknownValue } from "./chart.ts";
 * import assert from "node:assert/strict";
 * const facts = chartFacts("demo 1.0.0", {
 *   values: "bpf:\n  masquerade: false\nextraConfig: {}\n",
 *   templates: ["{{ .Values.bpf.masquerade }} {{ toYaml .Values.extraConfig }}"],
 * });
 * assert.equal(unknownValue(facts, ["bpf", "masquerade"]), undefined);
 * assert.equal(unknownValue(facts, ["extraConfig", "any-key"]), undefined);
 * assert.match(unknownValue(facts, ["bpf", "masquerad"])!, /did you mean bpf.masquerade/);
 * ```
 */
export function chartFacts(
  label: string,
  texts: { values: string; schema?: string; templates: readonly string[]; chart?: string },
): ChartFacts {
  // An empty values.yaml is a chart without defaults (js-yaml refuses an empty document).
  const parsed = texts.values.trim() === "" ? {} : load(texts.values);
  const defaults = isMap(parsed) ? parsed : {};
  const { reads, whole } = templateReads(texts.templates, defaults);
  const schema = texts.schema === undefined ? undefined : JSON.parse(texts.schema);
  const chart = texts.chart?.trim() ? load(texts.chart) : undefined;
  const dependencies = (chart as { dependencies?: { name?: string; alias?: string }[] } | undefined)
    ?.dependencies ?? [];
  const subcharts = new Set(dependencies.map((d) => d.alias ?? d.name ?? "").filter(Boolean));
  return {
    label,
    defaults,
    schema,
    reads,
    whole,
    documented: documentedKeys(texts.values),
    subcharts,
  };
}

/** Whether the schema declares the path, or leaves the map above it open. */
function schemaAllows(schema: Record<string, unknown> | undefined, path: ValuePath): boolean {
  // A local `$ref` (`#/$defs/x`, `#/definitions/x`) stands for the node it names.
  const resolve = (node: unknown): unknown => {
    for (let hops = 0; isMap(node) && typeof node.$ref === "string" && hops < 32; hops++) {
      const ref = node.$ref as string;
      if (!ref.startsWith("#/")) return node;
      node = ref.slice(2).split("/").reduce<unknown>(
        (at, key) => isMap(at) ? at[key] : undefined,
        schema,
      );
    }
    return node;
  };
  let node: unknown = schema;
  for (const key of path) {
    node = resolve(node);
    if (!isMap(node)) return false;
    const properties = node.properties;
    if (isMap(properties) && isMap(properties[key])) node = properties[key];
    else if (isMap(node.additionalProperties)) node = node.additionalProperties;
    else return node.type === "object" && node.additionalProperties === true;
  }
  return true;
}

function declared(facts: ChartFacts, path: ValuePath): boolean {
  let node: unknown = facts.defaults;
  for (const [i, key] of path.entries()) {
    if (!isMap(node)) return false;
    if (!(key in node)) return i > 0 && Object.keys(node).length === 0;
    node = node[key];
  }
  return true;
}

/** The keys the chart knows under a parent path: declared, documented or read. */
function siblings(facts: ChartFacts, parent: ValuePath): string[] {
  const prefix = parent.length === 0 ? "" : joinPath(parent) + SEP;
  const fromSets = [...facts.reads, ...facts.documented]
    .filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes(SEP))
    .map((p) => p.slice(prefix.length));
  const node = valueAt(facts.defaults, parent);
  return [...new Set([...fromSets, ...(isMap(node) ? Object.keys(node) : [])])].filter(Boolean);
}

const sharedPrefix = (a: string, b: string) => {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
};

/** The nearest known key path to an unknown one, by the first unknown key: a typo or a rename. */
function nearest(facts: ChartFacts, path: ValuePath): string | undefined {
  for (let i = 0; i < path.length; i++) {
    const parent = path.slice(0, i);
    const known = siblings(facts, parent);
    if (known.includes(path[i])) continue;
    const want = path[i].toLowerCase();
    const scored = known
      .map((key) => ({
        key,
        d: editDistance(key.toLowerCase(), want),
        p: sharedPrefix(key.toLowerCase(), want),
      }))
      .filter(({ key, d, p }) =>
        d <= Math.max(2, Math.floor(key.length / 3)) ||
        (p >= 5 && p * 2 >= Math.min(key.length, want.length))
      )
      .sort((a, b) => a.d - b.d || a.key.localeCompare(b.key, "en"));
    return scored[0] ? [...parent, scored[0].key].join(".") : undefined;
  }
  return undefined;
}

/**
 * Why Helm would ignore a values key path of the chart, or `undefined` when the
 * chart declares, documents, allows or reads it, or copies a map above it whole.
 * `hint` (what to do instead) replaces the did-you-mean.
 */
export function unknownValue(
  facts: ChartFacts,
  path: ValuePath,
  hint?: string,
): string | undefined {
  if (facts.subcharts.has(path[0])) return undefined;
  for (let i = 1; i <= path.length; i++) {
    if (facts.whole.has(joinPath(path.slice(0, i)))) return undefined;
  }
  const key = joinPath(path);
  if (
    facts.reads.has(key) || facts.documented.has(key) || declared(facts, path) ||
    schemaAllows(facts.schema, path)
  ) return undefined;
  const near = hint === undefined ? nearest(facts, path) : undefined;
  const suggestion = hint ?? (near && `did you mean ${near}?`);
  return `${facts.label} reads no value ${path.join(".")}: Helm would ignore it` +
    (suggestion ? ` (${suggestion})` : "");
}
