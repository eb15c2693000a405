/**
 * Kubernetes resources as plain objects, and their check against the real
 * schemas shipped by `@kubernetes-models/*` (the upstream CRDs and core API).
 *
 * @module
 */
import { Namespace } from "kubernetes-models/v1/Namespace";
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
  ["cilium.io/v2/CiliumLoadBalancerIPPool", CiliumLoadBalancerIPPool],
  ["cilium.io/v2alpha1/CiliumL2AnnouncementPolicy", CiliumL2AnnouncementPolicy],
  ["gateway.networking.k8s.io/v1/Gateway", Gateway],
  ["gateway.networking.k8s.io/v1/HTTPRoute", HTTPRoute],
  ["argoproj.io/v1alpha1/Application", Application],
  ["argoproj.io/v1alpha1/AppProject", AppProject],
]);

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
    new model(structuredClone(resource) as never).validate();
    return [];
  } catch (cause) {
    const errors = (cause as { errors?: { instancePath?: string; message?: string }[] }).errors;
    if (!Array.isArray(errors)) return [String((cause as Error).message ?? cause)];
    return errors.map((e) =>
      `${jsonPointerToPath(e.instancePath ?? "")} ${e.message ?? "is invalid"}`
    );
  }
}

function jsonPointerToPath(pointer: string): string {
  const parts = pointer.split("/").filter((part) => part !== "");
  let out = "";
  for (const part of parts) out += /^[0-9]+$/.test(part) ? `[${part}]` : out ? `.${part}` : part;
  return out || "(resource)";
}
