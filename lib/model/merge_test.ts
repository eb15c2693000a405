import assert from "node:assert/strict";
import fc from "fast-check";
import { append, deepMerge, extend, isAppend, isRemove, remove } from "./merge.ts";

Deno.test("deepMerge merges objects key by key, replaces arrays and scalars", () => {
  const base = { a: { b: 1, c: [1, 2] }, d: "x", keep: true };
  const out = deepMerge(base, { a: { c: [3], e: null }, d: 4 });
  assert.deepEqual(out, { a: { b: 1, c: [3], e: null }, d: 4, keep: true });
  assert.deepEqual(base, { a: { b: 1, c: [1, 2] }, d: "x", keep: true }, "base is unchanged");
});

Deno.test("deepMerge: an object replaces a scalar and a scalar replaces an object", () => {
  assert.deepEqual(deepMerge({ a: 1 }, { a: { b: 2 } }), { a: { b: 2 } });
  assert.deepEqual(deepMerge({ a: { b: 2 } }, { a: false }), { a: false });
  assert.deepEqual(deepMerge({ a: 1 }, undefined), { a: 1 });
  assert.deepEqual(deepMerge({ a: 1 }, { a: undefined }), { a: 1 });
});

Deno.test("deepMerge laws (property): identity, idempotence, override wins on every leaf", () => {
  const json = fc.jsonValue({ maxDepth: 4 });
  fc.assert(fc.property(json, (value) => {
    assert.deepEqual(
      deepMerge(value, {}),
      typeof value === "object" && value !== null && !Array.isArray(value) ? value : {},
    );
    assert.deepEqual(deepMerge(value, value), value);
  }));
  fc.assert(
    fc.property(fc.dictionary(fc.string(), json), fc.dictionary(fc.string(), json), (a, b) => {
      const merged = deepMerge(a, b) as Record<string, unknown>;
      for (const key of Object.keys(b)) {
        const isObject = (v: unknown) => typeof v === "object" && v !== null && !Array.isArray(v);
        if (!isObject(b[key]) || !isObject(a[key])) assert.deepEqual(merged[key], b[key]);
      }
      for (const key of Object.keys(a)) if (!(key in b)) assert.deepEqual(merged[key], a[key]);
    }),
  );
});

Deno.test("deepMerge keeps a __proto__ key as data, never as a prototype", () => {
  const override = JSON.parse('{"__proto__": {"polluted": true}}');
  const out = deepMerge({ a: 1 }, override) as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(out), Object.prototype);
  assert.deepEqual(Object.keys(out), ["a", "__proto__"]);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

Deno.test("append() extends the base list, remove() deletes the key, at any depth", () => {
  const base = {
    cilium: {
      l2: { interfaces: ["^eth[0-9]+"] },
      values: { operator: { replicas: 2 }, debug: true },
    },
  };
  assert.deepEqual(
    deepMerge(base, {
      cilium: { l2: { interfaces: append("^bond[0-9]+") }, values: { debug: remove() } },
    }),
    {
      cilium: {
        l2: { interfaces: ["^eth[0-9]+", "^bond[0-9]+"] },
        values: { operator: { replicas: 2 } },
      },
    },
  );
  // With nothing stated below, a marker stays: parsing refuses it (it would replace a default,
  // or remove nothing, without a word).
  const appended = deepMerge({ a: 1 }, { b: append(1, 2) }) as Record<string, unknown>;
  assert.ok(isAppend(appended.b), "append to nothing stays a marker");
  const removed = deepMerge({ a: 1 }, { b: remove() }) as Record<string, unknown>;
  assert.ok(isRemove(removed.b), "removing a missing key stays a marker");
  const fresh = deepMerge({}, { a: { b: remove(), c: 1 } }) as { a: Record<string, unknown> };
  assert.ok(isRemove(fresh.a.b), "a marker in a new subtree stays too");
  assert.equal(fresh.a.c, 1);
});

Deno.test("extend and defineCluster layer left to right", () => {
  const shared: { domain: string; apps: Record<string, { namespace: string }>; tags: string[] } = {
    domain: "example.com",
    apps: { argocd: { namespace: "argocd" } },
    tags: ["a"],
  };
  const merged = extend(shared, {
    apps: { longhorn: { namespace: "longhorn-system" } },
    tags: append("b"),
  });
  assert.deepEqual(merged, {
    domain: "example.com",
    apps: { argocd: { namespace: "argocd" }, longhorn: { namespace: "longhorn-system" } },
    tags: ["a", "b"],
  });
  assert.deepEqual(shared.tags, ["a"], "the base is unchanged");
});

Deno.test("append and remove laws (property)", () => {
  const json = fc.jsonValue({ maxDepth: 3 });
  fc.assert(fc.property(fc.array(json), fc.array(json), (base, items) => {
    assert.deepEqual(deepMerge({ list: base }, { list: append(...items) }), {
      list: [...base, ...items],
    });
  }));
  fc.assert(fc.property(fc.dictionary(fc.string(), json), fc.string(), (base, key) => {
    const merged = deepMerge(base, { [key]: remove() }) as Record<string, unknown>;
    if (Object.hasOwn(base, key)) assert.ok(!Object.hasOwn(merged, key));
    else {assert.ok(
        isRemove(merged[key]),
        "nothing to remove: the marker stays, for parsing to refuse",
      );}
    for (const other of Object.keys(base)) {
      if (other !== key) assert.deepEqual(merged[other], base[other]);
    }
  }));
});
