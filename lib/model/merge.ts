/**
 * Deep merge with Jsonnet's `+` semantics: objects merge key by key, while
 * scalars and arrays in the override replace what they override. Appending to a
 * list and deleting a key are explicit: {@link append} and {@link remove}.
 *
 * @module
 */

/** A plain JSON-like object. */
export type PlainObject = { [key: string]: unknown };

/**
 * The key that marks an {@link Append}. Registered symbols (`Symbol.for`): a cluster file
 * imports `mod.ts` from the render's snapshot of the sources, a module instance apart from the
 * sandbox's own, and both must see one marker.
 */
export const APPEND: unique symbol = Symbol.for("hydrate.append");
/** The key that marks a {@link Remove}. */
export const REMOVE: unique symbol = Symbol.for("hydrate.remove");

/** An override that appends items to the list it overrides. */
export interface Append<T> {
  /** The items appended. */
  readonly [APPEND]: readonly T[];
}

/** An override that deletes the key it overrides. */
export interface Remove {
  /** Always true. */
  readonly [REMOVE]: true;
}

/**
 * Appends items to the list of the base, instead of replacing it.
 *
 * @example
 * ```ts
 * import { append, deepMerge } from "./merge.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(deepMerge({ interfaces: ["^eth[0-9]+"] }, { interfaces: append("^bond[0-9]+") }), {
 *   interfaces: ["^eth[0-9]+", "^bond[0-9]+"],
 * });
 * ```
 */
export function append<T>(...items: T[]): Append<T> {
  return { [APPEND]: items };
}

/**
 * Deletes the key from the base.
 *
 * @example
 * ```ts
 * import { deepMerge, remove } from "./merge.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(deepMerge({ a: 1, b: 2 }, { b: remove() }), { a: 1 });
 * ```
 */
export function remove(): Remove {
  return { [REMOVE]: true };
}

/** Whether a value is an {@link append} marker. */
export function isAppend(value: unknown): value is Append<unknown> {
  return value !== null && typeof value === "object" && APPEND in value;
}

/** Whether a value is a {@link remove} marker. */
export function isRemove(value: unknown): value is Remove {
  return value !== null && typeof value === "object" && REMOVE in value;
}

/**
 * What may override a `T`: any part of it, deeply; a list may be replaced or
 * appended to, and any key may be removed. Misspelt keys stay compile errors.
 */
export type Override<T> = T extends readonly (infer Item)[] ? T | Append<Item>
  // deno-lint-ignore ban-types
  : T extends Function ? T
  : T extends object ? { [K in keyof T]?: Override<T[K]> | Remove }
  : T;

/** Whether a value is a plain object (not an array, not null, not a marker). */
export function isPlainObject(value: unknown): value is PlainObject {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  if (isAppend(value) || isRemove(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Merges `override` onto `base` and returns a new value; neither input is changed.
 * Objects merge key by key (recursively), arrays and scalars replace, a key whose
 * override is `undefined` keeps the base value, {@link append} extends the base
 * list and {@link remove} deletes the key.
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
  if (isAppend(override)) {
    return [...(Array.isArray(base) ? base : []), ...override[APPEND]] as T;
  }
  // A value replacing one of another shape: markers in it have nothing below (parsing refuses them).
  if (!isPlainObject(base) || !isPlainObject(override)) return override as T;
  const out: PlainObject = {};
  for (const [key, value] of Object.entries(base)) define(out, key, value);
  for (const [key, value] of Object.entries(override)) {
    if (value === undefined) continue;
    // A marker with no stated value below it keeps its marker: parsing refuses it, since it would
    // otherwise replace the schema's default (an append) or do nothing (a remove) without a word.
    if (!Object.hasOwn(base, key)) define(out, key, value);
    else if (isRemove(value)) delete out[key];
    else define(out, key, deepMerge(base[key], value));
  }
  return out as T;
}

/**
 * Extends a base (shared defaults, a catalog entry) with an override:
 * {@link deepMerge} with a type that keeps the override honest.
 *
 * @example
 * ```ts
 * import { append, extend } from "./merge.ts";
 * import assert from "node:assert/strict";
 * const shared = { domain: "example.com", tags: ["gitops"] };
 * assert.deepEqual(extend(shared, { tags: append("staging") }), {
 *   domain: "example.com",
 *   tags: ["gitops", "staging"],
 * });
 * ```
 */
export function extend<T extends object>(base: T, override: NoInfer<Override<T>>): T {
  return deepMerge(base, override);
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
