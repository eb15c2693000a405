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
 * `quantity`, ...), is reported as a violation, never skipped. Each evaluation
 * runs under the API server's cost limits (./cel_cost.ts): a rule past the
 * per-call limit, or past what is left of the object's budget, stops the rules
 * of that object with a violation that blames the rule (`ofSchema`), not the
 * value. The API server runs a node's rules before its children's; the
 * structural walk runs them after, so which rule meets an exhausted budget first
 * can differ.
 *
 * @module
 */
import { celEnv, isCelError, parse, plan } from "@bufbuild/cel";
import { RE2JS } from "@bufbuild/re2";
import { strings } from "@bufbuild/cel/ext";
import type { CostBudget, RulesHook, SchemaProps, Violation } from "./structural.ts";
import {
  costedEnv,
  instrument,
  PER_CALL_LIMIT,
  RUNTIME_COST_BUDGET,
  withCost,
} from "./cel_cost.ts";

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
/** The same environment, its programs charging their cost as they run. */
const COSTED = costedEnv(ENV);
let nextId = 1n << 40n;

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
      : {
        program: plan(COSTED, instrument(parsed.expr, ENV, () => nextId++)) as Program,
        transition: /\boldSelf\b/.test(rule),
      };
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

/** One evaluation of a compiled program under the per-call limit: its value and cost. */
function run(program: Program, self: unknown) {
  const { value, tracker } = withCost(PER_CALL_LIMIT, () => program({ self }));
  return { value, cost: tracker.cost, overLimit: tracker.exceeded };
}

/** A failed rule's message: its `messageExpression`'s value, its `message`, or the rule. */
function messageOf(rule: ValidationRule, self: unknown) {
  const fallback = rule.message ?? `failed rule: ${rule.rule}`;
  if (!rule.messageExpression) return { text: fallback, cost: 0, overLimit: false };
  const compiled = compileRule(rule.messageExpression);
  if (!("program" in compiled)) return { text: fallback, cost: 0, overLimit: false };
  const { value, cost, overLimit } = run(compiled.program, self);
  const text = typeof value === "string" && value !== "" ? value : fallback;
  return { text, cost, overLimit };
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
 * The violations of one schema node's value against its CEL rules, each rule's cost
 * taken from `budget` (what is left of the object's; a fresh one by default). A rule
 * past the per-call limit or the budget stops the object's rules (`budget.remaining`
 * below 0), as the API server stops them.
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
export function celViolations(
  schema: SchemaProps,
  value: unknown,
  path: string,
  budget: CostBudget = { remaining: RUNTIME_COST_BUDGET },
): Violation[] {
  const out: Violation[] = [];
  const here = path || "(top level)";
  for (const outcome of outcomes(schema, value)) {
    if (budget.remaining < 0) break; // a rule before stopped the object's rules
    const over = outcome.cost > budget.remaining
      ? overBudget(outcome.rule)
      : outcome.overLimit
      ? overLimit(outcome.rule, outcome.cost)
      : undefined;
    if (over) {
      budget.remaining = -1;
      out.push({ path: here, message: over, ofSchema: { rule: outcome.rule } });
      break;
    }
    budget.remaining -= outcome.cost;
    const failure = outcome.failure;
    if (failure) {
      out.push({
        path: failure.fieldPath === undefined ? here : at(path, failure.fieldPath),
        message: failure.message,
      });
    }
  }
  return out;
}

const overLimit = (rule: string, cost: number) =>
  `rule ${rule} costs more than the API server's per-call CEL limit of ${PER_CALL_LIMIT} units (stopped at ${cost}: "operation cancelled: actual cost limit exceeded"); the API server runs no further rule on the object and refuses it`;

const overBudget = (rule: string) =>
  `rule ${rule} takes the object past the API server's CEL cost budget of ${RUNTIME_COST_BUDGET} units for all its rules ("validation failed due to running out of cost budget, no further validation rules will be run"); the API server refuses the object`;

/** What failed on a value: each failed rule's `fieldPath` (none: the node itself) and message. */
type Failure = { fieldPath?: string; message: string };

/** One rule on one value: what it cost, whether it passed the per-call limit, how it failed. */
interface Outcome {
  rule: string;
  cost: number;
  overLimit?: boolean;
  failure?: Failure;
}

/**
 * The rules are pure functions of `self` (transition rules aside, which a create
 * does not run): the outcomes on a node's value are computed once per distinct
 * value, as thousands of routes share their matches, parents and filters; each
 * object is charged their cost all the same.
 */
const SEEN = new WeakMap<SchemaProps, Map<string, Outcome[]>>();
const SEEN_LIMIT = 10_000;

function outcomes(schema: SchemaProps, value: unknown): Outcome[] {
  let seen = SEEN.get(schema);
  if (!seen) SEEN.set(schema, seen = new Map());
  const key = JSON.stringify(value);
  let out = seen.get(key);
  if (!out) {
    const self = celValue(schema, value);
    out = ((schema["x-kubernetes-validations"] ?? []) as ValidationRule[]).map((rule) =>
      evaluate(rule, self)
    );
    if (seen.size >= SEEN_LIMIT) seen.clear();
    seen.set(key, out);
  }
  return out;
}

function evaluate(rule: ValidationRule, self: unknown): Outcome {
  const compiled = compileRule(rule.rule);
  if ("error" in compiled) {
    return {
      rule: rule.rule,
      cost: 0,
      failure: { message: `rule ${rule.rule} ${compiled.error}` },
    };
  }
  if (compiled.transition) return { rule: rule.rule, cost: 0 }; // evaluated on updates only
  const { value, cost, overLimit } = run(compiled.program, self);
  if (overLimit) return { rule: rule.rule, cost, overLimit };
  if (value === true) return { rule: rule.rule, cost };
  const fieldPath = rule.fieldPath ?? "";
  if (isCelError(value)) {
    const message = `rule ${rule.rule} could not be evaluated: ${(value as Error).message}`;
    return { rule: rule.rule, cost, failure: { fieldPath, message } };
  }
  const message = messageOf(rule, self);
  const total = cost + message.cost;
  if (message.overLimit) return { rule: rule.messageExpression!, cost: total, overLimit: true };
  return { rule: rule.rule, cost: total, failure: { fieldPath, message: message.text } };
}

/** The structural walk's hook for CEL rules. */
export const celRulesHook: RulesHook = celViolations;
