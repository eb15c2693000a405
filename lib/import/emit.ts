/**
 * A cluster file's source text from its data: every object and list written
 * out one entry per line with trailing commas (the layout `deno fmt` keeps),
 * keys bare where TypeScript allows, apps through their builders (`helmApp`,
 * `gitApp`). The data is the imported repository's: every string and key is
 * written as a literal that holds exactly it, comments cannot be ended from it,
 * and the only code is the emitter's own (builders, constants, spreads it names).
 *
 * @module
 */
import { commentText, stringLiteral } from "./escape.ts";

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const BUILDERS: Record<string, string> = {
  helm: "helmApp",
  git: "gitApp",
  manifests: "manifestsApp",
};

/**
 * An object key: bare when an identifier, else a string literal; `__proto__` computed, since
 * the bare or quoted key sets an object literal's prototype instead of a property.
 */
function key(name: string): string {
  if (name === "__proto__") return `[${stringLiteral(name)}]`;
  return IDENTIFIER.test(name) ? name : stringLiteral(name);
}

/**
 * The value of an entry that spreads the constant its key names (`...appsSet`). A symbol: no
 * imported data (YAML, JSON) holds one, so no key of theirs (`...x`) becomes a spread.
 */
export const SPREAD: unique symbol = Symbol("spread");

/** Words that cannot name a constant: reserved words, strict mode's, and the names the file imports. */
const NOT_A_NAME = new Set([
  ..."break case catch class const continue debugger default delete do else enum export extends"
    .split(" "),
  ..."false finally for function if import in instanceof new null return super switch this throw"
    .split(" "),
  ..."true try typeof var void while with yield let static implements interface package private"
    .split(" "),
  ..."protected public await arguments eval undefined NaN Infinity defineCluster".split(" "),
  ...Object.values(BUILDERS),
]);

/** A constant's name, checked: an identifier the file can declare. */
function constantName(name: string): string {
  if (!IDENTIFIER.test(name) || NOT_A_NAME.has(name)) {
    throw new Error(`${stringLiteral(name)} cannot name a constant of the cluster file`);
  }
  return name;
}

/** An entry of an object literal: `key: value`, or a spread of a constant. */
const entry = (k: string, value: unknown, text: () => string) =>
  value === SPREAD ? `...${constantName(k)}` : `${key(k)}: ${text()}`;

/** A scalar as TypeScript: strings as literals, numbers as they read (`-0`, `Infinity`, `NaN` too). */
function scalar(value: unknown): string {
  if (typeof value === "string") return stringLiteral(value);
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (typeof value === "boolean" || value === null) return String(value);
  throw new Error(`a value of type ${typeof value} is no data a cluster file can hold`);
}

/** The entries of a plain object written out; anything but plain data refused. */
function entriesOf(value: object): [string, unknown][] {
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    throw new Error(`a ${value.constructor?.name ?? "object"} is no data a cluster file can hold`);
  }
  return Object.entries(value).filter(([, v]) => v !== undefined);
}

/** The line width `deno fmt` keeps (deno.json `fmt.lineWidth`). */
const WIDTH = 100;

/** A value on one line, as `deno fmt` writes it (`{ a: 1 }`, `["x"]`). */
function oneLine(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(oneLine).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const entries = entriesOf(value);
    if (entries.length === 0) return "{}";
    return `{ ${entries.map(([k, v]) => entry(k, v, () => oneLine(v))).join(", ")} }`;
  }
  return scalar(value);
}

/**
 * A value as TypeScript source, indented by `depth` levels of two spaces: on one
 * line when it fits after `room` characters, else one entry per line.
 */
export function literal(value: unknown, depth = 0, room = 0): string {
  const single = oneLine(value);
  if (depth * 2 + room + single.length + 1 <= WIDTH) return single;
  const pad = "  ".repeat(depth + 1);
  const end = "  ".repeat(depth);
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((item) => `${pad}${literal(item, depth + 1)},\n`).join("")}${end}]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = entriesOf(value);
    if (entries.length === 0) return "{}";
    return `{\n${
      entries.map(([k, v]) =>
        `${pad}${entry(k, v, () => literal(v, depth + 1, key(k).length + 2))},\n`
      ).join("")
    }${end}}`;
  }
  return scalar(value);
}

/** An app through its builder: `gitApp({ ... })`, after `room` characters. */
function appLiteral(app: Record<string, unknown>, depth: number, room: number): string {
  const { kind, ...rest } = app;
  const builder = Object.hasOwn(BUILDERS, String(kind)) ? BUILDERS[String(kind)] : undefined;
  if (builder === undefined) throw new Error(`an app of kind ${stringLiteral(String(kind))}`);
  return `${builder}(${literal(rest, depth, room + builder.length + 2)})`;
}

/**
 * Constants the apps spread (what the apps of one ApplicationSet share), by name (an identifier),
 * with a comment.
 */
export type Shared = Record<string, { comment: string; value: Record<string, unknown> }>;

/**
 * The cluster file: a module doc, the import of `defineCluster` and the builders
 * it uses, the constants its apps share, and the data, its apps through their builders. Text of
 * the data never becomes code (see the module).
 *
 * @example
 * ```ts
 * import { clusterSource } from "./emit.ts";
 * import assert from "node:assert/strict";
 * const text = clusterSource({ name: "x", apps: { web: { kind: "git", path: "web" } } }, ["Imported."]);
 * assert.match(text, /import \{ defineCluster, gitApp \} from "\.\.\/mod\.ts";/);
 * assert.match(text, /  apps: \{\n    web: gitApp\(\{ path: "web" \}\),\n  \},/);
 * ```
 */
export function clusterSource(
  cluster: Record<string, unknown>,
  doc: string[],
  shared: Shared = {},
): string {
  const apps = (cluster.apps ?? {}) as Record<string, Record<string, unknown>>;
  const kinds = new Set(Object.values(apps).map((app) => BUILDERS[String(app.kind)]));
  const names = ["defineCluster", ...[...kinds].sort()];
  const lines = Object.entries(cluster).filter(([, v]) => v !== undefined).map(([k, v]) => {
    if (k !== "apps" || Object.keys(apps).length === 0) {
      return `  ${key(k)}: ${literal(v, 1, key(k).length + 2)},\n`;
    }
    const body = Object.entries(apps).map(([name, app]) =>
      `    ${key(name)}: ${appLiteral(app, 2, key(name).length + 3)},\n`
    ).join("");
    return `  apps: {\n${body}  },\n`;
  });
  const constants = Object.entries(shared).map(([name, { comment, value }]) =>
    `// ${commentText(comment)}\nconst ${constantName(name)} = ${
      literal(value, 0, name.length + 9)
    };\n\n`
  );
  return [
    "/**\n",
    ...doc.map((line) => line === "" ? " *\n" : ` * ${commentText(line)}\n`),
    " */\n",
    `import { ${names.join(", ")} } from "../mod.ts";\n`,
    "\n",
    ...constants,
    "export default defineCluster({\n",
    ...lines,
    "});\n",
  ].join("");
}
