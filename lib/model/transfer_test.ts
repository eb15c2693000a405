import assert from "node:assert/strict";
import { decodeMarkers, encodeMarkers } from "./transfer.ts";
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
