import assert from "node:assert/strict";
import { violations, withDefaults } from "./structural.ts";

const schema = {
  type: "object",
  properties: {
    spec: {
      type: "object",
      required: ["mode"],
      properties: {
        mode: { type: "string", enum: ["A", "B"], default: "A" },
        size: { type: "integer", minimum: 1 },
        tags: { type: "array", items: { type: "string" }, "x-kubernetes-list-type": "set" },
        extra: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
      },
    },
  },
};

Deno.test("a null the schema does not allow is pruned, then defaulted, as the API server does", () => {
  const defaulted = withDefaults(schema, { spec: { mode: null } });
  assert.deepEqual(defaulted, { spec: { mode: "A" } });
  assert.deepEqual(violations(schema, defaulted), []);
});

Deno.test("unknown fields are refused, except under preserve-unknown-fields", () => {
  assert.deepEqual(violations(schema, { spec: { mode: "A", colour: 1, extra: { any: 1 } } }), [
    { path: "spec.colour", message: "is not a field of the schema: the API server drops it" },
  ]);
});

Deno.test("types, enums, bounds, list sets and required fields", () => {
  assert.deepEqual(
    violations(schema, { spec: { mode: "C", size: 0, tags: ["a", "a"] } }).map((v) =>
      `${v.path}: ${v.message}`
    ),
    [
      'spec.mode: C is not one of "A", "B"',
      "spec.size: 0 is less than 1",
      'spec.tags: has the value "a" twice',
    ],
  );
  assert.deepEqual(violations(schema, { spec: {} }), [
    { path: "spec", message: 'lacks the required field "mode"' },
  ]);
});

Deno.test("an unknown field is named with the declared field it is likely a typo of", () => {
  assert.deepEqual(violations(schema, { spec: { mode: "A", sizes: 2 } }), [
    {
      path: "spec.sizes",
      message: 'is not a field of the schema: the API server drops it (did you mean "size"?)',
    },
  ]);
});

Deno.test("a pattern Go's regexp takes and JavaScript's does not (Cilium's ^\\PC*$) is matched with RE2", () => {
  const printable = { type: "string", pattern: "^\\PC*$" };
  assert.deepEqual(violations(printable, "audit"), []);
  assert.equal(violations(printable, "a\u0007b").length, 1);
});
