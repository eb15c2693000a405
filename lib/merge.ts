/**
 * Deep merge with Jsonnet's `+` semantics: objects merge key by key, while
 * scalars and arrays in the override replace what they override.
 *
 * @module
 */

/** A plain JSON-like object. */
export type PlainObject = { [key: string]: unknown };

/** Whether a value is a plain object (not an array, not null). */
export function isPlainObject(value: unknown): value is PlainObject {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Merges `override` onto `base` and returns a new value; neither input is changed.
 * Objects merge key by key (recursively), arrays and scalars replace, and a key
 * whose override is `undefined` keeps the base value.
 *
 * @example
 * ```ts
 * import { deepMerge } from "./merge.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(
 *   deepMerge({ bpf: { masquerade: true, ctAnyTimeout: 3600 }, tags: ["a"] }, {
 *     bpf: { ctAnyTimeout: 60 },
 *     tags: ["b"],
 *   }),
 *   { bpf: { masquerade: true, ctAnyTimeout: 60 }, tags: ["b"] },
 * );
 * ```
 */
export function deepMerge<T>(base: T, override: unknown): T {
  if (override === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(override)) return override as T;
  const out: PlainObject = {};
  for (const [key, value] of Object.entries(base)) define(out, key, value);
  for (const [key, value] of Object.entries(override)) {
    define(out, key, Object.hasOwn(base, key) ? deepMerge(base[key], value) : value);
  }
  return out as T;
}

/** Sets an own property, even one named `__proto__`, without touching the prototype. */
function define(target: PlainObject, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}
