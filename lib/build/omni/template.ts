/**
 * The Omni cluster template: one Cluster, one ControlPlane, the Workers, and a
 * Machine document for every node whose Omni machine ID is known.
 *
 * @module
 */
import type { ClusterConfig, NodeConfig } from "../../model/schema.ts";
import type { z } from "zod";
import type { MachineSet as MachineSetSchema } from "../../model/schema.ts";
import type { Patch } from "../../model/build.ts";
import type { OmniManifest } from "../../model/build.ts";
import { templateFileRef } from "./version.ts";
import { nonEmpty } from "../../model/json.ts";

/** The name of the Workers machine set (Omni reserves `control-planes`). */
export const WORKERS = "workers";

/** Where the template and its files are, relative to the repository root. */
export interface TemplatePaths {
  /** The template file. */
  template: string;
  /** The folder of the patch files. */
  patchDir: string;
}

/** The name Omni gives the control plane's machine set (omni client/pkg/omni/resources/omni: ControlPlanesIDSuffix). */
export const CONTROL_PLANES = "control-planes";

/** One Omni machine set of a cluster: its template document and the nodes in it. */
export interface MachineSetOf {
  /** Its name in the template (`control-planes` for the ControlPlane document). */
  name: string;
  kind: "ControlPlane" | "Workers";
  /** The cluster-file field that configures it (`omni.workers`, `omni.workerSets.gpu`). */
  field: string;
  config: z.output<typeof MachineSetSchema>;
  nodes: NodeConfig[];
}

/**
 * The cluster's machine sets: the control plane, the default `workers` set (the
 * workers without a `set`), and each of `omni.workerSets` with its workers.
 */
export function machineSetsOf(cluster: ClusterConfig): MachineSetOf[] {
  const workers = cluster.nodes.filter((node) => node.role === "worker");
  return [
    {
      name: CONTROL_PLANES,
      kind: "ControlPlane",
      field: "omni.controlPlane",
      config: cluster.omni.controlPlane,
      nodes: cluster.nodes.filter((node) => node.role === "controlplane"),
    },
    {
      name: WORKERS,
      kind: "Workers",
      field: "omni.workers",
      config: cluster.omni.workers,
      nodes: workers.filter((node) => node.set === undefined),
    },
    ...Object.entries(cluster.omni.workerSets).map(([name, config]) => ({
      name,
      kind: "Workers" as const,
      field: `omni.workerSets.${name}`,
      config,
      nodes: workers.filter((node) => node.set === name),
    })),
  ];
}

/** The patches a machine set's own config states, written under `patches/<set>/`. */
export function machineSetPatches(set: MachineSetOf): Patch[] {
  return Object.entries(set.config.patches).map(([name, body]) => ({
    name,
    file: `${set.name}/${name}.yaml`,
    body,
    field: `${set.field}.patches.${name}`,
  }));
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
  setPatches: ReadonlyMap<string, readonly Patch[]> = new Map(),
): Record<string, unknown>[] {
  const ref = (path: string) => templateFileRef(cluster.omni.version, paths.template, path);
  const patchRefs = (list: readonly Patch[]) =>
    list.map((patch) => ({ name: patch.name, file: ref(`${paths.patchDir}/${patch.file}`) }));
  const sets = machineSetsOf(cluster);
  const documents: Record<string, unknown>[] = [
    {
      kind: "Cluster",
      name: cluster.name,
      labels: nonEmpty(cluster.omni.labels),
      annotations: nonEmpty(cluster.omni.annotations),
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
  ];
  // A Workers set without nodes is left out (rule "nodes" refuses a named one).
  for (const set of sets.filter((set) => set.kind === "ControlPlane" || set.nodes.length > 0)) {
    const own = setPatches.get(set.name) ?? [];
    documents.push({
      kind: set.kind,
      name: set.kind === "Workers" ? set.name : undefined,
      ...machineSet(set.nodes, set.config.machineClass),
      systemExtensions: set.config.systemExtensions.length > 0
        ? set.config.systemExtensions
        : undefined,
      patches: own.length > 0 ? patchRefs(own) : undefined,
    });
  }
  for (const set of sets) {
    if (!listsMachines(set.nodes)) continue;
    for (const node of set.nodes) {
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
