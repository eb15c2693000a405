import assert from "node:assert/strict";
import fc from "fast-check";
import { fastYaml } from "./_yaml_writer.ts";
import { jsYamlDump, KEY_ORDER, toYaml } from "./yaml.ts";

/** js-yaml's own text of a document: what the fast path must equal, byte for byte. */
const oracle = jsYamlDump;

/** Characters around every edge of the fast path's rule: indicators, quotes, spaces, breaks, non-ASCII. */
const CHARS = [..."aAyYnNoO019_./:#- '\"~@&*!|>%`,[]{}?=+\n\tü"];

/** Longer strings from the characters the fast path takes (and a few it must decline). */
const LONG = /^[A-Za-z0-9_/$.<=+-][A-Za-z0-9_./:@+=,~%*?&()!$;'"<>[\]{}^# -]{0,20}$/;

const scalar = fc.oneof(
  fc.array(fc.constantFrom(...CHARS), { maxLength: 8 }).map((chars) => chars.join("")),
  fc.stringMatching(LONG),
  fc.constantFrom(
    "No",
    "on",
    "y",
    "null",
    "~",
    "",
    "2024-01-01",
    "12:30:00",
    "1:20",
    "0755",
    "0x1F",
    "0X1F",
    "0b-1",
    "1_000",
    "1_0e3",
    "e3",
    "._",
    "2024-1-2",
    ".inf",
    "<<",
    "=",
    "a: b",
    "a #b",
    "a#b",
    "https://charts.example.com",
    "---",
    "--- x",
    "...",
    "x".repeat(1100),
  ),
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -0, 1e21, 2 ** 53 + 2, 0.1),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);

const key = fc.oneof(
  fc.constantFrom("apiVersion", "kind", "metadata", "spec", "name", "namespace", "labels"),
  fc.array(fc.constantFrom(...CHARS), { maxLength: 6 }).map((chars) => chars.join("")),
  fc.constantFrom("on", "1", "a: b", "---", "x".repeat(1100)),
);

const { document } = fc.letrec((tie) => ({
  document: fc.oneof({ depthSize: "small" }, scalar, tie("list"), tie("map")),
  list: fc.array(tie("document"), { maxLength: 4 }),
  map: fc.dictionary(key, tie("document"), { maxKeys: 5 }),
}));

Deno.test("the fast path writes exactly js-yaml's bytes, or declines", () => {
  let taken = 0;
  fc.assert(
    fc.property(document, (value) => {
      const fast = fastYaml(value, KEY_ORDER);
      if (fast !== undefined) {
        taken++;
        assert.equal(fast, oracle(value));
      }
      assert.equal(toYaml(value), oracle(value));
    }),
    { numRuns: 3000 },
  );
  // A path that always declines would pass the check above and speed up nothing.
  assert.ok(taken > 1000, `the fast path took only ${taken} of 3000 documents`);
});

Deno.test("the fast path takes Kubernetes objects and Helm values, and declines multi-line text", () => {
  const application = {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "Application",
    metadata: {
      annotations: { "argocd.argoproj.io/sync-wave": "-1" },
      name: "cilium",
      namespace: "argocd",
    },
    spec: {
      sources: [{
        repoURL: "https://helm.cilium.io",
        chart: "cilium",
        targetRevision: "1.18.3",
        helm: { valueFiles: ["$values/apps/homelab/cilium/values.yaml"] },
      }, { repoURL: "https://git.example.com/fleet.git", ref: "values" }],
      syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: [] },
    },
  };
  const text = fastYaml(application, KEY_ORDER);
  assert.equal(text, oracle(application));
  assert.match(text!, /^metadata:\n {2}name: cilium\n {2}namespace: argocd\n {2}annotations:/m);
  assert.match(text!, /sync-wave': '-1'|sync-wave: '-1'/);
  assert.equal(fastYaml({ script: "set -e\nhelm upgrade" }, KEY_ORDER), undefined);
  assert.equal(
    toYaml({ script: "set -e\nhelm upgrade" }),
    "script: |-\n  set -e\n  helm upgrade\n",
  );
});
