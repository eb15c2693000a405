/**
 * A cluster file's data as it crosses from the sandbox to the main thread:
 * structured clone keeps plain data but drops the symbol keys that mark
 * `append()` and `remove()`, so they travel as tagged objects and are revived.
 *
 * @module
 */
import { APPEND, append, isAppend, isRemove, remove } from "./merge.ts";

/** The key of a marker in transit (a cluster file's own data never uses it). */
const TAG = "__hydrate_marker__";

/**
 * A copy of `value` with the markers as tagged plain objects.
 *
 * @example
 * ```ts
 * import { decodeMarkers, encodeMarkers } from "./transfer.ts";
 * import { append, isAppend } from "./merge.ts";
 * import assert from "node:assert/strict";
 * const sent = structuredClone(encodeMarkers({ list: append(1, 2) }));
 * assert.ok(isAppend((decodeMarkers(sent) as { list: unknown }).list));
 * ```
 */
export function encodeMarkers(value: unknown): unknown {
  if (isAppend(value)) return { [TAG]: "append", items: value[APPEND].map(encodeMarkers) };
  if (isRemove(value)) return { [TAG]: "remove" };
  if (Array.isArray(value)) return value.map(encodeMarkers);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeMarkers(v)]));
}

/** The value `encodeMarkers` was given back, markers revived. */
export function decodeMarkers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeMarkers);
  if (value === null || typeof value !== "object") return value;
  const tagged = value as Record<string, unknown>;
  if (tagged[TAG] === "append" && Array.isArray(tagged.items)) {
    return append(...tagged.items.map(decodeMarkers));
  }
  if (tagged[TAG] === "remove") return remove();
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeMarkers(v)]));
}
