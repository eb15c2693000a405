/**
 * Builds every object of a valid cluster as plain data: the root Application,
 * the AppProjects, one Application per component with its values and
 * resources, the Omni patches and template, and the bootstrap manifests.
 *
 * @module
 */
import type { ClusterConfig } from "../model/schema.ts";
import type { Build, Component, Patch, PlacedFile } from "../model/build.ts";
import type { Resource } from "../model/resource.ts";
import {
  application,
  gitPathSource,
  helmSource,
  IN_CLUSTER,
  type Source,
  SYNC_WAVE,
  valuesRefSource,
} from "./argocd/application.ts";
import { clusterPatches, nodePatch } from "./omni/patches.ts";
import { clusterTemplate, machineSetPatches, machineSetsOf } from "./omni/template.ts";
import { bootstrapFiles, omniManifests } from "./bootstrap/plan.ts";

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
      helmSource(component.chart, component.releaseName ?? component.name, `${folder}/values.yaml`),
      // Further charts' values sit in subfolders, which the folder's own (non-recursive)
      // directory source never reads (argo-cd v3.2.0 reposerver/repository/repository.go,
      // getPotentiallyValidManifests).
      ...(component.charts ?? []).map((extra) =>
        helmSource(extra.chart, extra.releaseName, `${folder}/${chartValuesFile(extra)}`)
      ),
      valuesRefSource(repoURL, revision),
    );
  }
  if (component.gitSource) {
    const git = component.gitSource;
    sources.push({
      ...gitPathSource(git.repoURL, git.revision, git.path),
      kustomize: git.kustomize,
    });
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
    settings: component.application,
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
      annotations: { [SYNC_WAVE]: "-1" },
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
  const omniDir = `omni/${cluster.name}`;
  const { resources, values } = argocdTree(cluster, list, waves);
  const patchDir = `${omniDir}/patches`;
  const templatePath = `${omniDir}/cluster-template.yaml`;
  const bootstrap = bootstrapFiles(cluster, list, `${omniDir}/bootstrap`, resources[0].resource);
  const manifests = omniManifests(bootstrap);
  const patches = clusterPatches(cluster);
  const nodePatches = new Map<string, Patch>();
  for (const node of cluster.nodes) {
    if (node.machineId !== undefined) nodePatches.set(node.name, nodePatch(cluster, node));
  }
  const setPatches = new Map(
    machineSetsOf(cluster).map((set) => [set.name, machineSetPatches(set)] as const),
  );
  const paths = { template: templatePath, patchDir };
  return {
    cluster,
    components: list,
    waves,
    resources,
    values,
    patches,
    nodePatches,
    setPatches,
    patchDir,
    templatePath,
    template: clusterTemplate(cluster, patches, nodePatches, paths, manifests, setPatches),
    bootstrap,
    manifests,
  };
}

/** Where a further chart's values go in its app's folder. */
const chartValuesFile = (extra: { releaseName: string }) =>
  `charts/${extra.releaseName}/values.yaml`;

/** The tree Argo CD syncs: the root (first), the AppProjects, each component's Application, values and resources. */
function argocdTree(
  cluster: ClusterConfig,
  list: Component[],
  waves: Map<string, number>,
): { resources: PlacedFile[]; values: Build["values"] } {
  const appsDir = `apps/${cluster.name}`;
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
    (component.charts ?? []).forEach((extra, i) =>
      values.push({
        path: `${appsDir}/${component.name}/${chartValuesFile(extra)}`,
        component: component.name,
        values: extra.values,
        chart: extra.chart,
        field: `apps.${component.name}.charts[${i}].values`,
      })
    );
    for (const { file, resource } of component.resources) {
      resources.push({ path: `${appsDir}/${component.name}/${file}`, resource });
    }
  }
  return { resources, values };
}
