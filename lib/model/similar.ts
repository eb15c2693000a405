/**
 * Suggestions for a mistyped name: the known name closest by edit distance.
 *
 * @module
 */

/**
 * The known key closest to `key` by edit distance, when it is close enough to be a typo.
 *
 * @example
 * ```ts
 * import { closest } from "./similar.ts";
 * import assert from "node:assert/strict";
 * assert.equal(closest("kubePrysm", ["kubePrism", "nodes"]), "kubePrism");
 * assert.equal(closest("zzz", ["kubePrism"]), undefined);
 * ```
 */
export function closest(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

/** The Levenshtein distance of two strings. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
    }
    previous = current;
  }
  return previous[b.length];
}
