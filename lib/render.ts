/**
 * Render: a cluster file's data in, the planned files out (path and bytes), or
 * every problem that stops it. Nothing here touches the disk.
 *
 * Data flows one way: parse (schema, defaults) -> validate (cross-resource
 * invariants) -> builders (plain objects) -> schema check -> emit (text).
 *
 * @module
 */
import { parseCluster } from "./model/parse.ts";
import { validate } from "./rules/validate.ts";
import { error, type Problem } from "./model/problem.ts";
import type { ClusterConfig } from "./model/schema.ts";
import { components, syncWaves } from "./build/components.ts";
import { type Component } from "./model/build.ts";
import {
  application,
  gitPathSource,
  helmSource,
  IN_CLUSTER,
  type Source,
  valuesRefSource,
} from "./build/argocd/application.ts";
import { clusterPatches, nodePatch } from "./build/omni/patches.ts";
import { type Patch } from "./model/build.ts";
import { clusterTemplate } from "./build/omni/template.ts";
import { type Resource, schemaViolations } from "./model/resource.ts";
import { checkBuild } from "./rules/check_build.ts";
import { deepMerge } from "./model/merge.ts";
import { generatedMarkdownHeader, yamlFile } from "./output/emit.ts";
import { networkDocument } from "./build/docs/network.ts";
import { bootstrapFiles, omniManifests } from "./build/bootstrap/plan.ts";

import {
  allResources,
  type Build,
  type BuildFile,
  type PlacedFile,
  type PlannedFile,
} from "./model/build.ts";

/** The outcome of rendering one cluster. */
export interface RenderResult {
  /** The cluster's name, when its file parsed far enough to have one. */
  name?: string;
  /** The planned files, sorted by path; empty when any error was found. */
  files: PlannedFile[];
  /** Every error and warning found. */
  problems: Problem[];
  /** What was built, when nothing stopped the render (the bootstrap steps read it). */
  build?: Build;
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
  if (component.gitSource) {
    const git = component.gitSource;
    sources.push(gitPathSource(git.repoURL, git.revision, git.path));
  }
  if (component.resources.length > 0) {
    sources.push(
      gitPathSource(repoURL, revision, folder, component.chart ? "values.yaml" : undefined),
    );
  }
  return application({
    name: component.name,
    argocdNamespace: ARGOCD.namespace,
    project: component.project,
    destinationNamespace: component.namespace,
    wave,
    sources,
    cascadeDelete: component.cascadeDelete,
    syncOptions: component.syncOptions,
    ignoreDifferences: component.ignoreDifferences,
    namespaceLabels: component.namespaceLabels,
  });
}

/** An AppProject; wave -1, so it syncs before every Application that uses it. */
export function appProject(name: string, project: ClusterConfig["projects"][string]): Resource {
  return {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "AppProject",
    metadata: {
      name,
      namespace: ARGOCD.namespace,
      annotations: { "argocd.argoproj.io/sync-wave": "-1" },
    },
    spec: {
      description: project.description,
      sourceRepos: project.sourceRepos,
      destinations: project.namespaces.map((namespace) => ({ server: IN_CLUSTER, namespace })),
      // Every Application syncs with CreateNamespace=true, and Argo CD checks the Namespace it
      // creates against this list like any cluster-scoped resource (argo-cd v3.2.0
      // controller/sync.go permission validator; gitops-engine sync_context.go getSyncTasks):
      // an empty list fails the sync with "resource :Namespace is not permitted in project".
      clusterResourceWhitelist: project.clusterResources
        ? [{ group: "*", kind: "*" }]
        : [{ group: "", kind: "Namespace" }],
    },
  };
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

/** Builds every object of a valid cluster: plain objects, nothing emitted yet. */
export function buildCluster(
  cluster: ClusterConfig,
  list: Component[],
  waves: Map<string, number>,
): Build {
  const appsDir = `apps/${cluster.name}`;
  const omniDir = `omni/${cluster.name}`;
  const resources: PlacedFile[] = [
    { path: `${appsDir}/root.yaml`, resource: rootApplication(cluster, appsDir) },
  ];
  const values: Build["values"] = [];
  for (const [name, project] of Object.entries(cluster.projects)) {
    resources.push({
      path: `${appsDir}/applications/project-${name}.yaml`,
      resource: appProject(name, project),
    });
  }
  for (const component of list) {
    resources.push({
      path: `${appsDir}/applications/${component.name}.yaml`,
      resource: componentApplication(cluster, component, waves.get(component.name)!, appsDir),
    });
    if (component.values) {
      values.push({
        path: `${appsDir}/${component.name}/values.yaml`,
        component: component.name,
        values: component.values,
      });
    }
    for (const { file, resource } of component.resources) {
      resources.push({ path: `${appsDir}/${component.name}/${file}`, resource });
    }
  }
  const patchDir = `${omniDir}/patches`;
  const templatePath = `${omniDir}/cluster-template.yaml`;
  const bootstrap = bootstrapFiles(cluster, list, `${omniDir}/bootstrap`, resources[0].resource);
  const manifests = omniManifests(bootstrap);
  const patches = clusterPatches(cluster);
  const nodePatches = new Map<string, Patch>();
  for (const node of cluster.nodes) {
    if (node.machineId !== undefined) nodePatches.set(node.name, nodePatch(cluster, node));
  }
  return {
    cluster,
    components: list,
    waves,
    resources,
    values,
    patches,
    nodePatches,
    patchDir,
    templatePath,
    template: clusterTemplate(
      cluster,
      patches,
      nodePatches,
      { template: templatePath, patchDir },
      manifests,
    ),
    bootstrap,
    manifests,
  };
}

/**
 * Applies the cluster file's last-mile patches to the rendered resources (deep
 * merge: objects merge, arrays replace, `append()`/`remove()` explicit). Every
 * patch must hit exactly one resource. The patched resources are then checked
 * like any other.
 */
export function applyPatches(build: Build): Problem[] {
  const problems: Problem[] = [];
  build.cluster.patches.forEach(({ target, patch }, i) => {
    const hits = allResources(build).filter(({ resource }) =>
      resource.kind === target.kind && resource.metadata.name === target.name &&
      (target.namespace === undefined || resource.metadata.namespace === target.namespace)
    );
    const what = `${target.kind} ${target.namespace ? `${target.namespace}/` : ""}${target.name}`;
    if (hits.length !== 1) {
      const where = hits.map((hit) => hit.path).join(", ");
      problems.push(
        error(
          `patches[${i}].target`,
          hits.length === 0
            ? `${what} matches no rendered resource`
            : `${what} matches ${hits.length} resources (${where}); name its namespace`,
        ),
      );
      return;
    }
    const patched = deepMerge(hits[0].resource, patch) as Resource;
    for (const component of build.components) {
      for (const placed of component.resources) {
        if (placed.resource === hits[0].resource) placed.resource = patched;
      }
    }
    hits[0].resource = patched;
  });
  return problems;
}

/** Emits a build as files, sorted by path. */
export function emitBuild(build: Build, source: string): PlannedFile[] {
  const files: PlannedFile[] = [
    ...buildDocuments(build).map(({ path, documents }) => ({
      path,
      content: yamlFile(source, documents),
    })),
    {
      path: `apps/${build.cluster.name}/README.md`,
      content: generatedMarkdownHeader(source) + networkDocument(build),
    },
  ];
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Every YAML file of a build (the network document aside), unsorted. */
export function buildDocuments(build: Build): BuildFile[] {
  return [
    ...build.resources.map(({ path, resource }) => ({ path, documents: [resource] })),
    ...build.values.map(({ path, values }) => ({ path, documents: [values] })),
    ...build.bootstrap.map(({ path, resources }) => ({
      path,
      documents: resources.map(({ resource }) => resource),
    })),
    { path: build.templatePath, documents: build.template },
    ...[...build.patches, ...build.nodePatches.values()].map((patch) => ({
      path: `${build.patchDir}/${patch.file}`,
      documents: [patch.body],
    })),
  ];
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
  const failed = (problems: Problem[]) => problems.some((problem) => problem.severity === "error");

  const problems = validate(cluster);
  const list = components(cluster);
  const waves = syncWaves(list);
  // validate() names each unknown dependency where it is; a cycle is only found here.
  if (!waves.ok && waves.reason === "cycle") problems.push(error("apps", waves.message));
  if (failed(problems) || !waves.ok) return { name: cluster.name, files: [], problems };

  const build = buildCluster(cluster, list, waves.waves);
  problems.push(...applyPatches(build));
  if (failed(problems)) return { name: cluster.name, files: [], problems };
  problems.push(...checkBuild(build));
  for (const { path, resource } of allResources(build)) {
    for (const violation of schemaViolations(resource)) {
      problems.push(error(path, `${violation} (upstream schema of ${resource.kind})`));
    }
  }
  if (failed(problems)) return { name: cluster.name, files: [], problems };
  return { name: cluster.name, files: emitBuild(build, source), problems, build };
}
