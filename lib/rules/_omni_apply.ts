/**
 * A model of how Omni applies a cluster's `one-time` manifests, to check that
 * they can be applied to a new cluster at all.
 *
 * siderolabs/omni v1.10.4
 * internal/backend/runtime/omni/controllers/omni/kubernetes/cluster_manifest_status.go
 * puts every `one-time` manifest of a cluster into one inventory and one apply
 * call, retried (forever) until every object is applied. go-kubernetes v0.2.41
 * kubernetes/ssa/apply.go hands the batch to fluxcd/pkg ssa/v0.77.0
 * ssa/manager_apply.go `ApplyAllStaged`: stage 1 CRDs, Namespaces and
 * ClusterRoles (`IsClusterDefinition`), waited for; stage 2 every kind ending in
 * `Class`, waited for; stage 3 the rest. `ApplyAll` dry-runs every object of a
 * stage and applies nothing of it when one dry run fails, and a failed stage
 * stops the later ones.
 *
 * @module
 */
import type { Resource } from "../model/resource.ts";
import { type ApiKind, BUILTIN_KINDS, INITIAL_NAMESPACES } from "../model/kube_builtin.ts";

/** An object of the batch that fails its dry run, and why. */
export interface DryRunFailure {
  resource: Resource;
  /** Where the object is rendered. */
  path: string;
  reason: string;
}

/** The outcome of applying one batch to a new cluster. */
export interface BatchOutcome {
  /** The stage that fails (1-3), when one does. */
  failedStage?: number;
  failures: DryRunFailure[];
  /** What is never applied: the failing stage and every later one. */
  heldBack: { resource: Resource; path: string }[];
}

const isDefinition = (r: Resource) =>
  (r.kind === "CustomResourceDefinition" && r.apiVersion.startsWith("apiextensions.k8s.io/")) ||
  (r.kind === "Namespace" && r.apiVersion === "v1") ||
  (r.kind === "ClusterRole" && r.apiVersion.startsWith("rbac.authorization.k8s.io/"));

/** The stage (1-3) `ApplyAllStaged` puts an object in. */
export function applyStage(resource: Resource): 1 | 2 | 3 {
  if (isDefinition(resource)) return 1;
  return resource.kind.endsWith("Class") ? 2 : 3;
}

/** The kinds a CustomResourceDefinition serves, one per served version. */
function definedKinds(crd: Resource): ApiKind[] {
  const spec = (crd.spec ?? {}) as {
    group?: string;
    names?: { kind?: string };
    scope?: string;
    versions?: { name?: string; served?: boolean }[];
  };
  return (spec.versions ?? []).filter((v) => v.served !== false).map((v) => ({
    apiVersion: `${spec.group}/${v.name}`,
    kind: spec.names?.kind ?? "",
    namespaced: spec.scope === "Namespaced",
  }));
}

/**
 * Applies a batch to a model of a new cluster (built-in kinds, the four initial
 * namespaces, and what earlier stages of the same batch created) and returns the
 * first stage whose dry run fails, with every failure in it.
 *
 * @example
 * ```ts
 * import { applyBatch } from "./_omni_apply.ts";
 * import assert from "node:assert/strict";
 * const job = { apiVersion: "batch/v1", kind: "Job", metadata: { name: "a", namespace: "kube-system" } };
 * const root = { apiVersion: "argoproj.io/v1alpha1", kind: "Application", metadata: { name: "root", namespace: "argocd" } };
 * assert.equal(applyBatch([{ path: "a.yaml", resource: job }]).failures.length, 0);
 * const outcome = applyBatch([{ path: "a.yaml", resource: job }, { path: "root.yaml", resource: root }]);
 * assert.equal(outcome.failedStage, 3);
 * assert.equal(outcome.heldBack.length, 2);
 * ```
 */
export function applyBatch(batch: readonly { path: string; resource: Resource }[]): BatchOutcome {
  const served = new Map(BUILTIN_KINDS.map((k) => [`${k.apiVersion} ${k.kind}`, k]));
  const namespaces = new Set(INITIAL_NAMESPACES);
  for (const stage of [1, 2, 3]) {
    const objects = batch.filter(({ resource }) => applyStage(resource) === stage);
    const failures: DryRunFailure[] = [];
    for (const { path, resource } of objects) {
      const reason = dryRun(resource, served, namespaces);
      if (reason) failures.push({ path, resource, reason });
    }
    if (failures.length > 0) {
      const heldBack = batch.filter(({ resource }) => applyStage(resource) >= stage);
      return { failedStage: stage, failures, heldBack };
    }
    for (const { resource } of objects) {
      if (resource.kind === "Namespace") namespaces.add(resource.metadata.name);
      if (resource.kind === "CustomResourceDefinition") {
        for (const kind of definedKinds(resource)) {
          served.set(`${kind.apiVersion} ${kind.kind}`, kind);
        }
      }
    }
  }
  return { failures: [], heldBack: [] };
}

function dryRun(
  resource: Resource,
  served: ReadonlyMap<string, ApiKind>,
  namespaces: ReadonlySet<string>,
): string | undefined {
  const kind = served.get(`${resource.apiVersion} ${resource.kind}`);
  if (!kind) {
    return `no kind ${resource.kind} in ${resource.apiVersion} (not built in, and no CustomResourceDefinition of an earlier stage of the batch serves it)`;
  }
  const namespace = resource.metadata.namespace;
  if (!kind.namespaced) return undefined;
  if (namespace === undefined) return "namespace not specified";
  if (!namespaces.has(namespace)) {
    return `namespace ${namespace} does not exist (a new cluster has ${
      [...INITIAL_NAMESPACES].join(", ")
    }; no Namespace of an earlier stage of the batch creates it)`;
  }
  return undefined;
}
