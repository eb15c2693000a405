/**
 * The vendored artifacts are what vendor/lock.json records, and every CEL rule
 * of every vendored CRD compiles with the engine: a rule it could not compile
 * would refuse every resource of its kind. Every folder a cluster pins is one
 * the lock may name (the grammar `deno task vendor` confines itself to).
 */
import assert from "node:assert/strict";
import { UPSTREAM } from "./_upstream.ts";
import { compileRule } from "../lib/model/upstream/cel.ts";
import { isArtifactDir } from "../lib/model/upstream/vendor.ts";
import { vendorPlan } from "../lib/build/vendor_plan.ts";
import { parseCluster } from "../lib/model/parse.ts";
import { CLUSTERS } from "./_clusters.ts";
import type { SchemaProps } from "../lib/model/upstream/structural.ts";

const lock = UPSTREAM.lock;

Deno.test("every vendored file is in the lock file with its sha256, and nothing else is vendored", () => {
  assert.ok(typeof lock !== "string", String(lock));
  const locked = Object.entries(lock.artifacts).flatMap(([dir, artifact]) =>
    Object.keys(artifact.files).map((name) => `${dir}/${name}`)
  ).sort();
  const onDisk = UPSTREAM.files.list("charts").concat(
    UPSTREAM.files.list("crds"),
    UPSTREAM.files.list("talos"),
  ).sort();
  assert.deepEqual(onDisk, locked);
  for (const [dir, artifact] of Object.entries(lock.artifacts)) {
    const why = UPSTREAM.unusable({
      dir,
      label: artifact.label,
      pinnedAt: "-",
      source: artifact.repoURL
        ? {
          kind: "chart",
          repoURL: artifact.repoURL,
          // charts/<name>/<version>: its Chart.yaml must say the same.
          chart: dir.split("/")[1],
          version: dir.split("/")[2],
        }
        : { kind: "files", files: {} },
    });
    assert.equal(why, undefined, dir);
  }
});

function rulesOf(schema: SchemaProps | undefined, out: string[] = []): string[] {
  if (!schema) return out;
  for (const rule of (schema["x-kubernetes-validations"] ?? []) as { rule: string }[]) {
    out.push(rule.rule);
  }
  for (const child of Object.values(schema.properties ?? {})) rulesOf(child, out);
  if (typeof schema.additionalProperties === "object") rulesOf(schema.additionalProperties, out);
  rulesOf(schema.items, out);
  return out;
}

Deno.test("every CEL rule of every vendored CRD compiles", () => {
  assert.ok(typeof lock !== "string");
  const crds = UPSTREAM.crds(Object.keys(lock.artifacts));
  const rules = [...crds.values()].flatMap((crd) => rulesOf(crd.schema));
  const failing = rules.filter((rule) => "error" in compileRule(rule));
  assert.deepEqual(failing, []);
  assert.ok(rules.length >= 200, `${rules.length} rules`);
  assert.ok(crds.has("gateway.networking.k8s.io/v1/HTTPRoute"));
  assert.ok(crds.has("argoproj.io/v1alpha1/Application"));
  assert.ok(crds.has("cert-manager.io/v1/ClusterIssuer"));
  assert.ok(crds.has("cilium.io/v2/CiliumLoadBalancerIPPool"));
  assert.ok(crds.has("longhorn.io/v1beta2/Volume"));
});

Deno.test("every folder the clusters pin is in the lock's grammar, and so is every key of the lock", () => {
  for (const [source, cluster] of CLUSTERS) {
    const parsed = parseCluster(cluster);
    assert.ok(parsed.ok, source);
    for (const { dir } of vendorPlan(parsed.cluster)) {
      assert.ok(isArtifactDir(dir), `${source}: ${dir}`);
    }
  }
  assert.ok(typeof lock !== "string", String(lock));
  for (const dir of Object.keys(lock.artifacts)) assert.ok(isArtifactDir(dir), dir);
});
