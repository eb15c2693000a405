import assert from "node:assert/strict";
import { isClean, isGenerated, planWrites } from "./write.ts";
import { generatedHeader } from "./emit.ts";

const header = generatedHeader("clusters/a.ts");

Deno.test("planWrites: create, update, unchanged, remove stale generated files, never touch a person's file", () => {
  const planned = [
    { path: "apps/a/new.yaml", content: `${header}a: 1\n` },
    { path: "apps/a/same.yaml", content: `${header}b: 1\n` },
    { path: "apps/a/changed.yaml", content: `${header}c: 2\n` },
    { path: "apps/a/hand.yaml", content: `${header}d: 1\n` },
  ];
  const existing = new Map([
    ["apps/a/same.yaml", `${header}b: 1\n`],
    ["apps/a/changed.yaml", `${header}c: 1\n`],
    ["apps/a/hand.yaml", "d: 0 # written by a person\n"],
    ["apps/a/stale.yaml", `${header}e: 1\n`],
    ["apps/a/README.md", "notes\n"],
  ]);
  const plan = planWrites(planned, existing);
  assert.deepEqual(plan.create.map((file) => file.path), ["apps/a/new.yaml"]);
  assert.deepEqual(plan.update.map((file) => file.path), ["apps/a/changed.yaml"]);
  assert.deepEqual(plan.unchanged, ["apps/a/same.yaml"]);
  assert.deepEqual(plan.remove, ["apps/a/stale.yaml"]);
  assert.deepEqual(plan.conflicts, ["apps/a/hand.yaml"]);
  assert.ok(!isClean(plan));
});

Deno.test("planWrites: a tree equal to the render is clean", () => {
  const planned = [{ path: "omni/a/cluster-template.yaml", content: `${header}kind: Cluster\n` }];
  const plan = planWrites(planned, new Map([[planned[0].path, planned[0].content]]));
  assert.ok(isClean(plan));
  assert.ok(isGenerated(planned[0].content));
  assert.ok(!isGenerated("kind: Cluster\n"));
});
