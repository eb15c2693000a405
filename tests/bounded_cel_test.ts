/**
 * A CRD's CEL rules run under the API server's cost limits (k8s.io/apiserver
 * v0.34.0 pkg/apis/cel/config.go: PerCallLimit 1,000,000, RuntimeCELCostBudget
 * 10,000,000), and a rule past them is the CRD's fault: the problem names its
 * vendored file and the rule, not the cluster file. The hostile CRD lives here,
 * in the test, never in vendor/.
 */
import assert from "node:assert/strict";
import { renderCluster } from "../lib/render.ts";
import { syntheticCluster } from "../lib/bench/fleet.ts";
import { manifestsApp } from "../lib/build/apps.ts";
import { sha256, type VendorFiles } from "../lib/model/upstream/vendor.ts";
import { celViolations } from "../lib/model/upstream/cel.ts";
import { VENDOR } from "./_upstream.ts";

/** Three nested loops over the list: 400^3 evaluations, far past the per-call limit. */
const CUBIC = "self.all(x, self.all(y, self.all(z, x.a + y.a + z.a >= 0)))";

const ITEMS = {
  type: "array",
  items: { type: "object", properties: { a: { type: "integer" } } },
  "x-kubernetes-validations": [{ rule: CUBIC }],
};

const items = (n: number) => Array.from({ length: n }, (_, a) => ({ a }));

Deno.test("a rule past the per-call cost limit is cut off and blames the rule", () => {
  const start = performance.now();
  const violations = celViolations(ITEMS, items(400), "spec.items");
  const took = performance.now() - start;
  assert.equal(violations.length, 1);
  assert.equal(violations[0].path, "spec.items");
  assert.deepEqual(violations[0].ofSchema, { rule: CUBIC });
  assert.match(violations[0].message, /per-call CEL limit of 1000000 units/);
  // 64,000,000 evaluations of the body run for minutes; cut off at the limit, well under that.
  assert.ok(took < 20_000, `${took} ms`);
  // The same rule on a short list is cheap and passes.
  assert.deepEqual(celViolations(ITEMS, items(10), "spec.items"), []);
});

Deno.test("the object's rules share one budget: past it, the rule that overdraws it is named", () => {
  // Each list's rule costs about 50,000 units (5 a loop over 10,000 numbers): 250 lists
  // pass 10,000,000 together while no single call passes 1,000,000. All lists alike: the
  // outcome remembered for one value is charged again for each.
  const schema = {
    type: "object",
    properties: {
      lists: {
        type: "array",
        items: {
          type: "array",
          items: { type: "integer" },
          "x-kubernetes-validations": [{ rule: "self.all(x, x >= 0)" }],
        },
      },
    },
  };
  const list = Array.from({ length: 10_000 }, (_, j) => j);
  const budget = { remaining: 10_000_000 };
  const out = Array.from({ length: 250 }, (_, i) => i).flatMap((i) =>
    celViolations(schema.properties.lists.items, list, `lists[${i}]`, budget)
  );
  assert.equal(out.length, 1);
  assert.match(out[0].path, /^lists\[(19\d|2\d\d)\]$/);
  assert.match(out[0].message, /cost budget of 10000000 units for all its rules/);
  assert.deepEqual(out[0].ofSchema, { rule: "self.all(x, x >= 0)" });
  assert.ok(budget.remaining < 0);
});

const GROUP = "hostile.example.com";
const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.${GROUP}
spec:
  group: ${GROUP}
  scope: Namespaced
  names: { kind: Widget, plural: widgets, singular: widget, listKind: WidgetList }
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                parts:
                  type: array
                  items: { type: object, properties: { a: { type: integer } } }
                  x-kubernetes-validations:
                    - rule: "${CUBIC}"
`;

const URL_ = "https://hostile.example.com/widgets.yaml";
const DIR = `crds/url/${sha256(URL_).slice(0, 16)}`;

/** The repository's vendor/, with the hostile CRD vendored by URL beside it. */
const HOSTILE_VENDOR: VendorFiles = {
  read(path) {
    if (path === `${DIR}/widgets.yaml`) return CRD;
    if (path !== "lock.json") return VENDOR.read(path);
    const lock = JSON.parse(VENDOR.read("lock.json")!);
    lock.artifacts[DIR] = {
      label: `CRDs at ${URL_}`,
      files: { "widgets.yaml": { source: URL_, sha256: sha256(CRD) } },
    };
    return JSON.stringify(lock);
  },
  list: (dir) => dir === DIR ? [`${DIR}/widgets.yaml`] : VENDOR.list(dir),
};

Deno.test("a vendored CRD's rule past the cost limit names the CRD's file and the rule, not the cluster file", () => {
  const cluster = syntheticCluster(0, 1) as unknown as Record<string, unknown>;
  cluster.crds = { widgets: URL_ };
  (cluster.apps as Record<string, unknown>).widgets = manifestsApp({
    namespace: "widgets",
    resources: [{
      apiVersion: `${GROUP}/v1`,
      kind: "Widget",
      metadata: { name: "w1", namespace: "widgets" },
      spec: { parts: items(400) },
    }],
  });
  const result = renderCluster(cluster, "clusters/innocent.ts", HOSTILE_VENDOR);
  const costly = result.problems.filter((problem) => /per-call CEL limit/.test(problem.message));
  assert.equal(costly.length, 1, JSON.stringify(result.problems, null, 1));
  const [problem] = costly;
  assert.equal(problem.layer, `vendor/${DIR}/widgets.yaml`);
  assert.equal(problem.rule, "crd-schema");
  assert.equal(problem.path, `Widget ${GROUP}/v1 x-kubernetes-validations at spec.parts`);
  assert.ok(problem.message.includes(`rule ${CUBIC} costs more`), problem.message);
  assert.match(
    problem.message,
    /found checking Widget w1 \(apps\/fleet-0\/widgets\/widget-w1\.yaml\)/,
  );
  assert.deepEqual(result.files, []);
});
