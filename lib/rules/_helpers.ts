/**
 * Small readers the rules share: plain-object access, the resources of a kind,
 * the Cilium values and Omni patches of a build, and where a problem with a
 * Cilium value is reported.
 *
 * @module
 */
import type { Build, PlacedFile } from "../model/build.ts";
import { valueAt } from "../model/json.ts";
import type { Resource } from "../model/resource.ts";

/** A plain JSON object. */
export type Json = Record<string, unknown>;

/** A value as a plain object, or an empty one. */
export const asJson = (value: unknown): Json =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? value as Json : {};

/** The resources of the synced tree of one kind. */
export function kindOf(build: Build, kind: string): PlacedFile[] {
  return build.resources.filter(({ resource }) => resource.kind === kind);
}

/** The Cilium Helm values of a build. */
export function ciliumValuesOf(build: Build): Json {
  return build.values.find((entry) => entry.component === "cilium")?.values ?? {};
}

/** Where a problem with a Cilium value is reported: the override that set it, else the fact it comes from. */
export function ciliumPath(build: Build, key: readonly string[], fact: string): string {
  return valueAt(build.cluster.cilium.values, key) === undefined
    ? fact
    : `cilium.values.${key.join(".")}`;
}

/** A Gateway listener, as the rules read it. */
export interface Listener {
  name: string;
  port: number;
  protocol: string;
  hostname?: string;
  tls?: { mode?: string; certificateRefs?: unknown[] };
  allowedRoutes?: { namespaces?: { from?: string } };
}

/** The listeners of a Gateway resource. */
export function listenersOf(gateway: Resource): Listener[] {
  return (asJson(gateway.spec).listeners ?? []) as Listener[];
}

/**
 * The value a field of the machine config ends up with after every cluster-wide
 * Omni patch, applied in template order (a later patch overrides an earlier
 * one), and the patch that set it.
 */
export function patchedValue(
  build: Build,
  path: readonly string[],
): { value: unknown; file?: string } {
  let found: { value: unknown; file?: string } = { value: undefined };
  for (const patch of build.patches) {
    const value = valueAt(patch.body, path);
    if (value !== undefined) found = { value, file: `${build.patchDir}/${patch.file}` };
  }
  return found;
}
