/**
 * Deterministic YAML text of plain data: what every rendered file and every
 * embedded values document is written with. It means the same to YAML 1.1
 * readers (Go's yaml.v2 in Helm, Argo CD, kustomize and kubectl) as to YAML 1.2
 * readers: every string that either would read as something else (`No`, `y`,
 * `on`, `~`, `2024-1-2`, `0755`, `0X1F`, `1_0e3`, `190:20:30`, `.Inf`, `<<`)
 * is quoted, as a key and as a value (`_yaml11_typed.ts` says which, and
 * whose reader types each). No anchors, no line
 * folding, keys of Kubernetes objects in the conventional order, `undefined`
 * dropped, one trailing newline.
 *
 * @module
 */
import { dump } from "js-yaml";
import { isPlainObject, type PlainObject } from "./merge.ts";
import { DUMP_OPTIONS, fastYaml, type KeyOrder, ordered } from "./_yaml_writer.ts";

const TOP_ORDER = ["apiVersion", "kind", "metadata", "spec", "data", "stringData"];

const METADATA_ORDER = ["name", "namespace", "labels", "annotations", "finalizers"];

/** The keys written first: a document's `apiVersion, kind, metadata, spec, ...`, its metadata's `name, namespace, ...`. */
export const KEY_ORDER: KeyOrder = { top: TOP_ORDER, metadata: METADATA_ORDER };

/**
 * Returns a copy with `undefined` dropped everywhere, the top-level keys of a
 * document ordered `apiVersion, kind, metadata, spec, ...` and its metadata
 * `name, namespace, labels, annotations, ...`. Nested objects keep their order.
 *
 * @example
 * ```ts
 * import { normalize } from "./yaml.ts";
 * import assert from "node:assert/strict";
 * const out = normalize({ spec: { b: 1, a: undefined, kind: "x" }, kind: "Namespace", apiVersion: "v1" });
 * assert.deepEqual(Object.keys(out as object), ["apiVersion", "kind", "spec"]);
 * assert.deepEqual((out as { spec: object }).spec, { b: 1, kind: "x" });
 * ```
 */
export function normalize(document: unknown): unknown {
  if (!isPlainObject(document)) return clean(document);
  const out: PlainObject = {};
  for (const key of ordered(document, KEY_ORDER.top)) {
    const child = document[key];
    if (child === undefined) continue;
    out[key] = key === "metadata" && isPlainObject(child)
      ? clean(Object.fromEntries(ordered(child, KEY_ORDER.metadata).map((k) => [k, child[k]])))
      : clean(child);
  }
  return out;
}

/** A deep copy with `undefined` object values and array items dropped. */
function clean(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== undefined).map(clean);
  if (!isPlainObject(value)) return value;
  const out: PlainObject = {};
  for (const [key, child] of Object.entries(value)) {
    if (child !== undefined) out[key] = clean(child);
  }
  return out;
}

/**
 * Serialises one value as a YAML document body (no header, no `---`).
 *
 * @example
 * ```ts
 * import { toYaml } from "./yaml.ts";
 * import assert from "node:assert/strict";
 * assert.equal(toYaml({ allowFirstLastIPs: "No", port: "7445" }), "allowFirstLastIPs: 'No'\nport: '7445'\n");
 * ```
 */
export function toYaml(value: unknown): string {
  // The same bytes either way: the fast path writes plain data as js-yaml would, and declines the rest.
  return fastYaml(value, KEY_ORDER) ?? jsYamlDump(value);
}

/**
 * js-yaml's own dump of a value, keys ordered and `undefined` dropped as in
 * {@link toYaml}, which must equal it byte for byte (the bench checks every
 * document it renders against it).
 *
 * @example
 * ```ts
 * import { jsYamlDump, toYaml } from "./yaml.ts";
 * import assert from "node:assert/strict";
 * const value = { spec: { on: "yes" }, kind: "X", apiVersion: "v1" };
 * assert.equal(jsYamlDump(value), "apiVersion: v1\nkind: X\nspec:\n  'on': 'yes'\n");
 * assert.equal(toYaml(value), jsYamlDump(value));
 * ```
 */
export function jsYamlDump(value: unknown): string {
  return dump(normalize(value), DUMP_OPTIONS);
}
