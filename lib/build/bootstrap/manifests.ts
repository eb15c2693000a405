/**
 * The bootstrap chain's manifests: what Omni applies once to a bare cluster so
 * that it gets its CNI, then Argo CD, then the root Application. Each Helm
 * install is a Job (with its ServiceAccount, its ClusterRoleBinding and its
 * values in a ConfigMap) that installs exactly the chart, version, release,
 * namespace and values of the Argo CD Application that later adopts it.
 *
 * @module
 */
import type { Resource } from "../../model/resource.ts";
import { toYaml } from "../../model/yaml.ts";

/** The namespace the bootstrap Jobs run in: it exists from the start, and Talos exempts it from Pod Security. */
export const BOOTSTRAP_NAMESPACE = "kube-system";

/** Where a Job finds its values file. */
export const VALUES_MOUNT = "/values";

/** A Helm release to install: the same facts the Argo CD Application carries. */
export interface HelmRelease {
  /** The release name (the Application's `helm.releaseName`). */
  release: string;
  /** The namespace the release goes to (the Application's destination). */
  namespace: string;
  chart: { repoURL: string; chart: string; version: string };
  values: Record<string, unknown>;
}

/**
 * A manifest the Job applies once its release is installed (the root
 * Application, whose kind the release brings): a second container runs
 * `kubectl apply --server-side` on it from the same ConfigMap.
 */
export interface ThenApply {
  /** The key of the ConfigMap, and the file name under {@link VALUES_MOUNT}. */
  file: string;
  resource: Resource;
  /** A kubectl image, pinned. */
  image: string;
}

/** How the Job reaches the API server and where it may run. */
export interface JobPlacement {
  /**
   * Host network, every taint tolerated and the API server through KubePrism on
   * the node's loopback: what a Job needs before any CNI runs (the CNI install).
   * Without it, the Job waits for a Ready node like any pod (everything after the CNI).
   */
  beforeCni?: { host: string; port: number };
  /** What to apply after the install. */
  then?: ThenApply;
}

/** The name of the bootstrap objects of a release: `hydrate-bootstrap-<release>`. */
export function bootstrapName(release: string): string {
  return `hydrate-bootstrap-${release}`;
}

/**
 * The container that applies a manifest after the install. Until the release's
 * CRDs are established, `kubectl apply` fails and the Job restarts the container
 * (restartPolicy OnFailure), not the install.
 */
function thenContainer(then: ThenApply, mount: Record<string, unknown>): Record<string, unknown> {
  return {
    name: "apply",
    image: then.image,
    args: ["apply", "--server-side", "-f", `${VALUES_MOUNT}/${then.file}`],
    volumeMounts: [mount],
  };
}

/** The `helm` arguments that install a release with the values mounted at {@link VALUES_MOUNT}. */
export function helmInstallArgs(release: HelmRelease): string[] {
  return [
    "upgrade",
    "--install",
    release.release,
    release.chart.chart,
    "--repo",
    release.chart.repoURL,
    "--version",
    release.chart.version,
    "--namespace",
    release.namespace,
    "--create-namespace",
    "--values",
    `${VALUES_MOUNT}/values.yaml`,
  ];
}

/**
 * Builds the four objects that install one Helm release on a bare cluster:
 * ServiceAccount, ClusterRoleBinding (cluster-admin: a chart creates CRDs and
 * cluster roles), ConfigMap with the values, and the Job running `helm upgrade
 * --install`. The values are emitted by the same emitter as the Application's
 * `values.yaml`, so the two files hold the same document.
 *
 * @example
 * ```ts
 * import { helmInstall } from "./manifests.ts";
 * import assert from "node:assert/strict";
 * const objects = helmInstall(
 *   {
 *     release: "cilium",
 *     namespace: "kube-system",
 *     chart: { repoURL: "https://helm.cilium.io", chart: "cilium", version: "1.18.4" },
 *     values: { cluster: { name: "homelab" } },
 *   },
 *   "docker.io/alpine/helm:3.18.4",
 *   { beforeCni: { host: "localhost", port: 7445 } },
 * );
 * assert.deepEqual(objects.map((o) => o.kind), ["ServiceAccount", "ClusterRoleBinding", "ConfigMap", "Job"]);
 * assert.equal((objects[2].data as Record<string, string>)["values.yaml"], "cluster:\n  name: homelab\n");
 * ```
 */
export function helmInstall(
  release: HelmRelease,
  image: string,
  placement: JobPlacement,
): Resource[] {
  const name = bootstrapName(release.release);
  const labels = { "app.kubernetes.io/name": name, "app.kubernetes.io/managed-by": "hydrate" };
  const metadata = { name, namespace: BOOTSTRAP_NAMESPACE, labels };
  return [
    { apiVersion: "v1", kind: "ServiceAccount", metadata },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: { name, labels },
      roleRef: {
        apiGroup: "rbac.authorization.k8s.io",
        kind: "ClusterRole",
        name: "cluster-admin",
      },
      subjects: [{ kind: "ServiceAccount", name, namespace: BOOTSTRAP_NAMESPACE }],
    },
    {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { ...metadata, name: `${name}-values` },
      data: {
        "values.yaml": toYaml(release.values),
        ...(placement.then ? { [placement.then.file]: toYaml(placement.then.resource) } : {}),
      },
    },
    helmJob(release, image, placement, metadata),
  ];
}

/** The Job that runs the install (and, with `then`, the apply after it). */
function helmJob(
  release: HelmRelease,
  image: string,
  placement: JobPlacement,
  metadata: { name: string; namespace: string; labels: Record<string, string> },
): Resource {
  const early = placement.beforeCni;
  const mount = { name: "values", mountPath: VALUES_MOUNT, readOnly: true };
  const helm = {
    name: "helm",
    image,
    args: helmInstallArgs(release),
    env: early
      ? [
        { name: "KUBERNETES_SERVICE_HOST", value: early.host },
        { name: "KUBERNETES_SERVICE_PORT", value: String(early.port) },
      ]
      : undefined,
    volumeMounts: [mount],
  };
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata,
    spec: {
      backoffLimit: 30,
      template: {
        metadata: { labels: metadata.labels },
        spec: {
          serviceAccountName: metadata.name,
          restartPolicy: "OnFailure",
          hostNetwork: early ? true : undefined,
          // Before the CNI, nothing in the cluster answers DNS: use the node's resolver.
          dnsPolicy: early ? "Default" : undefined,
          tolerations: early
            ? [{ operator: "Exists" }]
            : [{ key: "node-role.kubernetes.io/control-plane", operator: "Exists" }],
          // The install first; what its kinds make possible after (init containers run to completion first).
          ...(placement.then
            ? { initContainers: [helm], containers: [thenContainer(placement.then, mount)] }
            : { containers: [helm] }),
          volumes: [{ name: "values", configMap: { name: `${metadata.name}-values` } }],
        },
      },
    },
  };
}
