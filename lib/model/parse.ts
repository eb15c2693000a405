/**
 * Parses a cluster file's data against the schema, applying defaults, and turns
 * every schema failure into a {@link Problem} that names the path, the value and the rule.
 *
 * @module
 */
import { closest } from "./similar.ts";
import type { z } from "zod";
import { Cluster, type ClusterConfig } from "./schema.ts";
import { error, formatValue, type Problem } from "./problem.ts";
import { isAppend, isRemove } from "./merge.ts";
import { nonData } from "./plain_data.ts";

/** The outcome of parsing: the cluster with defaults applied, or every problem found. */
export type ParseResult = { ok: true; cluster: ClusterConfig } | { ok: false; problems: Problem[] };

/**
 * Parses a cluster file's default export.
 *
 * @example
 * ```ts
 * import { parseCluster } from "./parse.ts";
 * import assert from "node:assert/strict";
 * const result = parseCluster({ name: "Home Lab" });
 * assert.ok(!result.ok);
 * assert.match(result.problems[0].message, /^Home Lab must be a DNS-1123 label/);
 * ```
 */
export function parseCluster(input: unknown): ParseResult {
  const data = nonData(input);
  if (data.length > 0) return { ok: false, problems: data };
  const markers = leftoverMarkers(input, []);
  if (markers.length > 0) return { ok: false, problems: markers };
  const result = Cluster.safeParse(input);
  if (result.success) return { ok: true, cluster: result.data };
  return { ok: false, problems: result.error.issues.map((issue) => toProblem(issue, input)) };
}

/**
 * `append()` and `remove()` act on a base a layer extends; one still in the
 * cluster had no base to act on (the schema's defaults are applied after).
 */
function leftoverMarkers(value: unknown, path: PropertyKey[]): Problem[] {
  if (isAppend(value)) {
    return [
      error(
        path,
        "append() has no list to append to here: no layer below states this list (it extends a list a layer below states; a default is not extended: state the whole list)",
      ),
    ];
  }
  if (isRemove(value)) {
    return [
      error(path, "remove() has nothing to remove here: no layer below states this key"),
    ];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => leftoverMarkers(item, [...path, i]));
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([key, child]) =>
      // A post-render patch keeps its markers: they act on the rendered resource.
      path.length === 0 && key === "patches" ? [] : leftoverMarkers(child, [...path, key])
    );
  }
  return [];
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function toProblem(issue: z.core.$ZodIssue, input: unknown): Problem {
  const path = issue.path as PropertyKey[];
  if (issue.code === "unrecognized_keys") {
    const known = knownKeys(path);
    return error(
      path,
      issue.keys.map((key) => {
        const suggestion = closest(key, known);
        const hint = suggestion ? ` (did you mean "${suggestion}"?)` : "";
        return `unknown key "${key}"${hint}`;
      }).join("; "),
    );
  }
  const value = valueAt(input, path);
  if (value === undefined) {
    // A schema's own word on a missing field (a field required unless another is given) stands.
    if (issue.code === "custom") return error(path, issue.message);
    const expected = issue.code === "invalid_type" ? ` (expected ${issue.expected})` : "";
    return error(path, `is required${expected}`);
  }
  if (issue.code === "invalid_type") {
    // JSON shows the type that was given: "6443" (a string) where a number belongs.
    return error(
      path,
      `${JSON.stringify(value) ?? String(value)} must be ${article(issue.expected)}`,
    );
  }
  if (issue.code === "invalid_key") {
    const key = path[path.length - 1];
    return error(path, `${String(key)} ${issue.issues[0]?.message ?? "is not an allowed key"}`);
  }
  return error(path, `${formatValue(value)} ${issue.message}`);
}

function article(expected: string): string {
  if (expected === "int") return "a whole number";
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

type AnySchema = { _zod: { def: Record<string, unknown> } };

function unwrap(schema: AnySchema): AnySchema {
  let current = schema;
  for (;;) {
    const def = current._zod.def;
    if (def.innerType) current = def.innerType as AnySchema;
    else if (def.type === "pipe") current = def.in as AnySchema;
    else return current;
  }
}

/** The keys the schema allows for the object at `path`. */
function knownKeys(path: readonly PropertyKey[]): string[] {
  let schema = unwrap(Cluster as unknown as AnySchema);
  for (const key of path) {
    const def = schema._zod.def;
    if (def.type === "object") schema = (def.shape as Record<string, AnySchema>)[String(key)];
    else if (def.type === "record") schema = def.valueType as AnySchema;
    else if (def.type === "array") schema = def.element as AnySchema;
    else return [];
    if (!schema) return [];
    schema = unwrap(schema);
  }
  const def = schema._zod.def;
  return def.type === "object" ? Object.keys(def.shape as object) : [];
}
