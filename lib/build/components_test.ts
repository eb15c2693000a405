import assert from "node:assert/strict";
import { syncWaves } from "./components.ts";

const waves = (graph: Record<string, string[]>) => {
  const result = syncWaves(Object.entries(graph).map(([name, dependsOn]) => ({ name, dependsOn })));
  return result.ok ? Object.fromEntries(result.waves) : result;
};

Deno.test("waves: fan-out (one provider, many consumers) puts the consumers in one wave", () => {
  assert.deepEqual(waves({ cilium: [], a: ["cilium"], b: ["cilium"], c: ["cilium"] }), {
    cilium: 0,
    a: 1,
    b: 1,
    c: 1,
  });
});

Deno.test("waves: fan-in waits for the latest dependency", () => {
  assert.deepEqual(
    waves({
      cilium: [],
      lb: ["cilium"],
      gateway: ["cilium", "lb"],
      app: ["cilium", "gateway"],
      db: [],
    }),
    {
      cilium: 0,
      lb: 1,
      gateway: 2,
      app: 3,
      db: 0,
    },
  );
});

Deno.test("waves: order of listing does not matter", () => {
  assert.deepEqual(waves({ app: ["gateway"], gateway: ["cilium"], cilium: [] }), {
    app: 2,
    gateway: 1,
    cilium: 0,
  });
});

Deno.test("waves: a cycle and a missing dependency are errors that name the apps", () => {
  assert.deepEqual(waves({ cilium: [], a: ["b"], b: ["c"], c: ["a"] }), {
    ok: false,
    reason: "cycle",
    message: "dependency cycle: a -> b -> c -> a",
  });
  assert.deepEqual(waves({ a: ["a"] }), {
    ok: false,
    reason: "cycle",
    message: "dependency cycle: a -> a",
  });
  assert.deepEqual(waves({ a: ["minio", "redis"] }), {
    ok: false,
    reason: "missing",
    message: "a depends on unknown minio, redis",
  });
});
