// Models siderolabs/omni v1.10.4 cluster_manifest_status.go (every one-time manifest in one
// inventory) and fluxcd/pkg ssa/v0.77.0 ssa/manager_apply.go ApplyAllStaged/ApplyAll (stages:
// CRDs+Namespaces+ClusterRoles, *Class, the rest; a stage applies nothing when one dry run fails).
import assert from "node:assert/strict";
import { applyBatch, applyStage } from "./_omni_apply.ts";
import { rule as omniBatch } from "./omni_batch.ts";

const omniBatchRules = omniBatch.built!;
import type { Resource } from "../model/resource.ts";
import homelab from "../../clusters/homelab.ts";
import { buildOf } from "../build/_build_of.ts";

const r = (apiVersion: string, kind: string, name: string, namespace?: string, spec?: unknown) => ({
  path: `${kind}.yaml`,
  resource: { apiVersion, kind, metadata: { name, namespace }, spec } as Resource,
});

Deno.test("the rendered bootstrap batch applies to a new cluster", () => {
  assert.deepEqual(omniBatchRules(buildOf(homelab)), []);
});

Deno.test("a root Application beside the bootstrap Jobs holds back the whole batch (the old deadlock)", () => {
  const build = buildOf(homelab);
  build.manifests.push({
    name: "root-application",
    mode: "one-time",
    file: "apps/homelab/root.yaml",
  });
  const problems = omniBatchRules(build);
  assert.equal(problems.length, 1);
  assert.equal(problems[0].path, "apps/homelab/root.yaml");
  assert.match(
    problems[0].message,
    /^argoproj\.io\/v1alpha1\/Application argocd\/root fails Omni's dry run of the one-time manifests on a new cluster: no kind Application in argoproj\.io\/v1alpha1/,
  );
  assert.match(
    problems[0].message,
    /applies none of stage 3: .*batch\/v1\/Job kube-system\/hydrate-bootstrap-cilium/,
  );
});

Deno.test("stages: definitions first, then *Class kinds, then the rest", () => {
  assert.equal(applyStage(r("v1", "Namespace", "argocd").resource), 1);
  assert.equal(
    applyStage(r("apiextensions.k8s.io/v1", "CustomResourceDefinition", "x").resource),
    1,
  );
  assert.equal(applyStage(r("rbac.authorization.k8s.io/v1", "ClusterRole", "x").resource), 1);
  assert.equal(
    applyStage(r("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "x").resource),
    3,
  );
  assert.equal(applyStage(r("storage.k8s.io/v1", "StorageClass", "x").resource), 2);
  assert.equal(applyStage(r("batch/v1", "Job", "x", "kube-system").resource), 3);
});

Deno.test("a CRD and a Namespace of an earlier stage make their objects pass", () => {
  const crd = r(
    "apiextensions.k8s.io/v1",
    "CustomResourceDefinition",
    "applications.argoproj.io",
    undefined,
    {
      group: "argoproj.io",
      names: { kind: "Application" },
      scope: "Namespaced",
      versions: [{ name: "v1alpha1", served: true }],
    },
  );
  const outcome = applyBatch([
    r("argoproj.io/v1alpha1", "Application", "root", "argocd"),
    r("v1", "Namespace", "argocd"),
    crd,
  ]);
  assert.deepEqual(outcome, { failures: [], heldBack: [] });
});

Deno.test("a missing namespace, a missing namespace field and an unknown kind all fail their stage", () => {
  const outcome = applyBatch([
    r("v1", "ConfigMap", "a", "argocd"),
    r("v1", "ConfigMap", "b"),
    r("gateway.networking.k8s.io/v1", "GatewayClass", "cilium"),
    r("v1", "ConfigMap", "c", "kube-system"),
  ]);
  // The GatewayClass fails stage 2; stage 3 never runs.
  assert.equal(outcome.failedStage, 2);
  assert.deepEqual(outcome.failures.map((f) => f.resource.metadata.name), ["cilium"]);
  assert.equal(outcome.heldBack.length, 4);
  const rest = applyBatch([r("v1", "ConfigMap", "a", "argocd"), r("v1", "ConfigMap", "b")]);
  assert.deepEqual(rest.failures.map((f) => f.reason), [
    "namespace argocd does not exist (a new cluster has default, kube-node-lease, kube-public, kube-system; no Namespace of an earlier stage of the batch creates it)",
    "namespace not specified",
  ]);
});
