/**
 * Which bootstrap manifests a cluster gets, and how the Omni template lists
 * them: Cilium always (nothing runs without the CNI); Argo CD and the root
 * Application when the cluster runs Argo CD from the catalog's chart and
 * `bootstrap.argocd` is `omni`.
 *
 * @module
 */
import type { ClusterConfig } from "../schema.ts";
import type { Component } from "../components.ts";
import type { PlacedFile } from "../render.ts";
import { helmInstall, type HelmRelease } from "./manifests.ts";

/** The chart that makes a component Argo CD. */
export const ARGOCD_CHART = "argo-cd";

/** One bootstrap file: the objects that install one component's Helm release. */
export interface BootstrapFile {
  /** The manifest's name in the Omni template. */
  name: string;
  /** The component (and Argo CD Application) it installs. */
  component: string;
  path: string;
  /** Its objects, in file order (each with this file's path). */
  resources: PlacedFile[];
}

/** An entry of the Omni Cluster document's `kubernetes.manifests`. */
export interface OmniManifest {
  name: string;
  /** `one-time`: applied once, then left to what adopts it (Argo CD). */
  mode: "one-time" | "full";
  /** Relative to the repository root, where `omnictl cluster template sync` runs. */
  file: string;
}

/** The component that is Argo CD, if the cluster runs it from the argo-cd chart. */
export function argocdComponent(list: readonly Component[]): Component | undefined {
  return list.find((component) => component.chart?.chart === ARGOCD_CHART);
}

/** A Helm component as the release its Application deploys. */
export function releaseOf(component: Component): HelmRelease | undefined {
  if (!component.chart) return undefined;
  return {
    release: component.name,
    namespace: component.namespace,
    chart: component.chart,
    values: component.values ?? {},
  };
}

/** Whether Omni installs Argo CD (and then applies the root Application). */
export function omniInstallsArgocd(cluster: ClusterConfig, list: readonly Component[]): boolean {
  return cluster.bootstrap.argocd === "omni" && argocdComponent(list) !== undefined;
}

/** Builds the bootstrap files of a cluster, in the order Omni applies them. */
export function bootstrapFiles(
  cluster: ClusterConfig,
  list: readonly Component[],
  dir: string,
): BootstrapFile[] {
  const files: BootstrapFile[] = [];
  const add = (component: Component | undefined, early: boolean) => {
    const release = component && releaseOf(component);
    if (!component || !release) return;
    const path = `${dir}/${component.name}.yaml`;
    const placement = early
      ? { beforeCni: { host: cluster.cilium.k8sServiceHost, port: cluster.kubePrism.port } }
      : {};
    files.push({
      name: `bootstrap-${component.name}`,
      component: component.name,
      path,
      resources: helmInstall(release, cluster.bootstrap.helmImage, placement).map((resource) => ({
        path,
        resource,
      })),
    });
  };
  add(list.find((component) => component.name === "cilium"), true);
  if (omniInstallsArgocd(cluster, list)) add(argocdComponent(list), false);
  return files;
}

/**
 * The template's `kubernetes.manifests`: each bootstrap file once, then the root
 * Application when Omni installs Argo CD (Omni retries it until Argo CD's CRDs exist).
 */
export function omniManifests(
  files: readonly BootstrapFile[],
  rootPath: string,
  withRoot: boolean,
): OmniManifest[] {
  return [
    ...files.map((file) => ({ name: file.name, mode: "one-time" as const, file: file.path })),
    ...(withRoot ? [{ name: "root-application", mode: "one-time" as const, file: rootPath }] : []),
  ];
}
