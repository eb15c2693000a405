/**
 * Go durations (`15s`, `1h30m`, `500ms`), as Kubernetes and Cilium write them.
 *
 * @module
 */

const UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  "µs": 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/**
 * Parses a Go duration into milliseconds; `undefined` when it is not one.
 *
 * @example
 * ```ts
 * import { parseDuration } from "./duration.ts";
 * import assert from "node:assert/strict";
 * assert.equal(parseDuration("1h30m"), 5_400_000);
 * assert.equal(parseDuration("1.5s"), 1500);
 * assert.equal(parseDuration("15"), undefined);
 * ```
 */
export function parseDuration(text: string): number | undefined {
  const part = /([0-9]+(?:\.[0-9]+)?)(ns|us|µs|ms|s|m|h)/y;
  let total = 0;
  let index = 0;
  while (index < text.length) {
    part.lastIndex = index;
    const match = part.exec(text);
    if (!match) return undefined;
    total += Number(match[1]) * UNITS[match[2]];
    index = part.lastIndex;
  }
  return text.length > 0 ? total : undefined;
}
