/**
 * JSON Schema validation of vendored schemas (a chart's `values.schema.json`,
 * draft-07 like Helm's own validator reads it; Talos's machine-config schema,
 * draft 2020-12), with ajv. Each schema is compiled once per process.
 *
 * @module
 */
import Ajv from "ajv";
import Ajv2020 from "ajv/dist/2020.js";
import type { Violation } from "./structural.ts";

type Validate = ((value: unknown) => boolean) & {
  errors?: { instancePath: string; message?: string; params?: Record<string, unknown> }[] | null;
};

const COMPILED = {
  strict: new WeakMap<object, Validate>(),
  coerce: new WeakMap<object, Validate>(),
};

/** The keys of a JSON pointer (`/spec/ports/0` is `spec`, `ports`, 0). */
function pointerKeys(pointer: string): (string | number)[] {
  return pointer.split("/").slice(1).map((raw) => {
    const part = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    return /^[0-9]+$/.test(part) ? Number(part) : part;
  });
}

/** A JSON pointer (`/spec/ports/0`) as a field path (`spec.ports[0]`), under `prefix`. */
export function pointerPath(pointer: string, prefix = ""): string {
  let out = prefix;
  for (const part of pointerKeys(pointer)) {
    out += typeof part === "number" ? `[${part}]` : out === "" ? part : `.${part}`;
  }
  return out;
}

function compile(schema: Record<string, unknown>, coerce: boolean): Validate {
  const cache = coerce ? COMPILED.coerce : COMPILED.strict;
  let validate = cache.get(schema);
  if (validate) return validate;
  const is2020 = String(schema.$schema ?? "").includes("2020-12");
  const options = { strict: false, allErrors: true, validateFormats: false, coerceTypes: coerce };
  // deno-lint-ignore no-explicit-any
  const ajv: any = is2020 ? new (Ajv2020 as any)(options) : new (Ajv as any)(options);
  validate = ajv.compile(schema) as Validate;
  cache.set(schema, validate);
  return validate;
}

function describe(error: NonNullable<Validate["errors"]>[number]): string {
  const extra = error.params?.additionalProperty;
  if (typeof extra === "string") return `has no field "${extra}"`;
  const allowed = error.params?.allowedValues;
  if (Array.isArray(allowed)) {
    return `must be one of ${allowed.map((v) => JSON.stringify(v)).join(", ")}`;
  }
  return error.message ?? "is invalid";
}

/**
 * The violations of a value against a JSON schema, each at its field path
 * under `prefix`, each once. With `coerceScalars` a scalar may stand for a scalar
 * of another type, as go-yaml v3 decodes `65535` into a string field (the value
 * is changed in place: give a copy).
 *
 * @example
 * ```ts
 * import { jsonSchemaViolations } from "./json_schema.ts";
 * import assert from "node:assert/strict";
 * const schema = { type: "object", properties: { replicas: { type: "integer" } }, additionalProperties: false };
 * assert.deepEqual(jsonSchemaViolations(schema, { replicas: "2", x: 1 }), [
 *   { path: "(top level)", message: 'has no field "x"', keys: [] },
 *   { path: "replicas", message: "must be integer", keys: ["replicas"] },
 * ]);
 * ```
 */
export function jsonSchemaViolations(
  schema: Record<string, unknown>,
  value: unknown,
  prefix = "",
  options: { coerceScalars?: boolean } = {},
): Violation[] {
  const validate = compile(schema, options.coerceScalars ?? false);
  if (validate(value)) return [];
  const seen = new Set<string>();
  const out: Violation[] = [];
  const errors = validate.errors ?? [];
  // "must match a schema in anyOf" sums up what its branches said; keep it when it is all there is.
  const branches = errors.filter((error) => !error.message?.startsWith("must match"));
  for (const error of branches.length > 0 ? branches : errors) {
    const path = pointerPath(error.instancePath, prefix) || "(top level)";
    const violation = { path, message: describe(error), keys: pointerKeys(error.instancePath) };
    const key = `${violation.path}\u0000${violation.message}`;
    if (!seen.has(key)) out.push(violation), seen.add(key);
  }
  return out;
}
