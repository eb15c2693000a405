import assert from "node:assert/strict";
import { celViolations, compileRule, escapeProperty } from "./cel.ts";
import { PER_CALL_LIMIT, withCost } from "./cel_cost.ts";
import { isCelError } from "@bufbuild/cel";

Deno.test("a rule that is false fails with its message, at its fieldPath", () => {
  const schema = {
    type: "object",
    properties: { a: { type: "integer" } },
    "x-kubernetes-validations": [{ rule: "self.a > 1", message: "a is small", fieldPath: ".a" }],
  };
  assert.deepEqual(celViolations(schema, { a: 1 }, "spec"), [{
    path: "spec.a",
    message: "a is small",
  }]);
  assert.deepEqual(celViolations(schema, { a: 2 }, "spec"), []);
});

Deno.test("integers the schema types so are CEL ints: arithmetic with int literals works", () => {
  const schema = {
    type: "object",
    properties: { port: { type: "integer" } },
    "x-kubernetes-validations": [{ rule: "self.port + 1 == 81" }],
  };
  assert.deepEqual(celViolations(schema, { port: 80 }, ""), []);
});

Deno.test("a rule the engine cannot compile or run is reported, never skipped", () => {
  const schema = {
    type: "string",
    "x-kubernetes-validations": [
      { rule: "isIP(self)" },
      { rule: "self.?a.orValue(1) == 1" },
      { rule: "self.startsWith(" },
    ],
  };
  const messages = celViolations(schema, "10.0.0.1", "spec.ip").map((v) => v.message);
  assert.equal(messages.length, 3);
  assert.match(messages[0], /calls isIP, which the CEL engine does not have/);
  assert.match(messages[1], /does not compile/);
  assert.match(messages[2], /does not compile/);
});

Deno.test("transition rules (oldSelf) are not evaluated on a create, as the API server does", () => {
  const schema = { type: "string", "x-kubernetes-validations": [{ rule: "self == oldSelf" }] };
  assert.deepEqual(celViolations(schema, "a", "x"), []);
  assert.ok("program" in compileRule("self == oldSelf"));
});

Deno.test("declared properties are read under their escaped names (p.__namespace__)", () => {
  assert.equal(escapeProperty("namespace"), "__namespace__");
  assert.equal(escapeProperty("x-y.z/w__v"), "x__dash__y__dot__z__slash__w__underscores__v");
  const schema = {
    type: "object",
    properties: { namespace: { type: "string" } },
    "x-kubernetes-validations": [{ rule: "has(self.__namespace__) && self.__namespace__ == 'a'" }],
  };
  assert.deepEqual(celViolations(schema, { namespace: "a" }, ""), []);
  assert.equal(celViolations(schema, { namespace: "b" }, "").length, 1);
});

Deno.test("the strings extension is there (split)", () => {
  const schema = {
    type: "string",
    "x-kubernetes-validations": [{
      rule: "self.split('/')[0].size() < 5",
      message: "prefix too long",
    }],
  };
  assert.deepEqual(celViolations(schema, "abc/def", ""), []);
  assert.deepEqual(celViolations(schema, "abcdefg/h", ""), [{
    path: "(top level)",
    message: "prefix too long",
  }]);
});

Deno.test("a rule's cost is cel-go's runtime cost (v0.26.0, checked, presence tests free)", () => {
  // Each figure is what cel-go v0.26.0's CostTracker reports for the rule, type-checked with
  // `self` of the value's type and PresenceTestHasCost(false), as Kubernetes v1.34 runs it.
  const celGo: [string, unknown, number][] = [
    ["self.size() > 0", [1], 3],
    ["self.all(x, x.a == 1)", [{ a: 2 }], 8],
    ["self.startsWith('abc')", "abcdefghij".repeat(9) + "abcde", 11],
    ["self.matches('^[a-z]+$')", "abcdefghijklmnopqrs", 5],
    ["[1, 2, 3].size() == 3", [], 12],
    ["has(self.a) && self.a > 1", { a: 2 }, 4],
    ["self.map(x, x * 2).size() == 3", [1, 2, 3], 56],
    ["self.exists(x, x == 'b')", ["a", "b", "c"], 17],
    ["self[0] + self[1] == 3", [1, 2], 6],
    ["self.all(x, self.all(y, x + y >= 0))", [1, 2, 3, 4], 134],
  ];
  for (const [rule, value, cost] of celGo) {
    const compiled = compileRule(rule);
    assert.ok("program" in compiled, rule);
    const self = JSON.parse(JSON.stringify(value), (_, v) => typeof v === "number" ? BigInt(v) : v);
    const run = withCost(PER_CALL_LIMIT, () => compiled.program({ self }));
    assert.ok(!isCelError(run.value), rule);
    assert.equal(run.tracker.cost, cost, rule);
  }
});

Deno.test("an evaluation past the per-call limit is stopped there, as the API server stops it", () => {
  const compiled = compileRule("self.all(x, self.all(y, x + y >= 0))");
  assert.ok("program" in compiled);
  const self = Array.from({ length: 1_000 }, (_, i) => BigInt(i));
  const run = withCost(PER_CALL_LIMIT, () => compiled.program({ self }));
  assert.ok(run.tracker.exceeded);
  assert.equal(run.tracker.cost, PER_CALL_LIMIT + 1);
  assert.match(String(run.value), /actual cost limit exceeded/);
  const schema = {
    type: "array",
    "x-kubernetes-validations": [{ rule: "self.all(x, self.all(y, x + y >= 0))" }],
  };
  const [violation] = celViolations(schema, Array.from({ length: 1_000 }, (_, i) => i), "spec.x");
  assert.equal(violation.path, "spec.x");
  assert.deepEqual(violation.ofSchema, { rule: "self.all(x, self.all(y, x + y >= 0))" });
});
