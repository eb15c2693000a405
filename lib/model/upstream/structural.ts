/**
 * A custom resource checked as the API server checks it against the structural
 * schema of its CRD version (apiextensions-apiserver v0.34.0, Kubernetes v1.34:
 * `pkg/apiserver/schema` pruning and defaulting, `pkg/apiserver/validation`):
 * defaults applied where the object is (after nulls the schema does not allow are
 * pruned, as the API server prunes them), fields the schema does not declare refused
 * (the API server drops such a field, or refuses it under a strict field
 * validation or server-side apply: it never does anything), then types, enums, patterns,
 * bounds, list types and the value validations (`allOf`, `anyOf`, `oneOf`,
 * `not`). The `x-kubernetes-validations` CEL rules are evaluated by the caller,
 * through the `rules` hook, on the defaulted value of each node that has them.
 *
 * @module
 */

/** The part of an OpenAPI v3 schema a structural CRD schema uses. */
export interface SchemaProps {
  type?: string;
  properties?: Record<string, SchemaProps>;
  additionalProperties?: SchemaProps | boolean;
  items?: SchemaProps;
  required?: string[];
  enum?: unknown[];
  pattern?: string;
  format?: string;
  default?: unknown;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  maxProperties?: number;
  allOf?: SchemaProps[];
  anyOf?: SchemaProps[];
  oneOf?: SchemaProps[];
  not?: SchemaProps;
  "x-kubernetes-preserve-unknown-fields"?: boolean;
  "x-kubernetes-int-or-string"?: boolean;
  "x-kubernetes-embedded-resource"?: boolean;
  "x-kubernetes-list-type"?: string;
  "x-kubernetes-list-map-keys"?: string[];
  "x-kubernetes-validations"?: unknown[];
}

/** One violation: the path in the object (`spec.rules[0].filters`) and what is wrong. */
export interface Violation {
  path: string;
  message: string;
  /** The path key by key, where the checker knows it. */
  keys?: (string | number)[];
  /**
   * Set when the schema is at fault, not the value: a rule of it past the API server's CEL
   * cost limits (the rule, or the messageExpression, named).
   */
  ofSchema?: { rule: string };
}

/**
 * What is left of one object's CEL cost budget (k8s.io/apiserver v0.34.0 RuntimeCELCostBudget);
 * below 0 once a rule has stopped the object's rules.
 */
export interface CostBudget {
  remaining: number;
}

/** Evaluates the CEL rules of a schema node on its (defaulted) value, charging `budget`. */
export type RulesHook = (
  schema: SchemaProps,
  value: unknown,
  path: string,
  budget: CostBudget,
) => Violation[];

/** Appends items one by one: a spread of 200,000 violations into `push` overflows the call stack. */
function append<T>(out: T[], items: readonly T[]): void {
  for (const item of items) out.push(item);
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

const child = (path: string, key: string | number) =>
  typeof key === "number" ? `${path}[${key}]` : path === "" ? key : `${path}.${key}`;

/**
 * The object with the schema's defaults applied, as the API server applies them
 * when it decodes a request: a property the object lacks takes its default, and
 * so do the properties below it.
 *
 * @example
 * ```ts
 * import { withDefaults } from "./structural.ts";
 * import assert from "node:assert/strict";
 * const schema = { type: "object", properties: { port: { type: "integer", default: 80 } } };
 * assert.deepEqual(withDefaults(schema, {}), { port: 80 });
 * ```
 */
export function withDefaults(schema: SchemaProps, value: unknown): unknown {
  if (Array.isArray(value)) {
    return schema.items ? value.map((item) => withDefaults(schema.items!, item)) : value;
  }
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = { ...value };
  for (const [key, sub] of Object.entries(schema.properties ?? {})) {
    // A null where the schema does not allow one is pruned before defaulting (apiextensions v1).
    if (out[key] === null && !sub.nullable) delete out[key];
    if (out[key] === undefined && sub.default !== undefined) {
      out[key] = structuredClone(sub.default);
    }
    if (out[key] !== undefined) out[key] = withDefaults(sub, out[key]);
  }
  const extra = schema.additionalProperties;
  if (typeof extra === "object" && !schema.properties) {
    for (const key of Object.keys(out)) out[key] = withDefaults(extra, out[key]);
  }
  return out;
}

function typeOk(schema: SchemaProps, value: unknown): string | undefined {
  if (schema["x-kubernetes-int-or-string"]) {
    return typeof value === "string" || Number.isInteger(value)
      ? undefined
      : "an integer or a string";
  }
  switch (schema.type) {
    case "object":
      return isObject(value) ? undefined : "an object";
    case "array":
      return Array.isArray(value) ? undefined : "a list";
    case "string":
      return typeof value === "string" ? undefined : "a string";
    case "integer":
      return Number.isInteger(value) ? undefined : "an integer";
    case "number":
      return typeof value === "number" ? undefined : "a number";
    case "boolean":
      return typeof value === "boolean" ? undefined : "a boolean";
  }
  return undefined;
}

import { RE2JS } from "@bufbuild/re2";
import { RUNTIME_COST_BUDGET } from "./cel_cost.ts";
import { formatValue } from "../problem.ts";
import { closest } from "../similar.ts";

const show = (value: unknown) => JSON.stringify(value);

function scalarChecks(schema: SchemaProps, value: unknown): string[] {
  const out: string[] = [];
  if (schema.enum && !schema.enum.some((allowed) => allowed === value)) {
    out.push(`${formatValue(value)} is not one of ${schema.enum.map(show).join(", ")}`);
  }
  if (typeof value === "string") {
    const length = [...value].length;
    if (schema.maxLength !== undefined && length > schema.maxLength) {
      out.push(`${formatValue(value)} is longer than ${schema.maxLength} characters`);
    }
    if (schema.minLength !== undefined && length < schema.minLength) {
      out.push(`${formatValue(value)} is shorter than ${schema.minLength} characters`);
    }
    if (schema.pattern !== undefined) {
      const pattern = patternOf(schema.pattern);
      if (!pattern) out.push(`the schema's pattern ${schema.pattern} does not compile`);
      else if (!pattern.test(value)) {
        out.push(`${formatValue(value)} does not match ${schema.pattern}`);
      }
    }
  }
  if (typeof value === "number") out.push(...numberChecks(schema, value));
  return out;
}

function numberChecks(schema: SchemaProps, value: number): string[] {
  const out: string[] = [];
  const { minimum, maximum } = schema;
  if (minimum !== undefined && (schema.exclusiveMinimum ? value <= minimum : value < minimum)) {
    out.push(`${value} is less than ${schema.exclusiveMinimum ? "or equal to " : ""}${minimum}`);
  }
  if (maximum !== undefined && (schema.exclusiveMaximum ? value >= maximum : value > maximum)) {
    out.push(`${value} is greater than ${schema.exclusiveMaximum ? "or equal to " : ""}${maximum}`);
  }
  if (schema.multipleOf !== undefined && value % schema.multipleOf !== 0) {
    out.push(`${value} is not a multiple of ${schema.multipleOf}`);
  }
  return out;
}

const PATTERNS = new Map<string, { test(text: string): boolean } | undefined>();

/**
 * A schema pattern compiled once. The API server matches with Go's regexp (RE2);
 * the patterns CRDs use are in the subset where JavaScript's engine agrees, and
 * it is many times faster here, so it is used where it compiles, and RE2 where
 * it does not (`^\\PC*$`, valid in Go and not in JavaScript). Undefined when
 * neither compiles it.
 */
function patternOf(pattern: string): { test(text: string): boolean } | undefined {
  if (!PATTERNS.has(pattern)) {
    let compiled: { test(text: string): boolean } | undefined;
    try {
      compiled = new RegExp(pattern, "u");
    } catch {
      try {
        const re2 = RE2JS.compile(pattern);
        compiled = { test: (text) => re2.test(text) };
      } catch {
        compiled = undefined;
      }
    }
    PATTERNS.set(pattern, compiled);
  }
  return PATTERNS.get(pattern);
}

function listChecks(schema: SchemaProps, value: unknown[]): string[] {
  const out: string[] = [];
  if (schema.maxItems !== undefined && value.length > schema.maxItems) {
    out.push(`has ${value.length} items, more than ${schema.maxItems}`);
  }
  if (schema.minItems !== undefined && value.length < schema.minItems) {
    out.push(`has ${value.length} items, fewer than ${schema.minItems}`);
  }
  const type = schema["x-kubernetes-list-type"];
  const keyOf = type === "set"
    ? (item: unknown) => show(item)
    : type === "map"
    ? (item: unknown) =>
      show((schema["x-kubernetes-list-map-keys"] ?? []).map((key) => (item as never)?.[key]))
    : undefined;
  if (keyOf) {
    const seen = new Set<string>();
    for (const item of value) {
      const key = keyOf(item);
      if (seen.has(key)) out.push(`has the ${type === "set" ? "value" : "key"} ${key} twice`);
      seen.add(key);
    }
  }
  return out;
}

function objectChecks(schema: SchemaProps, value: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const key of schema.required ?? []) {
    // undefined: a field the renderer leaves out
    if (value[key] === undefined) out.push(`lacks the required field "${key}"`);
  }
  const count = Object.keys(value).length;
  if (schema.maxProperties !== undefined && count > schema.maxProperties) {
    out.push(`has ${count} fields, more than ${schema.maxProperties}`);
  }
  if (schema.minProperties !== undefined && count < schema.minProperties) {
    out.push(`has ${count} fields, fewer than ${schema.minProperties}`);
  }
  return out;
}

/** The value validations of a schema node alone (the branches of allOf/anyOf/oneOf/not). */
function passes(schema: SchemaProps, value: unknown): boolean {
  return walk(schema, value, "", { strict: false, budget: { remaining: -1 } }).length === 0;
}

function combinators(schema: SchemaProps, value: unknown): string[] {
  const out: string[] = [];
  for (const branch of schema.allOf ?? []) {
    if (!passes(branch, value)) out.push(`does not satisfy ${show(branch)}`);
  }
  if (schema.anyOf && !schema.anyOf.some((branch) => passes(branch, value))) {
    out.push(`satisfies none of ${schema.anyOf.map(show).join(", ")}`);
  }
  if (schema.oneOf) {
    const count = schema.oneOf.filter((branch) => passes(branch, value)).length;
    if (count !== 1) {
      out.push(`satisfies ${count} of ${schema.oneOf.map(show).join(", ")}, not one`);
    }
  }
  if (schema.not && passes(schema.not, value)) out.push(`must not satisfy ${show(schema.not)}`);
  return out;
}

interface Walk {
  /** Refuse undeclared fields (off inside value-validation branches). */
  strict: boolean;
  rules?: RulesHook;
  /** What is left of the object's CEL cost budget. */
  budget: CostBudget;
}

const EMBEDDED = ["apiVersion", "kind", "metadata"];

function walkObject(schema: SchemaProps, value: Record<string, unknown>, path: string, w: Walk) {
  const out: Violation[] = [];
  const extra = schema.additionalProperties;
  const open = schema["x-kubernetes-preserve-unknown-fields"] === true;
  for (const [key, sub] of Object.entries(value)) {
    if (sub === undefined) continue; // not written
    const declared = schema.properties?.[key] ??
      (typeof extra === "object" ? extra : undefined);
    if (declared) append(out, walk(declared, sub, child(path, key), w));
    else if (
      w.strict && !open && extra !== true && schema.type === "object" &&
      !(schema["x-kubernetes-embedded-resource"] && EMBEDDED.includes(key))
    ) {
      const near = closest(key, Object.keys(schema.properties ?? {}));
      out.push({
        path: child(path, key),
        message: `is not a field of the schema: the API server drops it${
          near ? ` (did you mean "${near}"?)` : ""
        }`,
      });
    }
  }
  return out;
}

function walk(schema: SchemaProps, value: unknown, path: string, w: Walk): Violation[] {
  const at = (messages: string[]) => messages.map((message) => ({ path, message }));
  // A null the schema does not allow is pruned by the API server, not refused (see withDefaults).
  if (value === null) return [];
  const wrongType = typeOk(schema, value);
  if (wrongType) return at([`${formatValue(value)} is not ${wrongType}`]);
  const out: Violation[] = at([...scalarChecks(schema, value), ...combinators(schema, value)]);
  if (Array.isArray(value)) {
    append(out, at(listChecks(schema, value)));
    if (schema.items) {
      value.forEach((item, i) => append(out, walk(schema.items!, item, child(path, i), w)));
    }
  } else if (isObject(value)) {
    append(out, at(objectChecks(schema, value)));
    append(out, walkObject(schema, value, path, w));
  }
  if (w.rules && schema["x-kubernetes-validations"] && w.budget.remaining >= 0) {
    append(out, w.rules(schema, value, path, w.budget));
  }
  return out;
}

/**
 * The violations of a (defaulted) object against a structural schema, CEL rules
 * through `rules`, all of them charged to one cost budget, as the API server charges
 * an object's rules. `path` prefixes every violation's path.
 *
 * @example
 * ```ts
 * import { violations } from "./structural.ts";
 * import assert from "node:assert/strict";
 * const schema = { type: "object", properties: { port: { type: "integer", maximum: 65535 } } };
 * assert.deepEqual(violations(schema, { port: 70000, hostname: "a" }), [
 *   { path: "port", message: "70000 is greater than 65535" },
 *   { path: "hostname", message: "is not a field of the schema: the API server drops it" },
 * ]);
 * ```
 */
export function violations(
  schema: SchemaProps,
  value: unknown,
  rules?: RulesHook,
  path = "",
): Violation[] {
  return walk(schema, value, path, {
    strict: true,
    rules,
    budget: { remaining: RUNTIME_COST_BUDGET },
  });
}
