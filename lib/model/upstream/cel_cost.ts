/**
 * The API server's runtime cost of a CEL rule, counted while `@bufbuild/cel`
 * evaluates it, and the evaluation cut off past a limit, as the API server cuts
 * it off. `@bufbuild/cel` 0.6.1 has no cost tracking, so the rule's syntax tree
 * is rewritten before planning: every node cel-go charges for is wrapped in a
 * call to a hidden function that adds its cost and passes its value through, and
 * every function of the environment charges its call's cost from its arguments.
 * The costs are cel-go v0.26.0's (the version Kubernetes v1.34 builds with):
 * `interpreter/runtimecost.go` (an identifier or a field selection 1, an index 1,
 * a constant 0, a list literal 10, a map literal 30, a message 40, `&&` `||` and
 * `?:` nothing of their own; a call by its overload: string traversals at 0.1 a
 * character, `in` a list at its size, `matches` string x pattern, 1 otherwise),
 * with Kubernetes' own function costs (k8s.io/apiserver v0.34.0
 * `pkg/cel/library/cost.go` CallCost: `lowerAscii`, `split`, `join`, `indexOf`,
 * ...) and its presence tests free (`pkg/cel/environment/base.go`,
 * PresenceTestHasCost(false)). The limits are the API server's
 * (k8s.io/apiserver v0.34.0 `pkg/apis/cel/config.go`): PerCallLimit, one
 * evaluation of one rule, and RuntimeCELCostBudget, all the rules of one object.
 *
 * What differs from the API server: the rule is not type-checked, so a call's
 * cost is chosen by the runtime types of its arguments, not by the checked
 * overload; a comprehension's hidden accumulator is charged like any variable;
 * the static estimate the API server makes when a CRD is created (a rule whose
 * worst case over the schema's maxItems and maxLength passes 10,000,000 refuses
 * the CRD; apiextensions-apiserver v0.34.0 `pkg/apis/apiextensions/validation`,
 * StaticEstimatedCostLimit) is not made: only what a rule costs on the rendered
 * objects counts.
 *
 * @module
 */
import { type CelEnv, isCelList } from "@bufbuild/cel";

/** Cost units one evaluation of one rule may take (k8s.io/apiserver v0.34.0 `PerCallLimit`). */
export const PER_CALL_LIMIT = 1_000_000;

/** Cost units all the rules of one object may take (k8s.io/apiserver v0.34.0 `RuntimeCELCostBudget`). */
export const RUNTIME_COST_BUDGET = 10_000_000;

/** What one evaluation has spent, and whether it passed its limit. */
export interface CostTracker {
  cost: number;
  limit: number;
  exceeded: boolean;
}

/** Thrown to stop an evaluation past its limit; the engine turns it into an error value. */
class CostLimitExceeded extends Error {}

let current: CostTracker | undefined;

function charge(units: number): void {
  const tracker = current;
  if (!tracker) return;
  tracker.cost += units;
  if (tracker.cost > tracker.limit) {
    tracker.exceeded = true;
    throw new CostLimitExceeded("operation cancelled: actual cost limit exceeded");
  }
}

/**
 * Runs `work` (an evaluation) with a fresh tracker of `limit` units: the cost it
 * took, and whether it was stopped past the limit (its value is then an error).
 */
export function withCost<T>(limit: number, work: () => T): { value: T; tracker: CostTracker } {
  const tracker: CostTracker = { cost: 0, limit, exceeded: false };
  const previous = current;
  current = tracker;
  try {
    return { value: work(), tracker };
  } finally {
    current = previous;
  }
}

const FACTOR = 0.1; // cel-go common.StringTraversalCostFactor
const REGEX_FACTOR = 0.25; // cel-go common.RegexStringLengthCostFactor

/** cel-go's actualSize: the size of a string (runes), bytes, a list or a map; 1 for the rest. */
function sizeOf(value: unknown): number {
  if (typeof value === "string") {
    let runes = 0;
    for (const _ of value) runes++;
    return runes;
  }
  if (value instanceof Uint8Array) return value.length;
  const size = (value as { size?: unknown } | null)?.size;
  return typeof size === "number" ? size : 1;
}

/** Kubernetes' traversalCost for strings and bytes (pkg/cel/library/cost.go), truncated as there. */
const traversal = (value: unknown) =>
  typeof value === "string"
    ? Math.floor(new TextEncoder().encode(value).length * FACTOR)
    : value instanceof Uint8Array
    ? Math.floor(value.length * FACTOR)
    : sizeOf(value);

const textual = (value: unknown) => typeof value === "string" || value instanceof Uint8Array;
const scan = (value: unknown, factor = FACTOR) => Math.ceil(sizeOf(value) * factor);

/** Kubernetes' CallCost for the functions of its libraries the engine has (string extensions). */
function libraryCost(name: string, args: unknown[], result: unknown): number | undefined {
  switch (name) {
    case "lowerAscii":
    case "upperAscii":
    case "substring":
    case "trim":
      return scan(args[0]);
    case "replace":
    case "split":
      return Math.ceil(sizeOf(args[0]) * 2 * FACTOR);
    case "join":
      return Math.ceil(sizeOf(result) * 2 * FACTOR);
    case "indexOf":
    case "lastIndexOf":
      return traversal(args[0]);
  }
  return undefined;
}

/** cel-go's costCall: what a call costs, from its function, arguments (target first) and result. */
export function callCost(name: string, args: unknown[], result: unknown): number {
  const library = libraryCost(name, args, result);
  if (library !== undefined) return library;
  const [a, b] = args;
  switch (name) {
    case "startsWith":
    case "endsWith":
    case "format":
    case "strings.quote":
      return scan(a);
    case "string":
    case "bytes":
      return textual(a) ? scan(a) : 1;
    case "@in":
      return isCelList(b) ? sizeOf(b) : 1;
    case "_<_":
    case "_<=_":
    case "_>_":
    case "_>=_":
      return textual(a) && textual(b) ? Math.ceil(Math.min(sizeOf(a), sizeOf(b)) * FACTOR) : 1;
    case "_==_":
    case "_!=_":
      return Math.ceil(Math.min(sizeOf(a), sizeOf(b)) * FACTOR);
    case "_+_":
      return textual(a) && textual(b) ? Math.ceil((sizeOf(a) + sizeOf(b)) * FACTOR) : 1;
    case "matches":
      return Math.ceil((1 + sizeOf(a)) * FACTOR) * scan(b, REGEX_FACTOR);
    case "contains":
      return scan(a) * scan(b);
  }
  return 1;
}

/** The hidden function that charges `units` and passes its argument through. */
const CHARGE = /^@hydrate_cost_(\d+)$/;

/** Calls by name, the engine's group for the name or the hidden charge. */
interface Callable {
  call(id: number, target: unknown, args: unknown[]): unknown;
}

/** The environment's functions, each charging its cost, and the hidden charge functions. */
function costedFuncs(funcs: CelEnv["funcs"]): CelEnv["funcs"] {
  const made = new Map<string, Callable | undefined>();
  const make = (name: string): Callable | undefined => {
    const units = CHARGE.exec(name);
    if (units) {
      const cost = Number(units[1]);
      return { call: (_id, _target, args) => (charge(cost), args[0]) };
    }
    const group = funcs.find(name) as Callable | undefined;
    if (!group) return undefined;
    return {
      call(id, target, args) {
        const result = group.call(id, target, args);
        if (result !== undefined) {
          charge(callCost(name, target === undefined ? args : [target, ...args], result));
        }
        return result;
      },
    };
  };
  const find = (name: string) => {
    if (!made.has(name)) made.set(name, make(name));
    return made.get(name);
  };
  return { find, [Symbol.iterator]: () => funcs[Symbol.iterator]() } as unknown as CelEnv["funcs"];
}

/** The environment whose programs charge their cost to the running tracker. */
export function costedEnv(env: CelEnv): CelEnv {
  const funcs = costedFuncs(env.funcs);
  return {
    get namespace() {
      return env.namespace;
    },
    get registry() {
      return env.registry;
    },
    get variables() {
      return env.variables;
    },
    funcs,
  } as CelEnv;
}

// deno-lint-ignore no-explicit-any
type Expr = any;

/** What cel-go charges for a node itself, its children aside. */
function ownCost(expr: Expr): number {
  const { case: kind, value } = expr.exprKind ?? {};
  switch (kind) {
    case "identExpr":
      return 1;
    case "selectExpr":
      return value.testOnly ? 0 : 1;
    case "listExpr":
      return 10;
    case "structExpr":
      return value.messageName === "" ? 30 : 40;
    case "callExpr":
      // Indexing is a qualifier (1); `@not_strictly_false` a call the engine plans as its own node.
      return ["_[_]", "_[?_]", "@not_strictly_false", "__not_strictly_false__"].includes(
          value.function,
        )
        ? 1
        : 0;
  }
  return 0;
}

/** The qualified name a call's target spells (`strings` of `strings.quote(x)`), as the planner reads it. */
function qualifiedName(expr: Expr): string | undefined {
  const { case: kind, value } = expr.exprKind ?? {};
  if (kind === "identExpr") return value.name;
  if (kind !== "selectExpr" || value.testOnly || !value.operand) return undefined;
  const parent = qualifiedName(value.operand);
  return parent === undefined ? undefined : `${parent}.${value.field}`;
}

/** The node with its children instrumented (a namespaced function's target left as it is). */
function withChildren(expr: Expr, env: CelEnv, next: () => bigint): Expr {
  const { case: kind, value } = expr.exprKind ?? {};
  const sub = (child: Expr) => child && instrument(child, env, next);
  let out: Record<string, unknown>;
  if (kind === "selectExpr") out = { ...value, operand: sub(value.operand) };
  else if (kind === "callExpr") {
    const name = value.target && qualifiedName(value.target);
    const namespaced = name !== undefined && env.funcs.find(`${name}.${value.function}`);
    out = {
      ...value,
      target: namespaced ? value.target : sub(value.target),
      args: value.args.map(sub),
    };
  } else if (kind === "listExpr") out = { ...value, elements: value.elements.map(sub) };
  else if (kind === "structExpr") {
    out = {
      ...value,
      entries: value.entries.map((entry: Expr) => ({
        ...entry,
        keyKind: entry.keyKind.case === "mapKey"
          ? { case: "mapKey", value: sub(entry.keyKind.value) }
          : entry.keyKind,
        value: sub(entry.value),
      })),
    };
  } else if (kind === "comprehensionExpr") {
    out = { ...value };
    for (const part of ["iterRange", "accuInit", "loopCondition", "loopStep", "result"]) {
      out[part] = sub(value[part]);
    }
  } else return expr;
  return { ...expr, exprKind: { case: kind, value: out } };
}

/**
 * The expression with every node cel-go charges for wrapped in the hidden call that
 * charges it (`@hydrate_cost_1(self)`), the charge taken when the node's value is.
 * `next` gives the new nodes their ids.
 */
export function instrument(expr: Expr, env: CelEnv, next: () => bigint): Expr {
  const inner = withChildren(expr, env, next);
  const units = ownCost(expr);
  if (units === 0) return inner;
  return {
    $typeName: "cel.expr.Expr",
    id: next(),
    exprKind: {
      case: "callExpr",
      value: { $typeName: "cel.expr.Expr.Call", function: `@hydrate_cost_${units}`, args: [inner] },
    },
  };
}
