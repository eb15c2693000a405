/**
 * YAML from files Hydrate did not write (a Git app's folder, a committed tree under review), read
 * with bounded work: js-yaml shares an aliased node instead of copying it, so a few hundred bytes of
 * nested aliases (a "billion laughs") stand for billions of values that the next walk over them
 * (a schema check, a diff, a YAML writer) would expand until memory runs out. Each document is
 * measured as such a walk sees it, counting every visit, and refused past `MAX_EXPANDED_VALUES`.
 *
 * @module
 */
import { loadAll } from "js-yaml";

/** How many values a document may expand to (a large CRD is about 100,000). */
export const MAX_EXPANDED_VALUES = 2_000_000;

/** Whether walking `value` as a tree (aliases expanded) visits more than `limit` values. */
export function expandsPast(value: unknown, limit = MAX_EXPANDED_VALUES): boolean {
  const stack: unknown[] = [value];
  let visits = 0;
  while (stack.length > 0) {
    const node = stack.pop();
    if (++visits > limit) return true;
    if (node === null || typeof node !== "object") continue;
    const children = Object.values(node);
    if (visits + stack.length + children.length > limit) return true;
    for (const child of children) stack.push(child);
  }
  return false;
}

/**
 * The documents of a YAML text (nulls left out), or why they are refused: a syntax error, or a
 * document that expands past the bound.
 *
 * @example
 * ```ts
 * import { loadAllBounded } from "./bounded_yaml.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(loadAllBounded("a: 1\n---\nb: [x]\n"), [{ a: 1 }, { b: ["x"] }]);
 * const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
 * for (let i = 0; i < 8; i++) bomb.push(`${"bcdefghi"[i]}: &${"bcdefghi"[i]} [${Array(10).fill("*" + "abcdefgh"[i]).join(", ")}]`);
 * assert.match(String(loadAllBounded(bomb.join("\n"))), /expands to more than/);
 * ```
 */
export function loadAllBounded(text: string): unknown[] | string {
  let docs: unknown[];
  try {
    docs = loadAll(text).filter((doc) => doc !== null && doc !== undefined);
  } catch (cause) {
    return `not YAML: ${(cause as Error).message.split("\n")[0]}`;
  }
  if (docs.some((doc) => expandsPast(doc))) {
    return `a document that expands to more than ${MAX_EXPANDED_VALUES} values through its aliases`;
  }
  return docs;
}
