/**
 * Kubernetes resources as plain objects, and their check against the real
 * schemas shipped by `@kubernetes-models/*` (the upstream CRDs and core API).
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
import { ClusterIssuer } from "@kubernetes-models/cert-manager/cert-manager.io/v1/ClusterIssuer";
import { Issuer } from "@kubernetes-models/cert-manager/cert-manager.io/v1/Issuer";
import { Certificate } from "@kubernetes-models/cert-manager/cert-manager.io/v1/Certificate";
import { CiliumLoadBalancerIPPool } from "@kubernetes-models/cilium/cilium.io/v2/CiliumLoadBalancerIPPool";
import { CiliumL2AnnouncementPolicy } from "@kubernetes-models/cilium/cilium.io/v2alpha1/CiliumL2AnnouncementPolicy";
import { Gateway } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/Gateway";
import { HTTPRoute } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute";
import { Application } from "@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application";
import { AppProject } from "@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject";

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
  ["cert-manager.io/v1/ClusterIssuer", ClusterIssuer],
  ["cert-manager.io/v1/Issuer", Issuer],
  ["cert-manager.io/v1/Certificate", Certificate],
  ["cilium.io/v2/CiliumLoadBalancerIPPool", CiliumLoadBalancerIPPool],
  ["cilium.io/v2alpha1/CiliumL2AnnouncementPolicy", CiliumL2AnnouncementPolicy],
  ["gateway.networking.k8s.io/v1/Gateway", Gateway],
  ["gateway.networking.k8s.io/v1/HTTPRoute", HTTPRoute],
  ["argoproj.io/v1alpha1/Application", Application],
  ["argoproj.io/v1alpha1/AppProject", AppProject],
]);

/** The kinds Hydrate can check against an upstream schema (`apiVersion/kind`). */
export function knownKinds(): string[] {
  return [...MODELS.keys()];
}

/** `apiVersion/kind namespace/name`, how a resource is named in messages. */
export function resourceId(resource: Resource): string {
  const { namespace, name } = resource.metadata;
  return `${resource.apiVersion}/${resource.kind} ${namespace ? `${namespace}/` : ""}${name}`;
}

/**
 * Checks a resource against its upstream schema. Returns the violations, empty
 * when it conforms. A kind with no known schema is itself a violation: nothing
 * leaves Hydrate unchecked.
 *
 * @example
 * ```ts
 * import { schemaViolations } from "./resource.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(schemaViolations({ apiVersion: "v1", kind: "Namespace", metadata: { name: "gateway" } }), []);
 * const bad = { apiVersion: "cilium.io/v2", kind: "CiliumLoadBalancerIPPool", metadata: { name: "p" }, spec: { blocks: [{ start: 5 }] } };
 * assert.deepEqual(schemaViolations(bad), ["spec.blocks[0].start must be string"]);
 * ```
 */
export function schemaViolations(resource: Resource): string[] {
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
