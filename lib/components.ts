/**
 * The components a cluster runs, each becoming one Argo CD Application and one
 * folder under `apps/<cluster>/`: what it deploys, where, and what it depends on.
 *
 * @module
 */
import type { ClusterConfig, RouteConfig } from "./schema.ts";
import type { Resource } from "./resource.ts";
import { ciliumValues } from "./cilium/values.ts";
import { l2AnnouncementPolicy, loadBalancerIPPools } from "./cilium/lb.ts";
import { gateway, gatewayName, httpsRedirect, LISTENERS, namespace } from "./gateway/gateway.ts";
import { backendRule, httpRoute } from "./gateway/http_route.ts";
import { argocdValues } from "./argocd/values.ts";
import { longhornValues } from "./longhorn/values.ts";

/** A resource and the file (in its component's folder) it is written to. */
export interface PlacedResource {
  file: string;
  resource: Resource;
}

/** One component: an Argo CD Application and its folder. */
export interface Component {
  name: string;
  /** The namespace its resources go to. */
  namespace: string;
  /** The components that must be synced and healthy first. */
  dependsOn: string[];
  /** The Helm chart, when the component is one; its values are written to `values.yaml`. */
  chart?: { repoURL: string; chart: string; version: string };
  values?: Record<string, unknown>;
  /** Plain manifests in the component's folder. */
  resources: PlacedResource[];
  /** Whether deleting its Application may delete its resources (never for the CNI, Argo CD or storage). */
  cascadeDelete: boolean;
  syncOptions?: string[];
  ignoreDifferences?: Record<string, unknown>[];
  namespaceLabels?: Record<string, string>;
}

/** The Secrets Cilium's chart regenerates on every render (Hubble TLS); Argo CD must not fight over them. */
const CILIUM_GENERATED_SECRETS = ["cilium-ca", "hubble-server-certs", "hubble-relay-client-certs"];

function appRoute(
  cluster: ClusterConfig,
  name: string,
  ns: string,
  route: RouteConfig,
): PlacedResource {
  return {
    file: "httproute.yaml",
    resource: httpRoute({
      name,
      namespace: ns,
      gateway: { name: gatewayName(route.gateway), namespace: cluster.gatewayNamespace },
      sectionName: LISTENERS.https,
      hostnames: [`${route.host}.${cluster.domain}`],
      rules: [backendRule(route.service, route.port)],
    }),
  };
}

/** A catalog Helm app: its chart and values, its route if it has one; never cascade-deleted (stateful). */
function helmAppComponent(
  cluster: ClusterConfig,
  name: string,
  app: ClusterConfig["apps"]["argocd"],
  values: Record<string, unknown>,
): Component {
  return {
    name,
    namespace: app.namespace,
    dependsOn: ["cilium", ...(app.route ? ["gateway"] : [])],
    chart: app.chart,
    values,
    resources: app.route ? [appRoute(cluster, name, app.namespace, app.route)] : [],
    cascadeDelete: false,
  };
}

/**
 * Lists the cluster's components in a stable order: Cilium (CNI and the CRDs
 * the rest consumes), its LB IPAM and L2 configuration, the Gateways, then the
 * apps whose routes attach to them.
 */
export function components(cluster: ClusterConfig): Component[] {
  const list: Component[] = [
    {
      name: "cilium",
      namespace: "kube-system",
      dependsOn: [],
      chart: cluster.cilium.chart,
      values: ciliumValues(cluster),
      resources: [],
      cascadeDelete: false,
      syncOptions: ["RespectIgnoreDifferences=true"],
      ignoreDifferences: CILIUM_GENERATED_SECRETS.map((name) => ({
        group: "",
        kind: "Secret",
        name,
        namespace: "kube-system",
        jsonPointers: ["/data"],
      })),
    },
    {
      name: "cilium-lb",
      namespace: "kube-system",
      dependsOn: ["cilium"],
      resources: [
        ...loadBalancerIPPools(cluster).map((resource) => ({
          file: `ip-pool-${resource.metadata.name}.yaml`,
          resource,
        })),
        { file: "l2-policy.yaml", resource: l2AnnouncementPolicy(cluster) },
      ],
      cascadeDelete: true,
      // Cilium's operator creates its CRDs when it starts, not through the chart.
      syncOptions: ["SkipDryRunOnMissingResource=true"],
    },
    {
      name: "gateway",
      namespace: cluster.gatewayNamespace,
      dependsOn: ["cilium", "cilium-lb"],
      resources: [
        { file: "namespace.yaml", resource: namespace(cluster.gatewayNamespace) },
        ...Object.keys(cluster.gateways).flatMap((key) => [
          { file: `${gatewayName(key)}.yaml`, resource: gateway(cluster, key) },
          {
            file: `${gatewayName(key)}-https-redirect.yaml`,
            resource: httpsRedirect(cluster, key),
          },
        ]),
      ],
      cascadeDelete: true,
    },
  ];
  const { argocd, longhorn } = cluster.apps;
  if (argocd.enabled) list.push(helmAppComponent(cluster, "argocd", argocd, argocdValues(cluster)));
  if (longhorn.enabled) {
    list.push({
      ...helmAppComponent(cluster, "longhorn", longhorn, longhornValues(cluster)),
      namespaceLabels: { "pod-security.kubernetes.io/enforce": "privileged" },
    });
  }
  return list;
}

/** The sync waves of components, or the names caught in a cycle or missing. */
export type WaveResult =
  | { ok: true; waves: Map<string, number> }
  | { ok: false; message: string };

/**
 * Computes sync waves from `dependsOn`: a component with no dependencies is
 * wave 0, any other is one more than its latest dependency (topological levels).
 *
 * @example
 * ```ts
 * import { syncWaves } from "./components.ts";
 * import assert from "node:assert/strict";
 * const result = syncWaves([
 *   { name: "cilium", dependsOn: [] },
 *   { name: "gateway", dependsOn: ["cilium"] },
 *   { name: "argocd", dependsOn: ["cilium", "gateway"] },
 * ]);
 * assert.ok(result.ok);
 * assert.deepEqual([...result.waves], [["cilium", 0], ["gateway", 1], ["argocd", 2]]);
 * ```
 */
export function syncWaves(
  list: readonly { name: string; dependsOn: readonly string[] }[],
): WaveResult {
  const byName = new Map(list.map((component) => [component.name, component]));
  for (const component of list) {
    const missing = component.dependsOn.filter((name) => !byName.has(name));
    if (missing.length > 0) {
      return { ok: false, message: `${component.name} depends on unknown ${missing.join(", ")}` };
    }
  }
  const waves = new Map<string, number>();
  const visiting: string[] = [];
  const visit = (name: string): number | string[] => {
    const known = waves.get(name);
    if (known !== undefined) return known;
    if (visiting.includes(name)) return [...visiting.slice(visiting.indexOf(name)), name];
    visiting.push(name);
    let wave = 0;
    for (const dependency of byName.get(name)!.dependsOn) {
      const result = visit(dependency);
      if (Array.isArray(result)) return result;
      wave = Math.max(wave, result + 1);
    }
    visiting.pop();
    waves.set(name, wave);
    return wave;
  };
  for (const component of list) {
    const result = visit(component.name);
    if (Array.isArray(result)) {
      return { ok: false, message: `dependency cycle: ${result.join(" -> ")}` };
    }
  }
  return { ok: true, waves: new Map(list.map((c) => [c.name, waves.get(c.name)!])) };
}
