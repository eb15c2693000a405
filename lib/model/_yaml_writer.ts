/**
 * The fast path of YAML emission: block mappings and sequences written
 * directly, every scalar as js-yaml writes it.
 *
 * js-yaml's `dump` builds a syntax tree and tests each scalar against every
 * YAML 1.1 and 1.2 type on every call; it was most of a render's time. Here a
 * scalar's text comes from js-yaml once and is remembered: plain where no type
 * of the dump schema (js-yaml's, and every scalar a YAML 1.1 reader types, see
 * `_yaml11_typed.ts`) may start with the scalar's first character (the schema
 * declares those characters), else `dump(scalar)`. That text is the same
 * wherever the scalar stands (a key or a value, at any depth) for the scalars
 * this path takes: one line of printable ASCII that starts with a letter, digit,
 * `_`, `/`, `$` or a `-` not followed by `-` or a space, with no `: ` or ` #`
 * and no trailing space. For anything else (a multi-line string, a leading space
 * or indicator, non-ASCII, a value that is not plain data) this path declines
 * and the caller dumps the whole document with js-yaml, so the output is
 * byte-for-byte js-yaml's either way (`_yaml_writer_test.ts` checks that over
 * random documents).
 *
 * @module
 */
import { dump } from "js-yaml";
import { isPlainObject, type PlainObject } from "./merge.ts";
import { QUOTING_SCHEMA } from "./_yaml11_typed.ts";

/**
 * The options every document is dumped with: no line folding, no anchors, and
 * every string that a YAML 1.1 or 1.2 reader would type quoted.
 */
export const DUMP_OPTIONS = { lineWidth: -1, noRefs: true, schema: QUOTING_SCHEMA } as const;

/** A string whose js-yaml text does not depend on where it stands (see the module doc). */
const SIMPLE =
  /^(?:[A-Za-z0-9_/$]|-[A-Za-z0-9_/$.])(?:[A-Za-z0-9_./:@+=,~%*?&()!$;'"<>[\]{}^# -]*[A-Za-z0-9_./@+=,~%*?&()!$;'"<>[\]{}^#-])?$/;

/** js-yaml writes a longer key in the explicit `? key` form. */
const MAX_KEY = 1000;

/**
 * The characters a plain scalar must start with to be read as something other
 * than a string (a null, boolean, number, date or merge key), as the dump
 * schema declares them; `undefined` if a type there may start with any.
 */
const TYPED_FIRST = ((): ReadonlySet<string> | undefined => {
  const chars = new Set<string>();
  for (const tag of DUMP_OPTIONS.schema.tags) {
    if (tag.nodeKind !== "scalar" || !tag.implicit) continue;
    if (!tag.implicitFirstChars) return undefined;
    for (const char of tag.implicitFirstChars) chars.add(char);
  }
  return chars;
})();

/** js-yaml's text of each scalar seen, bounded so a long-lived process cannot grow it forever. */
const texts = new Map<unknown, string>();
const MAX_TEXTS = 200_000;

/** The text of a scalar, or `undefined` where this path cannot vouch for it. */
function scalarText(value: unknown): string | undefined {
  // The map cannot tell -0 from 0.
  if (Object.is(value, -0)) return "-0.0";
  const known = texts.get(value);
  if (known !== undefined) return known;
  if (typeof value === "string") {
    if (value !== "" && (!SIMPLE.test(value) || value.includes(": ") || value.includes(" #"))) {
      return undefined;
    }
    // No type starts this way: js-yaml writes it plain (one character may be special, like `=`).
    if (value.length > 1 && TYPED_FIRST && !TYPED_FIRST.has(value[0])) {
      return remember(value, value);
    }
  } else if (typeof value !== "number" && typeof value !== "boolean" && value !== null) {
    return undefined;
  }
  const text = dump(value, DUMP_OPTIONS).slice(0, -1);
  return text.includes("\n") ? undefined : remember(value, text);
}

function remember(value: unknown, text: string): string {
  if (texts.size >= MAX_TEXTS) texts.clear();
  texts.set(value, text);
  return text;
}

/** The keys of `object` in order: `first` (those present), then the rest as they stand. */
export function ordered(object: PlainObject, first: readonly string[]): string[] {
  const keys = Object.keys(object);
  if (first.length === 0) return keys;
  const head = first.filter((key) => key in object);
  return asObjectKeeps([...head, ...keys.filter((key) => !first.includes(key))]);
}

/** `keys` in the order an object made from them keeps (integer-like keys first), as js-yaml meets them. */
function asObjectKeeps(keys: string[]): string[] {
  return keys.some((key) => /^\d/.test(key))
    ? Object.keys(Object.fromEntries(keys.map((key) => [key, 0])))
    : keys;
}

const NONE: readonly string[] = [];

/** How the keys of a document's top level and of its `metadata` are ordered. */
export interface KeyOrder {
  top: readonly string[];
  metadata: readonly string[];
}

interface Writer {
  /** The text so far, in pieces: joined once at the end, into one flat string. */
  out: string[];
  order: KeyOrder;
}

const isEmpty = (value: unknown[] | PlainObject): boolean =>
  Array.isArray(value)
    ? !value.some((item) => item !== undefined)
    : !Object.values(value).some((item) => item !== undefined);

/**
 * Appends a value that follows `key:` or `-`: a scalar or an empty collection
 * on the same line, a collection on the lines below (`inline` false) or
 * starting on the same line (a sequence item).
 */
function writeValue(w: Writer, value: unknown, indent: number, inline: boolean): boolean {
  if (Array.isArray(value) || isPlainObject(value)) {
    if (isEmpty(value)) {
      w.out.push(Array.isArray(value) ? " []\n" : " {}\n");
      return true;
    }
    w.out.push(inline ? " " : "\n");
    return Array.isArray(value)
      ? writeSequence(w, value, indent, inline)
      : writeMapping(w, value, indent, inline, NONE);
  }
  const text = scalarText(value);
  if (text === undefined) return false;
  w.out.push(" ", text, "\n");
  return true;
}

function writeMapping(
  w: Writer,
  object: PlainObject,
  indent: number,
  inline: boolean,
  first: readonly string[],
  top = false,
): boolean {
  const pad = " ".repeat(indent);
  let head = !inline;
  for (const key of ordered(object, first)) {
    const value = object[key];
    if (value === undefined) continue;
    const text = key.length > MAX_KEY ? undefined : scalarText(key);
    if (text === undefined) return false;
    if (head) w.out.push(pad);
    w.out.push(text, ":");
    head = true;
    if (top && key === "metadata" && isPlainObject(value) && !isEmpty(value)) {
      // A document's metadata has an order of its own.
      w.out.push("\n");
      if (!writeMapping(w, value, indent + 2, false, w.order.metadata)) return false;
    } else if (!writeValue(w, value, indent + 2, false)) return false;
  }
  return true;
}

function writeSequence(w: Writer, items: unknown[], indent: number, inline: boolean): boolean {
  const pad = " ".repeat(indent);
  let head = !inline;
  for (const item of items) {
    if (item === undefined) continue;
    w.out.push(head ? `${pad}-` : "-");
    head = true;
    if (!writeValue(w, item, indent + 2, true)) return false;
  }
  return true;
}

/**
 * The YAML of one document, keys ordered by `order` and `undefined` dropped,
 * exactly as js-yaml would write the same document; `undefined` where this
 * path declines it (the caller then uses js-yaml).
 *
 * @example
 * ```ts
 * import { fastYaml } from "./_yaml_writer.ts";
 * import assert from "node:assert/strict";
 * const order = { top: ["kind"], metadata: [] };
 * assert.equal(fastYaml({ on: "No", kind: "x" }, order), "kind: x\n'on': 'No'\n");
 * assert.equal(fastYaml({ text: "two\nlines" }, order), undefined);
 * ```
 */
export function fastYaml(document: unknown, order: KeyOrder): string | undefined {
  const w: Writer = { out: [], order };
  if (Array.isArray(document) || isPlainObject(document)) {
    if (isEmpty(document)) return Array.isArray(document) ? "[]\n" : "{}\n";
    const ok = Array.isArray(document)
      ? writeSequence(w, document, 0, false)
      : writeMapping(w, document, 0, false, order.top, true);
    return ok ? w.out.join("") : undefined;
  }
  if (document === undefined) return undefined;
  const text = scalarText(document);
  return text === undefined ? undefined : `${text}\n`;
}
