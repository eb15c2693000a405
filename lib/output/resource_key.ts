/**
 * How Argo CD identifies the resources it applies, so the diff matches them the
 * same way: by group, kind, effective namespace and name (argo-cd v3.2.0
 * controller/state.go DeduplicateTargetObjects, kubeutil.GetResourceKey). A
 * namespaced object without a namespace lands in its Application's destination
 * namespace; a cluster-scoped one has none, whatever it states; a kind the
 * cluster does not know counts as namespaced (IsNamespacedOrUnknown).
 *
 * @module
 */
import { isPlainObject } from "../model/merge.ts";
import { BUILTIN_KINDS } from "../model/kube_builtin.ts";

/** A Kubernetes object as the diff reads it. */
export interface KeyedObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
}

/** The API group of an apiVersion (`""` for the core group). */
export const groupOf = (apiVersion: string): string =>
  apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.lastIndexOf("/")) : "";

const BUILTIN_SCOPE = new Map(
  BUILTIN_KINDS.map((kind) => [`${groupOf(kind.apiVersion)}/${kind.kind}`, kind.namespaced]),
);

/** What the trees say of where their objects go: Applications' destinations, CRDs' scopes. */
export interface Placement {
  /** Source folder -> the destination namespace of the Application that syncs it. */
  destinations: Map<string, string>;
  /** `group/kind` -> namespaced, for the built-in kinds and the CRDs in the trees. */
  scopes: Map<string, boolean>;
}

const text = (value: unknown): string | undefined => typeof value === "string" ? value : undefined;

function addApplication(placement: Placement, doc: Record<string, unknown>): void {
  const spec = isPlainObject(doc.spec) ? doc.spec : {};
  const namespace = text(isPlainObject(spec.destination) ? spec.destination.namespace : undefined);
  if (namespace === undefined) return;
  const sources = [spec.source, ...(Array.isArray(spec.sources) ? spec.sources : [])];
  for (const source of sources) {
    const path = text(isPlainObject(source) ? source.path : undefined);
    if (path !== undefined) {
      placement.destinations.set(path.replace(/^\.?\/+|\/+$/g, ""), namespace);
    }
  }
}

function addCrd(placement: Placement, doc: Record<string, unknown>): void {
  const spec = isPlainObject(doc.spec) ? doc.spec : {};
  const names = isPlainObject(spec.names) ? spec.names : {};
  const [group, kind] = [text(spec.group), text(names.kind)];
  if (group !== undefined && kind !== undefined) {
    placement.scopes.set(`${group}/${kind}`, spec.scope !== "Cluster");
  }
}

/** Reads the placement facts of every document of both trees. */
export function placementOf(documents: Iterable<unknown>): Placement {
  const placement: Placement = { destinations: new Map(), scopes: new Map(BUILTIN_SCOPE) };
  for (const doc of documents) {
    if (!isPlainObject(doc)) continue;
    const group = groupOf(String(doc.apiVersion ?? ""));
    if (group === "argoproj.io" && doc.kind === "Application") addApplication(placement, doc);
    if (group === "apiextensions.k8s.io" && doc.kind === "CustomResourceDefinition") {
      addCrd(placement, doc);
    }
  }
  return placement;
}

/**
 * The namespace Argo CD applies an object of the file at `path` in: `""` for a
 * cluster-scoped kind, its own, else its Application's destination; `inferred`
 * when it is the destination's (the object states none).
 *
 * @example
 * ```ts
 * import { effectiveNamespace, placementOf } from "./resource_key.ts";
 * import assert from "node:assert/strict";
 * const app = { apiVersion: "argoproj.io/v1alpha1", kind: "Application", metadata: { name: "a" },
 *   spec: { source: { path: "apps/c/a" }, destination: { namespace: "kube-system" } } };
 * const binding = { apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding", metadata: { name: "b" } };
 * const placement = placementOf([app]);
 * assert.deepEqual(effectiveNamespace(binding, "apps/c/a/b.yaml", placement), { namespace: "kube-system", inferred: true });
 * const role = { ...binding, kind: "ClusterRole", metadata: { name: "r", namespace: "x" } };
 * assert.deepEqual(effectiveNamespace(role, "apps/c/a/r.yaml", placement), { namespace: "", inferred: false });
 * ```
 */
export function effectiveNamespace(
  object: KeyedObject,
  path: string,
  placement: Placement,
): { namespace: string; inferred: boolean } {
  const scope = placement.scopes.get(`${groupOf(object.apiVersion)}/${object.kind}`);
  if (scope === false) return { namespace: "", inferred: false };
  const own = object.metadata.namespace;
  if (own) return { namespace: own, inferred: false };
  const folder = path.slice(0, Math.max(0, path.lastIndexOf("/")));
  const destination = placement.destinations.get(folder);
  return destination
    ? { namespace: destination, inferred: true }
    : { namespace: "", inferred: false };
}

/** Argo CD's key of an object: group, kind, effective namespace, name. */
export function resourceKey(object: KeyedObject, namespace: string): string {
  return `${groupOf(object.apiVersion)}/${object.kind} ${namespace}/${object.metadata.name}`;
}
