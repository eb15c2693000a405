/**
 * The Omni cluster template: one Cluster, one ControlPlane, the Workers, and a
 * Machine document for every node whose Omni machine ID is known.
 *
 * @module
 */
import type { ClusterConfig, NodeConfig } from "../../model/schema.ts";
import type { Patch } from "../../model/build.ts";
import type { OmniManifest } from "../../model/build.ts";
import { templateFileRef } from "./version.ts";

/** The name of the Workers machine set (Omni reserves `control-planes`). */
export const WORKERS = "workers";

/** Where the template and its files are, relative to the repository root. */
export interface TemplatePaths {
  /** The template file. */
  template: string;
  /** The folder of the patch files. */
  patchDir: string;
}

/** Whether a role's machine set lists its machines: exactly when every node of it has a machine ID. */
export function listsMachines(nodes: readonly NodeConfig[]): boolean {
  return nodes.length > 0 && nodes.every((node) => node.machineId !== undefined);
}

function machineSet(nodes: readonly NodeConfig[], machineClass: string | undefined) {
  if (listsMachines(nodes)) return { machines: nodes.map((node) => node.machineId) };
  // rule "nodes" refuses a set that neither lists every machine nor names a class.
  return { machineClass: { name: machineClass ?? "", size: nodes.length } };
}

/** The Talos system extensions the apps need, each once, in the order the apps list them. */
export function systemExtensions(cluster: ClusterConfig): string[] | undefined {
  const all = Object.values(cluster.apps).flatMap((app) => app.talos?.systemExtensions ?? []);
  return all.length > 0 ? [...new Set(all)] : undefined;
}

/**
 * Builds the template's documents. Files are named as `omnictl` at the cluster's
 * `omni.version` resolves them: relative to the template's folder from v1.8.0,
 * relative to the repository root before (see {@link templateFileRef}).
 *
 * @param manifests what Omni applies to the cluster once its API answers (the bootstrap chain)
 */
export function clusterTemplate(
  cluster: ClusterConfig,
  patches: readonly Patch[],
  nodePatches: ReadonlyMap<string, Patch>,
  paths: TemplatePaths,
  manifests: readonly OmniManifest[] = [],
): Record<string, unknown>[] {
  const ref = (path: string) => templateFileRef(cluster.omni.version, paths.template, path);
  const patchRefs = (list: readonly Patch[]) =>
    list.map((patch) => ({ name: patch.name, file: ref(`${paths.patchDir}/${patch.file}`) }));
  const controlPlanes = cluster.nodes.filter((node) => node.role === "controlplane");
  const workers = cluster.nodes.filter((node) => node.role === "worker");
  const documents: Record<string, unknown>[] = [
    {
      kind: "Cluster",
      name: cluster.name,
      kubernetes: {
        version: cluster.omni.kubernetesVersion,
        manifests: manifests.length > 0
          ? manifests.map((manifest) => ({ ...manifest, file: ref(manifest.file) }))
          : undefined,
      },
      talos: { version: cluster.omni.talosVersion },
      patches: patchRefs(patches),
      systemExtensions: systemExtensions(cluster),
    },
    { kind: "ControlPlane", ...machineSet(controlPlanes, cluster.omni.controlPlane.machineClass) },
  ];
  if (workers.length > 0) {
    documents.push({
      kind: "Workers",
      name: WORKERS,
      ...machineSet(workers, cluster.omni.workers.machineClass),
    });
  }
  for (const nodes of [controlPlanes, workers]) {
    if (!listsMachines(nodes)) continue;
    for (const node of nodes) {
      const patch = nodePatches.get(node.name);
      documents.push({
        kind: "Machine",
        name: node.machineId,
        patches: patch ? patchRefs([patch]) : undefined,
      });
    }
  }
  return documents;
}
