/**
 * The `x-kubernetes-validations` rules of a CRD, evaluated with a real CEL
 * engine (`@bufbuild/cel`, with its strings extension for `split`,
 * `lowerAscii`, ...), as the API server evaluates them on a create
 * (kubernetes v1.34 `staging/src/k8s.io/apiextensions-apiserver/pkg/apiserver/schema/cel/validation.go`):
 * `self` is the node's value, integers are CEL ints where the schema types them
 * so, a rule that is false fails with its `message` (or `messageExpression`, or
 * the rule itself) at its `fieldPath`. A transition rule (one that reads
 * `oldSelf`) is not evaluated on a create, by the API server nor here. Each rule
 * is compiled once per process; a rule the engine cannot compile, or that calls
 * a function it does not have (the Kubernetes libraries `isURL`, `ip`, `cidr`,
 * `quantity`, ...), is reported as a violation, never skipped.
 *
 * @module
 */
import { celEnv, isCelError, parse, plan } from "@bufbuild/cel";
import { RE2JS } from "@bufbuild/re2";
import { strings } from "@bufbuild/cel/ext";
import type { RulesHook, SchemaProps, Violation } from "./structural.ts";

/** A rule as a CRD states it. */
interface ValidationRule {
  rule: string;
  message?: string;
  messageExpression?: string;
  fieldPath?: string;
}

/** RE2 (the engine Kubernetes uses for `matches`), each pattern compiled once per process. */
const PATTERNS = new Map<string, RE2JS>();
const re2 = {
  compile(pattern: string): RE2JS {
    let compiled = PATTERNS.get(pattern);
    if (!compiled) PATTERNS.set(pattern, compiled = RE2JS.compile(pattern));
    return compiled;
  },
};

const ENV = celEnv({ funcs: strings, re2 });

type Program = (bindings: { self: unknown; oldSelf?: unknown }) => unknown;
type Compiled = { program: Program; transition: boolean } | { error: string };

const COMPILED = new Map<string, Compiled>();

// deno-lint-ignore no-explicit-any
type Expr = any;

/** The functions an expression calls that the environment does not have. */
function unbound(expr: Expr, out: Set<string> = new Set()): Set<string> {
  if (!expr || typeof expr !== "object") return out;
  const kind = expr.exprKind;
  if (kind?.case === "callExpr") {
    const name: string = kind.value.function;
    if (!/^[_@]/.test(name) && !ENV.funcs.find(name)) out.add(name);
  }
  for (const value of Object.values(kind?.value ?? {})) {
    if (Array.isArray(value)) value.forEach((item) => unbound(item?.value ?? item, out));
    else unbound(value, out);
  }
  return out;
}

const MACROS = new Set(["has", "all", "exists", "exists_one", "map", "filter"]);

/** A rule compiled once: its program, or why it cannot run. */
export function compileRule(rule: string): Compiled {
  let compiled = COMPILED.get(rule);
  if (compiled) return compiled;
  try {
    const parsed = parse(rule);
    const missing = [...unbound(parsed.expr)].filter((name) => !MACROS.has(name));
    compiled = missing.length > 0
      ? { error: `calls ${missing.join(", ")}, which the CEL engine does not have` }
      : { program: plan(ENV, parsed) as Program, transition: /\boldSelf\b/.test(rule) };
  } catch (cause) {
    compiled = { error: `does not compile: ${(cause as Error).message.split("\n")[0]}` };
  }
  COMPILED.set(rule, compiled);
  return compiled;
}

/** CEL's reserved words: a property of that name is `__<word>__` in a rule (`p.__namespace__`). */
const RESERVED = new Set(
  ("true false null in as break const continue else for function if import let loop package " +
    "namespace return var void while").split(" "),
);

/**
 * A declared property's name as rules read it (k8s.io/apiserver v0.34.0
 * `pkg/cel/escaping.go`; keys of free-form maps are not escaped): reserved words as `__word__`,
 * then `__` as `__underscores__`, `.` `-` `/` as `__dot__`, `__dash__`, `__slash__`.
 */
export function escapeProperty(name: string): string {
  if (RESERVED.has(name)) return `__${name}__`;
  return name.replaceAll("__", "__underscores__").replaceAll(".", "__dot__")
    .replaceAll("-", "__dash__").replaceAll("/", "__slash__");
}

/**
 * A value as CEL sees it: integers where the schema says integer are CEL ints,
 * declared properties under their escaped names, nulls of fields that are not
 * nullable dropped (the API server prunes them).
 */
function celValue(schema: SchemaProps | undefined, value: unknown): unknown {
  if (typeof value === "number" && Number.isInteger(value)) {
    const integral = schema?.type === "integer" || schema?.["x-kubernetes-int-or-string"];
    return integral ? BigInt(value) : value;
  }
  if (Array.isArray(value)) return value.map((item) => celValue(schema?.items, item));
  if (value === null || typeof value !== "object") return value;
  const extra = typeof schema?.additionalProperties === "object"
    ? schema.additionalProperties
    : undefined;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const declared = schema?.properties?.[key];
    const sub = declared ?? extra;
    if (child === undefined || (child === null && !sub?.nullable)) continue;
    out[declared ? escapeProperty(key) : key] = celValue(sub, child);
  }
  return out;
}

function messageOf(rule: ValidationRule, self: unknown): string {
  if (rule.messageExpression) {
    const compiled = compileRule(rule.messageExpression);
    if ("program" in compiled) {
      const text = compiled.program({ self });
      if (typeof text === "string" && text !== "") return text;
    }
  }
  return rule.message ?? `failed rule: ${rule.rule}`;
}

/** The node's path, then the rule's `fieldPath` below it (`.spec.x`, `['key']`). */
function at(path: string, fieldPath: string | undefined): string {
  if (!fieldPath) return path || "(top level)";
  const joined = fieldPath.startsWith(".") || fieldPath.startsWith("[")
    ? `${path}${fieldPath}`
    : `${path}.${fieldPath}`;
  return joined.replace(/^\./, "");
}

/**
 * The violations of one schema node's value against its CEL rules.
 *
 * @example
 * ```ts
 * import { celViolations } from "./cel.ts";
 * import assert from "node:assert/strict";
 * const schema = {
 *   type: "object",
 *   properties: { min: { type: "integer" }, max: { type: "integer" } },
 *   "x-kubernetes-validations": [{ rule: "self.min <= self.max", message: "min must not exceed max" }],
 * };
 * assert.deepEqual(celViolations(schema, { min: 1, max: 2 }, "spec"), []);
 * assert.deepEqual(celViolations(schema, { min: 3, max: 2 }, "spec"), [
 *   { path: "spec", message: "min must not exceed max" },
 * ]);
 * ```
 */
export function celViolations(schema: SchemaProps, value: unknown, path: string): Violation[] {
  return failures(schema, value).map(({ fieldPath, message }) => ({
    path: fieldPath === undefined ? path || "(top level)" : at(path, fieldPath),
    message,
  }));
}

/** What failed on a value: each failed rule's `fieldPath` (none: the node itself) and message. */
type Failure = { fieldPath?: string; message: string };

/**
 * The rules are pure functions of `self` (transition rules aside, which a create
 * does not run): the failures of a node's value are computed once per distinct
 * value, as thousands of routes share their matches, parents and filters.
 */
const SEEN = new WeakMap<SchemaProps, Map<string, Failure[]>>();
const SEEN_LIMIT = 10_000;

function failures(schema: SchemaProps, value: unknown): Failure[] {
  let seen = SEEN.get(schema);
  if (!seen) SEEN.set(schema, seen = new Map());
  const key = JSON.stringify(value);
  let out = seen.get(key);
  if (!out) {
    out = evaluate(schema, value);
    if (seen.size >= SEEN_LIMIT) seen.clear();
    seen.set(key, out);
  }
  return out;
}

function evaluate(schema: SchemaProps, value: unknown): Failure[] {
  const out: Failure[] = [];
  const self = celValue(schema, value);
  for (const rule of (schema["x-kubernetes-validations"] ?? []) as ValidationRule[]) {
    const compiled = compileRule(rule.rule);
    if ("error" in compiled) {
      out.push({ message: `rule ${rule.rule} ${compiled.error}` });
      continue;
    }
    if (compiled.transition) continue; // evaluated on updates only
    const result = compiled.program({ self });
    if (result === true) continue;
    const message = isCelError(result)
      ? `rule ${rule.rule} could not be evaluated: ${(result as Error).message}`
      : messageOf(rule, self);
    out.push({ fieldPath: rule.fieldPath ?? "", message });
  }
  return out;
}

/** The structural walk's hook for CEL rules. */
export const celRulesHook: RulesHook = celViolations;
