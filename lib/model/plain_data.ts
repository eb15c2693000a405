/**
 * A cluster file states data: what YAML can hold. Anything else in it (a
 * function, a BigInt, NaN or Infinity, a value that refers back to itself) is
 * named by its path before the schema sees it, so it never reaches the emitter
 * as a stack trace; and a count in Helm values is never negative.
 *
 * @module
 */
import { error, formatPath, type Problem } from "./problem.ts";

/** Keys of Helm values that count things (a negative count is a typo, never a setting). */
const COUNT_KEY = /^(replicas|count)$|(Replicas|Count)$/;

function describe(value: unknown): string | undefined {
  switch (typeof value) {
    case "function":
      return "a function is not data (a cluster file states values, it does not compute them at render)";
    case "bigint":
      return `${value}n is a BigInt, which YAML cannot hold: write a number`;
    case "symbol":
      return "a symbol is not data";
    case "number":
      return Number.isFinite(value)
        ? undefined
        : `${value} is not a finite number, which YAML cannot hold`;
    default:
      return undefined;
  }
}

/**
 * Every place in `value` that is not plain data, with its path.
 *
 * @example
 * ```ts
 * import { nonData } from "./plain_data.ts";
 * import assert from "node:assert/strict";
 * const loop: Record<string, unknown> = {};
 * loop.self = loop;
 * assert.deepEqual(nonData({ a: NaN, b: loop }).map((p) => `${p.path}: ${p.message}`), [
 *   "a: NaN is not a finite number, which YAML cannot hold",
 *   "b.self: refers back to b: a value cannot contain itself",
 * ]);
 * ```
 */
export function nonData(value: unknown): Problem[] {
  const problems: Problem[] = [];
  const open = new Map<object, PropertyKey[]>();
  const walk = (node: unknown, path: PropertyKey[]) => {
    const wrong = describe(node);
    if (wrong) {
      problems.push(error(path, wrong));
      return;
    }
    if (node === null || typeof node !== "object") return;
    const seen = open.get(node);
    if (seen) {
      problems.push(
        error(path, `refers back to ${formatPath(seen)}: a value cannot contain itself`),
      );
      return;
    }
    open.set(node, path);
    const entries = Array.isArray(node)
      ? node.map((item, i) => [i, item] as const)
      : Object.entries(node);
    for (const [key, child] of entries) {
      if (
        typeof key === "string" && COUNT_KEY.test(key) && typeof child === "number" && child < 0
      ) {
        problems.push(error([...path, key], `${child} is a negative count`));
      } else walk(child, [...path, key]);
    }
    open.delete(node);
  };
  walk(value, []);
  return problems;
}
