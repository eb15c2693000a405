/**
 * Reading plain JSON-like data by path.
 *
 * @module
 */

/**
 * A record, or `undefined` when it is empty: a key left `undefined` is not emitted, so an empty
 * record renders nothing.
 *
 * @example
 * ```ts
 * import { nonEmpty } from "./json.ts";
 * import assert from "node:assert/strict";
 * assert.equal(nonEmpty({}), undefined);
 * assert.deepEqual(nonEmpty({ a: "1" }), { a: "1" });
 * ```
 */
export function nonEmpty<T extends object>(value: T): T | undefined {
  return Object.keys(value).length > 0 ? value : undefined;
}

/** The value at a dotted path of plain objects, or `undefined`. */
export function valueAt(object: unknown, path: readonly string[]): unknown {
  let value = object;
  for (const key of path) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
