/**
 * Talos machine-config patches checked against the machine-config JSON schema of
 * the cluster's Talos version (siderolabs/talos
 * `pkg/machinery/config/schemas/config.schema.json` at the version's tag). A
 * patch is a strategic merge patch: a part of a document, so the schema's
 * required fields do not apply to it, while every field it names must be one the
 * version has (`additionalProperties: false` throughout the schema). A document
 * with `apiVersion` and `kind` is checked against that kind's definition; the
 * others are `v1alpha1` machine configuration (`machine`, `cluster`).
 * `$patch: delete` directives are Talos's own and not schema fields.
 *
 * @module
 */
import { jsonSchemaViolations } from "./json_schema.ts";
import type { Violation } from "./structural.ts";

const isMap = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** A copy without a key at any depth (`required` of the schema, `$patch` of a patch). */
function without(key: string, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => without(key, item));
  if (!isMap(value)) return value;
  return Object.fromEntries(
    Object.entries(value).filter(([name]) => name !== key)
      .map(([name, child]) => [name, without(key, child)]),
  );
}

const RELAXED = new WeakMap<object, Map<string, Record<string, unknown>>>();

/** The schema of one definition with `required` dropped, made once per schema and definition. */
function patchSchema(schema: Record<string, unknown>, def: string): Record<string, unknown> {
  let byDef = RELAXED.get(schema);
  if (!byDef) RELAXED.set(schema, byDef = new Map());
  let out = byDef.get(def);
  if (!out) {
    out = {
      $schema: schema.$schema,
      $defs: without("required", schema.$defs),
      $ref: `#/$defs/${def}`,
    };
    byDef.set(def, out);
  }
  return out;
}

/** The definition a document is checked against, or why there is none. */
function definitionOf(schema: Record<string, unknown>, doc: Record<string, unknown>) {
  if (doc.kind === undefined) return { def: "v1alpha1.Config" };
  const defs = isMap(schema.$defs) ? schema.$defs : {};
  for (const [name, def] of Object.entries(defs)) {
    const kind = (def as { properties?: { kind?: { enum?: unknown[] } } }).properties?.kind;
    if (kind?.enum?.includes(doc.kind)) return { def: name };
  }
  return { missing: `no document kind ${JSON.stringify(doc.kind)}` };
}

/**
 * The violations of one patch document against a Talos version's schema.
 *
 * @example
 * ```ts
 * import { talosPatchViolations } from "./talos.ts";
 * import assert from "node:assert/strict";
 * const schema = {
 *   $schema: "https://json-schema.org/draft/2020-12/schema",
 *   $defs: { "v1alpha1.Config": { type: "object", additionalProperties: false,
 *     properties: { machine: { type: "object", additionalProperties: false, required: ["type"],
 *       properties: { type: { type: "string" }, kubelet: { type: "object" } } } } } },
 * };
 * assert.deepEqual(talosPatchViolations(schema, { machine: { kubelet: {} } }), []);
 * const [violation] = talosPatchViolations(schema, { machine: { kubelett: {} } });
 * assert.deepEqual([violation.path, violation.message], ["machine", 'has no field "kubelett"']);
 * ```
 */
export function talosPatchViolations(schema: Record<string, unknown>, doc: unknown): Violation[] {
  if (!isMap(doc)) return [{ path: "(top level)", message: "is not a machine-config document" }];
  const found = definitionOf(schema, doc);
  if (found.missing) return [{ path: "kind", message: `the schema has ${found.missing}` }];
  // Talos decodes with go-yaml v3, which reads any scalar into a string field (`65535` into
  // `sysctls`, `250` into `extraArgs`): scalars are coerced, as it does.
  return jsonSchemaViolations(patchSchema(schema, found.def!), without("$patch", doc), "", {
    coerceScalars: true,
  });
}
