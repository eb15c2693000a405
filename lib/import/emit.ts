/**
 * A cluster file's source text from its data: every object and list written
 * out one entry per line with trailing commas (the layout `deno fmt` keeps),
 * keys bare where TypeScript allows, apps through their builders (`helmApp`,
 * `gitApp`).
 *
 * @module
 */

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const BUILDERS: Record<string, string> = {
  helm: "helmApp",
  git: "gitApp",
  manifests: "manifestsApp",
};

function key(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

/** A key naming a constant to spread (`...appsSet`), written as the spread alone. */
const SPREAD = /^\.\.\.[A-Za-z_$][A-Za-z0-9_$]*$/;

/** An entry of an object literal: `key: value`, or a spread. */
const entry = (k: string, text: string) => SPREAD.test(k) ? k : `${key(k)}: ${text}`;

/** The line width `deno fmt` keeps (deno.json `fmt.lineWidth`). */
const WIDTH = 100;

/** A value on one line, as `deno fmt` writes it (`{ a: 1 }`, `["x"]`). */
function oneLine(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(oneLine).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return "{}";
    return `{ ${entries.map(([k, v]) => entry(k, oneLine(v))).join(", ")} }`;
  }
  return JSON.stringify(value);
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
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return "{}";
    return `{\n${
      entries.map(([k, v]) => `${pad}${entry(k, literal(v, depth + 1, key(k).length + 2))},\n`)
        .join("")
    }${end}}`;
  }
  return JSON.stringify(value);
}

/** An app through its builder: `gitApp({ ... })`, after `room` characters. */
function appLiteral(app: Record<string, unknown>, depth: number, room: number): string {
  const { kind, ...rest } = app;
  const builder = BUILDERS[String(kind)];
  return `${builder}(${literal(rest, depth, room + builder.length + 2)})`;
}

/** Constants the apps spread (what the apps of one ApplicationSet share), by name, with a comment. */
export type Shared = Record<string, { comment: string; value: Record<string, unknown> }>;

/**
 * The cluster file: a module doc, the import of `defineCluster` and the builders
 * it uses, the constants its apps share, and the data, its apps through their builders.
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
    `// ${comment}\nconst ${name} = ${literal(value, 0, name.length + 9)};\n\n`
  );
  return [
    "/**\n",
    ...doc.map((line) => line === "" ? " *\n" : ` * ${line}\n`),
    " */\n",
    `import { ${names.join(", ")} } from "../mod.ts";\n`,
    "\n",
    ...constants,
    "export default defineCluster({\n",
    ...lines,
    "});\n",
  ].join("");
}
