/**
 * Render: a cluster file's data in, the planned files out (path and bytes), or
 * every problem that stops it. Nothing here touches the disk.
 *
 * Data flows one way: parse (schema, defaults) -> validate (cross-resource
 * invariants) -> builders (plain objects) -> schema check -> emit (text).
 *
 * @module
 */
import { parseCluster } from "./parse.ts";
import { validate } from "./validate.ts";
import { error, type Problem } from "./problem.ts";
import type { ClusterConfig } from "./schema.ts";
import { type Component, components, syncWaves } from "./components.ts";
import {
  application,
  gitPathSource,
  helmSource,
  type Source,
  valuesRefSource,
} from "./argocd/application.ts";
import { clusterPatches, nodePatch, type Patch } from "./omni/patches.ts";
import { clusterTemplate } from "./omni/template.ts";
import { type Resource, schemaViolations } from "./resource.ts";
import { yamlFile } from "./emit.ts";

/** A file the renderer plans to write: its path relative to the repository root, and its bytes. */
export interface PlannedFile {
  path: string;
  content: string;
}

/** The outcome of rendering one cluster. */
export interface RenderResult {
  /** The cluster's name, when its file parsed far enough to have one. */
  name?: string;
  /** The planned files, sorted by path; empty when any error was found. */
  files: PlannedFile[];
  /** Every error and warning found. */
  problems: Problem[];
}

/** The Argo CD namespace and project every Application uses. */
export const ARGOCD = { namespace: "argocd", project: "default" } as const;

function componentApplication(
  cluster: ClusterConfig,
  component: Component,
  wave: number,
  dir: string,
): Resource {
  const { repoURL, revision } = cluster.git;
  const folder = `${dir}/${component.name}`;
  const sources: Source[] = [];
  if (component.chart) {
    sources.push(
      helmSource(component.chart, component.name, `${folder}/values.yaml`),
      valuesRefSource(repoURL, revision),
    );
  }
  if (component.resources.length > 0) {
    sources.push(
      gitPathSource(repoURL, revision, folder, component.chart ? "values.yaml" : undefined),
    );
  }
  return application({
    name: component.name,
    argocdNamespace: ARGOCD.namespace,
    project: ARGOCD.project,
    destinationNamespace: component.namespace,
    wave,
    sources,
    cascadeDelete: component.cascadeDelete,
    syncOptions: component.syncOptions,
    ignoreDifferences: component.ignoreDifferences,
    namespaceLabels: component.namespaceLabels,
  });
}

/** The root Application: the app-of-apps over `apps/<cluster>/applications/`. */
export function rootApplication(cluster: ClusterConfig, dir: string): Resource {
  return application({
    name: "root",
    argocdNamespace: ARGOCD.namespace,
    project: ARGOCD.project,
    destinationNamespace: ARGOCD.namespace,
    sources: [gitPathSource(cluster.git.repoURL, cluster.git.revision, `${dir}/applications`)],
    cascadeDelete: false,
  });
}

/**
 * Renders one cluster file's default export. `source` names the file in messages
 * and headers (`clusters/homelab.ts`).
 *
 * @example
 * ```ts
 * import { renderCluster } from "./render.ts";
 * import homelab from "../clusters/homelab.ts";
 * import assert from "node:assert/strict";
 * const result = renderCluster(homelab, "clusters/homelab.ts");
 * assert.deepEqual(result.problems, []);
 * assert.ok(result.files.some((file) => file.path === "apps/homelab/root.yaml"));
 * ```
 */
export function renderCluster(input: unknown, source: string): RenderResult {
  const parsed = parseCluster(input);
  if (!parsed.ok) return { files: [], problems: parsed.problems };
  const cluster = parsed.cluster;
  const problems = validate(cluster);
  const list = components(cluster);
  const waves = syncWaves(list);
  if (!waves.ok) problems.push(error("apps", waves.message));
  if (problems.some((problem) => problem.severity === "error") || !waves.ok) {
    return { name: cluster.name, files: [], problems };
  }

  const appsDir = `apps/${cluster.name}`;
  const omniDir = `omni/${cluster.name}`;
  const files: PlannedFile[] = [];
  const resources: { path: string; resource: Resource }[] = [];
  const placeResource = (path: string, resource: Resource) => {
    resources.push({ path, resource });
    files.push({ path, content: yamlFile(source, [resource]) });
  };
  const placeData = (path: string, documents: unknown[]) => {
    files.push({ path, content: yamlFile(source, documents) });
  };

  placeResource(`${appsDir}/root.yaml`, rootApplication(cluster, appsDir));
  for (const component of list) {
    const wave = waves.waves.get(component.name)!;
    placeResource(
      `${appsDir}/applications/${component.name}.yaml`,
      componentApplication(cluster, component, wave, appsDir),
    );
    if (component.values) placeData(`${appsDir}/${component.name}/values.yaml`, [component.values]);
    for (const { file, resource } of component.resources) {
      placeResource(`${appsDir}/${component.name}/${file}`, resource);
    }
  }

  const patchDir = `${omniDir}/patches`;
  const patches = clusterPatches(cluster);
  const nodePatches = new Map<string, Patch>();
  for (const node of cluster.nodes) {
    if (node.machineId !== undefined) nodePatches.set(node.name, nodePatch(cluster, node));
  }
  const template = clusterTemplate(cluster, patches, nodePatches, patchDir);
  placeData(`${omniDir}/cluster-template.yaml`, template);
  for (const patch of [...patches, ...nodePatches.values()]) {
    placeData(`${patchDir}/${patch.file}`, [patch.body]);
  }

  for (const { path, resource } of resources) {
    for (const violation of schemaViolations(resource)) {
      problems.push(error(path, `${violation} (upstream schema of ${resource.kind})`));
    }
  }
  if (problems.some((problem) => problem.severity === "error")) {
    return { name: cluster.name, files: [], problems };
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { name: cluster.name, files, problems };
}
