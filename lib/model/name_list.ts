/**
 * A list of names for a message, cut to a bounded length: a message that lists
 * every one of 100,000 apps, once per app at fault, would take gigabytes.
 *
 * @module
 */

/** How many names a message lists before it counts the rest. */
export const LISTED_NAMES = 50;

/**
 * The names joined by `, `, the first {@link LISTED_NAMES} of them and then how many more.
 *
 * @example
 * ```ts
 * import { nameList } from "./name_list.ts";
 * import assert from "node:assert/strict";
 * assert.equal(nameList(["a", "b"]), "a, b");
 * assert.equal(nameList(["a", "b", "c"], 2), "a, b and 1 more");
 * ```
 */
export function nameList(names: readonly string[], limit = LISTED_NAMES): string {
  if (names.length <= limit) return names.join(", ");
  return `${names.slice(0, limit).join(", ")} and ${names.length - limit} more`;
}
