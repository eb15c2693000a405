import assert from "node:assert/strict";
import { celViolations, compileRule, escapeProperty } from "./cel.ts";

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
