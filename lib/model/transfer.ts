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

/** The most a cluster's data may hold on arrival: far beyond any cluster, far below a stalled render. */
export const TRANSFER_LIMITS = { depth: 100, nodes: 2_000_000 } as const;

/**
 * Why `value`, as it arrived from a sandbox, is not a tree of plain data the
 * main thread may walk: a repeated or circular object (what `encodeMarkers`
 * never sends, and what would make a walk of it loop or explode), nesting deeper
 * than `TRANSFER_LIMITS.depth`, or more than `TRANSFER_LIMITS.nodes` values.
 * `undefined` when it is one. The walk itself is iterative and bounded.
 *
 * @example
 * ```ts
 * import { notATree } from "./transfer.ts";
 * import assert from "node:assert/strict";
 * const shared = { a: 1 };
 * assert.equal(notATree({ x: [1, "two"] }), undefined);
 * assert.match(notATree({ x: shared, y: shared }) ?? "", /more than once/);
 * ```
 */
export function notATree(value: unknown): string | undefined {
  const seen = new WeakSet<object>();
  const stack: [unknown, number][] = [[value, 0]];
  let nodes = 0;
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (++nodes > TRANSFER_LIMITS.nodes) return `more than ${TRANSFER_LIMITS.nodes} values`;
    if (node === null || typeof node !== "object") continue;
    if (depth >= TRANSFER_LIMITS.depth) return `nested deeper than ${TRANSFER_LIMITS.depth}`;
    if (seen.has(node)) return "an object that appears more than once (or inside itself)";
    seen.add(node);
    const children = Object.values(node);
    if (nodes + stack.length + children.length > TRANSFER_LIMITS.nodes) {
      return `more than ${TRANSFER_LIMITS.nodes} values`;
    }
    for (const child of children) stack.push([child, depth + 1]);
  }
  return undefined;
}
