/**
 * Kubernetes resources as plain objects, and the check of Kubernetes' own kinds
 * against the core API schemas `kubernetes-models` ships. Custom resources are
 * checked against the vendored CRDs of the installed versions instead
 * (./upstream/crds.ts): the npm models of the CRDs follow their own versions,
 * not the cluster's.
 *
 * @module
 */
import { Namespace } from "kubernetes-models/v1/Namespace";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { Secret } from "kubernetes-models/v1/Secret";
import { Service } from "kubernetes-models/v1/Service";
import { ServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import { PersistentVolumeClaim } from "kubernetes-models/v1/PersistentVolumeClaim";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { StatefulSet } from "kubernetes-models/apps/v1/StatefulSet";
import { DaemonSet } from "kubernetes-models/apps/v1/DaemonSet";
import { Job } from "kubernetes-models/batch/v1/Job";
import { CronJob } from "kubernetes-models/batch/v1/CronJob";
import { Role } from "kubernetes-models/rbac.authorization.k8s.io/v1/Role";
import { RoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding";
import { ClusterRole } from "kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole";
import { ClusterRoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { PersistentVolume } from "kubernetes-models/v1/PersistentVolume";
import { LimitRange } from "kubernetes-models/v1/LimitRange";
import { ResourceQuota } from "kubernetes-models/v1/ResourceQuota";
import { Pod } from "kubernetes-models/v1/Pod";
import { Ingress } from "kubernetes-models/networking.k8s.io/v1/Ingress";
import { IngressClass } from "kubernetes-models/networking.k8s.io/v1/IngressClass";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import { StorageClass } from "kubernetes-models/storage.k8s.io/v1/StorageClass";
import { PriorityClass } from "kubernetes-models/scheduling.k8s.io/v1/PriorityClass";

/** Object metadata Hydrate sets. */
export interface Metadata {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
}

/** A Kubernetes resource as a plain object. */
export interface Resource {
  apiVersion: string;
  kind: string;
  metadata: Metadata;
  [field: string]: unknown;
}

type Model = new (data: never) => { validate(): void };

const MODELS: ReadonlyMap<string, Model> = new Map<string, Model>([
  ["v1/Namespace", Namespace],
  ["v1/ConfigMap", ConfigMap],
  ["v1/Secret", Secret],
  ["v1/Service", Service],
  ["v1/ServiceAccount", ServiceAccount],
  ["v1/PersistentVolumeClaim", PersistentVolumeClaim],
  ["apps/v1/Deployment", Deployment],
  ["apps/v1/StatefulSet", StatefulSet],
  ["apps/v1/DaemonSet", DaemonSet],
  ["batch/v1/Job", Job],
  ["batch/v1/CronJob", CronJob],
  ["rbac.authorization.k8s.io/v1/Role", Role],
  ["rbac.authorization.k8s.io/v1/RoleBinding", RoleBinding],
  ["rbac.authorization.k8s.io/v1/ClusterRole", ClusterRole],
  ["rbac.authorization.k8s.io/v1/ClusterRoleBinding", ClusterRoleBinding],
  ["networking.k8s.io/v1/NetworkPolicy", NetworkPolicy],
  ["v1/PersistentVolume", PersistentVolume],
  ["v1/LimitRange", LimitRange],
  ["v1/ResourceQuota", ResourceQuota],
  ["v1/Pod", Pod],
  ["networking.k8s.io/v1/Ingress", Ingress],
  ["networking.k8s.io/v1/IngressClass", IngressClass],
  ["policy/v1/PodDisruptionBudget", PodDisruptionBudget],
  ["autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler],
  ["storage.k8s.io/v1/StorageClass", StorageClass],
  ["scheduling.k8s.io/v1/PriorityClass", PriorityClass],
]);

/**
 * The API groups Kubernetes serves itself (no dot, or a `*.k8s.io` group of the
 * core API); every other group is a CRD's, checked against the vendored CRDs.
 */
const BUILTIN_GROUP =
  /^(|apps|batch|policy|autoscaling|(networking|rbac\.authorization|storage|scheduling|coordination|discovery|node|admissionregistration|apiextensions|certificates|events|flowcontrol\.apiserver|resource)\.k8s\.io)$/;

/**
 * Whether an `apiVersion` is of Kubernetes' own API (`v1`, `apps/v1`,
 * `networking.k8s.io/v1`), not of a CRD (`gateway.networking.k8s.io/v1`).
 *
 * @example
 * ```ts
 * import { isBuiltinGroup } from "./resource.ts";
 * import assert from "node:assert/strict";
 * assert.ok(isBuiltinGroup("networking.k8s.io/v1"));
 * assert.ok(!isBuiltinGroup("gateway.networking.k8s.io/v1"));
 * ```
 */
export function isBuiltinGroup(apiVersion: string): boolean {
  const slash = apiVersion.lastIndexOf("/");
  return BUILTIN_GROUP.test(slash < 0 ? "" : apiVersion.slice(0, slash));
}

/** `apiVersion/kind namespace/name`, how a resource is named in messages. */
export function resourceId(resource: Resource): string {
  const { namespace, name } = resource.metadata;
  return `${resource.apiVersion}/${resource.kind} ${namespace ? `${namespace}/` : ""}${name}`;
}

/**
 * Checks a resource of Kubernetes' own API against its schema. Returns the
 * violations, empty when it conforms. A built-in kind with no known schema is
 * itself a violation; a custom resource has none here (its CRD checks it).
 *
 * @example
 * ```ts
 * import { schemaViolations } from "./resource.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(schemaViolations({ apiVersion: "v1", kind: "Namespace", metadata: { name: "gateway" } }), []);
 * const bad = { apiVersion: "v1", kind: "Service", metadata: { name: "s" }, spec: { ports: [{ port: "80" }] } };
 * assert.deepEqual(schemaViolations(bad), ["spec.ports[0].port must be integer"]);
 * assert.deepEqual(schemaViolations({ apiVersion: "cilium.io/v2", kind: "X", metadata: { name: "x" } }), []);
 * ```
 */
export function schemaViolations(resource: Resource): string[] {
  if (!isBuiltinGroup(resource.apiVersion)) return [];
  const model = MODELS.get(`${resource.apiVersion}/${resource.kind}`);
  if (!model) return [`no schema is known for ${resource.apiVersion} ${resource.kind}`];
  try {
    // The model copies what it is given; the resource itself is never changed.
    new model(resource as never).validate();
    return [];
  } catch (cause) {
    const errors = (cause as { errors?: { instancePath?: string; message?: string }[] }).errors;
    if (!Array.isArray(errors)) return [String((cause as Error).message ?? cause)];
    // ajv repeats a violation once per schema branch that sees it.
    const messages = errors.map((e) =>
      `${jsonPointerToPath(e.instancePath ?? "")} ${e.message ?? "is invalid"}`
    );
    return [...new Set(messages)];
  }
}

function jsonPointerToPath(pointer: string): string {
  const parts = pointer.split("/").filter((part) => part !== "");
  let out = "";
  for (const part of parts) out += /^[0-9]+$/.test(part) ? `[${part}]` : out ? `.${part}` : part;
  return out || "(resource)";
}
