import assert from "node:assert/strict";
import { decodeMarkers, encodeMarkers, notATree } from "./transfer.ts";
import { APPEND, append, isAppend, isRemove, remove } from "./merge.ts";

Deno.test("markers survive the structured clone between the sandbox and the main thread", () => {
  const value = {
    apps: append({ name: "a", tags: append("x") }),
    old: remove(),
    list: [1, { b: 2 }],
  };
  const back = decodeMarkers(structuredClone(encodeMarkers(value))) as Record<string, unknown>;
  assert.ok(isAppend(back.apps));
  const [app] = (back.apps as { [APPEND]: { tags: unknown }[] })[APPEND];
  assert.ok(isAppend(app.tags));
  assert.ok(isRemove(back.old));
  assert.deepEqual(back.list, [1, { b: 2 }]);
});

Deno.test("without encoding, a structured clone loses the markers (why transfer.ts exists)", () => {
  const back = structuredClone({ apps: append(1) }) as Record<string, unknown>;
  assert.ok(!isAppend(back.apps));
});

Deno.test("a tagged object that is not a well-formed marker stays plain data", () => {
  const odd = { __hydrate_marker__: "append", items: "not a list" };
  assert.deepEqual(decodeMarkers(odd), odd);
});

Deno.test("what arrives from a sandbox must be a bounded tree before the main thread walks it", async (t) => {
  const cycle: Record<string, unknown> = {};
  cycle.self = cycle;
  let bomb: unknown = 1;
  for (let i = 0; i < 40; i++) bomb = { a: bomb, b: bomb };
  let deep: unknown = 1;
  for (let i = 0; i < 150; i++) deep = { d: deep };
  const cases: [string, unknown, RegExp][] = [
    ["a cycle", structuredClone(cycle), /more than once/],
    ["2^40 nodes from 40 shared objects", structuredClone(bomb), /more than once/],
    ["nesting 150 deep", deep, /deeper than 100/],
    ["3 million values", { list: new Array(3_000_000).fill(0) }, /more than 2000000 values/],
  ];
  for (const [name, value, expected] of cases) {
    await t.step(name, () => assert.match(notATree(value) ?? "", expected));
  }
  await t.step("a cluster's data", () => {
    assert.equal(
      notATree(encodeMarkers({ apps: append({ a: [1, 2] }), values: { x: "y" } })),
      undefined,
    );
  });
});
