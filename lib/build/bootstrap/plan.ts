/**
 * Which bootstrap manifests a cluster gets, and how the Omni template lists
 * them: Cilium always (nothing runs without the CNI); Argo CD, whose Job then
 * applies the root Application, when the cluster runs Argo CD from the catalog's
 * chart and `bootstrap.argocd` is `omni`.
 *
 * Omni applies every `one-time` manifest of a cluster as ONE batch, in stages
 * (CRDs, Namespaces and ClusterRoles; `*Class` kinds; the rest), each dry-run as
 * a whole before anything of it is applied (siderolabs/omni v1.10.4
 * internal/backend/runtime/omni/controllers/omni/kubernetes/cluster_manifest_status.go;
 * fluxcd/pkg ssa/v0.77.0 ssa/manager_apply.go ApplyAllStaged, ApplyAll). An
 * Argo CD Application in that batch fails its dry run on a new cluster (no such
 * kind, no namespace `argocd`) and holds back every Job beside it, forever: so
 * the root Application is applied by the Argo CD Job, after the install that
 * brings its kind.
 *
 * @module
 */
import type { ClusterConfig } from "../../model/schema.ts";
import type { Component } from "../../model/build.ts";
import type { Resource } from "../../model/resource.ts";
import { helmInstall, type HelmRelease, type JobPlacement } from "./manifests.ts";
import type { BootstrapFile, OmniManifest } from "../../model/build.ts";

/** The chart that makes a component Argo CD. */
export const ARGOCD_CHART = "argo-cd";

/** The component that is Argo CD, if the cluster runs it from the argo-cd chart. */
export function argocdComponent(list: readonly Component[]): Component | undefined {
  return list.find((component) => component.chart?.chart === ARGOCD_CHART);
}

/** A Helm component as the release its Application deploys. */
export function releaseOf(component: Component): HelmRelease | undefined {
  if (!component.chart) return undefined;
  return {
    release: component.releaseName ?? component.name,
    namespace: component.namespace,
    chart: component.chart,
    values: component.values ?? {},
  };
}

/** Whether Omni installs Argo CD (and then applies the root Application). */
export function omniInstallsArgocd(cluster: ClusterConfig, list: readonly Component[]): boolean {
  return cluster.bootstrap.argocd === "omni" && argocdComponent(list) !== undefined;
}

/** The kubectl image the Argo CD Job applies the root Application with: the cluster's own Kubernetes version. */
export function kubectlImage(cluster: ClusterConfig): string {
  // registry.k8s.io publishes kubectl images from v1.28 on (kubernetes/kubernetes#116672).
  return cluster.bootstrap.kubectlImage ??
    `registry.k8s.io/kubectl:${cluster.omni.kubernetesVersion}`;
}

/** The file name of the root Application in the Argo CD Job's ConfigMap. */
export const ROOT_FILE = "root.yaml";

/**
 * Builds the bootstrap files of a cluster, in the order Omni applies them. With
 * `root`, the Argo CD Job applies it after installing Argo CD.
 */
export function bootstrapFiles(
  cluster: ClusterConfig,
  list: readonly Component[],
  dir: string,
  root?: Resource,
): BootstrapFile[] {
  const files: BootstrapFile[] = [];
  const add = (component: Component | undefined, placement: JobPlacement) => {
    const release = component && releaseOf(component);
    if (!component || !release) return;
    const path = `${dir}/${component.name}.yaml`;
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
  add(list.find((component) => component.name === "cilium"), {
    beforeCni: { host: cluster.cilium.k8sServiceHost, port: cluster.kubePrism.port },
  });
  if (omniInstallsArgocd(cluster, list)) {
    add(argocdComponent(list), {
      then: root ? { file: ROOT_FILE, resource: root, image: kubectlImage(cluster) } : undefined,
    });
  }
  return files;
}

/** The template's `kubernetes.manifests`: each bootstrap file once (one Omni batch). */
export function omniManifests(files: readonly BootstrapFile[]): OmniManifest[] {
  return files.map((file) => ({ name: file.name, mode: "one-time" as const, file: file.path }));
}
