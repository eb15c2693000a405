/**
 * The components a cluster runs, each becoming one Argo CD Application and one
 * folder under `apps/<cluster>/`: what it deploys, where, and what it depends on.
 *
 * @module
 */
import type { AppConfig, ClusterConfig, RouteConfig } from "../model/schema.ts";
import { deepMerge } from "../model/merge.ts";
import type { Resource } from "../model/resource.ts";
import { ciliumValues } from "./cilium/values.ts";
import { l2AnnouncementPolicy, loadBalancerIPPools } from "./cilium/lb.ts";
import { gateway, gatewayName, httpsRedirect, LISTENERS, namespace } from "./gateway/gateway.ts";
import { httpRoute, routeRule } from "./gateway/http_route.ts";
import { acmeIssuer, certManagerApp, TLS_ISSUER_COMPONENT } from "./tls/issuer.ts";
import type { Component, PlacedResource } from "../model/build.ts";

/** The components Hydrate always renders; no app may take their names. */
export const CORE_COMPONENTS = ["cilium", "cilium-lb", "gateway", "tls-issuer"] as const;

/** The Secrets Cilium's chart regenerates on every render (Hubble TLS); Argo CD must not fight over them. */
const CILIUM_GENERATED_SECRETS = ["cilium-ca", "hubble-server-certs", "hubble-relay-client-certs"];

/** The file a resource of an app is written to: `<kind>-<name>.yaml`, lowercase. */
function resourceFile(resource: Resource): string {
  return `${resource.kind.toLowerCase()}-${resource.metadata.name}.yaml`;
}

/**
 * Builds an app's HTTPRoutes: one per hostname and Gateway (`<host>.<domain>` on
 * its HTTPS listener), with a rule per routed path, longest path first.
 */
export function appRoutes(
  cluster: ClusterConfig,
  namespace: string,
  routes: readonly RouteConfig[],
): PlacedResource[] {
  // One HTTPRoute per namespace, host, Gateway and listener, its rules longest path first.
  // Grouped in place and each host's Gateways counted once: linear in an app's routes.
  const groups = new Map<string, RouteConfig[]>();
  const hostGateways = new Map<string, Set<string>>();
  for (const route of routes) {
    const key = `${route.namespace ?? namespace} ${route.host} ${route.gateway} ${route.listener}`;
    const group = groups.get(key);
    if (group) group.push(route);
    else groups.set(key, [route]);
    const gateways = hostGateways.get(route.host);
    if (gateways) gateways.add(route.gateway);
    else hostGateways.set(route.host, new Set([route.gateway]));
  }
  const gatewaysOf = (host: string) => hostGateways.get(host)!.size;
  return [...groups.values()].map((group) => {
    const { host, gateway, listener } = group[0];
    const name = `${gatewaysOf(host) > 1 ? `${host}-${gateway}` : host}${
      listener === "http" ? "-http" : ""
    }`;
    const rules = [...group]
      .sort((a, b) => b.path.length - a.path.length)
      .map((route) => routeRule(route));
    return {
      file: `httproute-${name}.yaml`,
      resource: httpRoute({
        name,
        namespace: group[0].namespace ?? namespace,
        gateway: { name: gatewayName(gateway), namespace: cluster.gatewayNamespace },
        sectionName: LISTENERS[listener],
        hostnames: [`${host}.${cluster.domain}`],
        rules,
      }),
    };
  });
}

/** Values Hydrate derives for a catalog chart from the cluster's facts (under the app's own values). */
function derivedValues(cluster: ClusterConfig, app: AppConfig): Record<string, unknown> {
  if (app.kind !== "helm" || app.chart.chart !== "argo-cd") return {};
  return {
    ...(app.routes.length > 0
      ? { global: { domain: `${app.routes[0].host}.${cluster.domain}` } }
      : {}),
    ...(kustomizeHelm(cluster)
      ? { configs: { cm: { [KUSTOMIZE_BUILD_OPTIONS]: ENABLE_HELM } } }
      : {}),
  };
}

/**
 * The argocd-cm key of kustomize's build options. Argo CD v3.2.0 passes only this global
 * one to `kustomize build` (util/settings/settings.go GetKustomizeSettings; util/kustomize/
 * kustomize.go Build): no Application field carries build options, and the per-version
 * `kustomize.buildOptions.<version>` keys are read but not used.
 */
export const KUSTOMIZE_BUILD_OPTIONS = "kustomize.buildOptions";
/** The build option that lets kustomize inflate a kustomization's `helmCharts`. */
export const ENABLE_HELM = "--enable-helm";

/** Whether an app's kustomization inflates Helm charts, so Argo CD must build with `--enable-helm`. */
export function kustomizeHelm(cluster: ClusterConfig): boolean {
  return Object.values(cluster.apps).some((app) =>
    app.kind === "git" && app.kustomize?.enableHelm === true
  );
}

/** The kustomize options of a Git app's source: what Argo CD's `source.kustomize` takes. */
function kustomizeSource(
  kustomize: Extract<AppConfig, { kind: "git" }>["kustomize"],
): Record<string, unknown> | undefined {
  if (kustomize === undefined) return undefined;
  const { enableHelm: _, ...options } = kustomize;
  return Object.keys(options).length > 0 ? options : undefined;
}

/** The namespaces of a (parsed, never changed) cluster that its apps or its Gateways create. */
const TAKEN_NAMESPACES = new WeakMap<ClusterConfig, Set<string>>();

/**
 * The namespaces an app's routes live in that nothing else creates: not its own (Argo CD
 * creates that), not another app's (rule "apps" has it depend on that app), not the Gateways'.
 */
export function routeNamespaces(cluster: ClusterConfig, app: AppConfig): string[] {
  if (app.routes.every((route) => route.namespace === undefined)) return [];
  // Once per cluster, not once per app: 100,000 apps with such routes stay linear.
  let taken = TAKEN_NAMESPACES.get(cluster);
  if (!taken) {
    taken = new Set([
      cluster.gatewayNamespace,
      ...Object.values(cluster.apps).map((other) => other.namespace),
    ]);
    TAKEN_NAMESPACES.set(cluster, taken);
  }
  return [
    ...new Set(
      app.routes.map((route) => route.namespace).filter((name): name is string =>
        name !== undefined && !taken.has(name)
      ),
    ),
  ];
}

/** Turns an app of the cluster file into a component. */
export function appComponent(cluster: ClusterConfig, name: string, app: AppConfig): Component {
  const own = app.kind === "git" ? [] : app.resources.map((resource) => resource as Resource);
  const resources = [
    ...own.map((resource) => ({ file: resourceFile(resource), resource })),
    ...routeNamespaces(cluster, app).map((name) => ({
      file: `namespace-${name}.yaml`,
      resource: namespace(name),
    })),
    ...appRoutes(cluster, app.namespace, app.routes),
  ];
  const dependsOn = [
    ...new Set(["cilium", ...(app.routes.length > 0 ? ["gateway"] : []), ...app.dependsOn]),
  ];
  return {
    name,
    namespace: app.namespace,
    dependsOn,
    project: app.project,
    chart: app.kind === "helm" ? app.chart : undefined,
    releaseName: app.kind === "helm" ? app.releaseName : undefined,
    charts: app.kind === "helm" && app.charts.length > 0 ? app.charts : undefined,
    values: app.kind === "helm" ? deepMerge(derivedValues(cluster, app), app.values) : undefined,
    gitSource: app.kind === "git"
      ? {
        repoURL: app.repoURL ?? cluster.git.repoURL,
        revision: app.revision ?? (app.repoURL === undefined ? cluster.git.revision : "HEAD"),
        path: app.path,
        kustomize: kustomizeSource(app.kustomize),
      }
      : undefined,
    resources,
    cascadeDelete: app.cascadeDelete,
    namespaceLabels: app.namespaceLabels,
    application: app.application,
  };
}

/**
 * Lists the cluster's components in a stable order: Cilium (CNI and the CRDs
 * the rest consumes), its LB IPAM and L2 configuration, the Gateways, then the
 * cluster file's apps in the order it lists them.
 */
export function components(cluster: ClusterConfig): Component[] {
  return [
    {
      name: "cilium",
      namespace: "kube-system",
      dependsOn: [],
      project: "default",
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
      project: "default",
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
      // The Gateways' certificates need the issuer Hydrate renders, when it renders one.
      dependsOn: ["cilium", "cilium-lb", ...issuerComponent(cluster).map((c) => c.name)],
      project: "default",
      resources: [
        { file: "namespace.yaml", resource: namespace(cluster.gatewayNamespace) },
        ...Object.keys(cluster.gateways).flatMap((key) => [
          { file: `${gatewayName(key)}.yaml`, resource: gateway(cluster, key) },
          ...(cluster.gateways[key].httpsRedirect
            ? [{
              file: `${gatewayName(key)}-https-redirect.yaml`,
              resource: httpsRedirect(cluster, key),
            }]
            : []),
        ]),
      ],
      cascadeDelete: true,
    },
    ...issuerComponent(cluster),
    ...Object.entries(cluster.apps).map(([name, app]) => appComponent(cluster, name, app)),
  ];
}

/** The ACME issuer Hydrate renders (`tls.issuer.acme`), synced after cert-manager brings its CRDs. */
function issuerComponent(cluster: ClusterConfig): Component[] {
  const issuer = acmeIssuer(cluster);
  const certManager = certManagerApp(cluster);
  // rule "tls-issuer" refuses an ACME issuer without a cert-manager app.
  if (!issuer || !certManager) return [];
  return [{
    name: TLS_ISSUER_COMPONENT,
    namespace: issuer.metadata.namespace ?? certManager.app.namespace,
    dependsOn: ["cilium", certManager.name],
    project: "default",
    resources: [{ file: resourceFile(issuer), resource: issuer }],
    cascadeDelete: true,
  }];
}

/** The sync waves of components, or the names caught in a cycle or missing. */
export type WaveResult =
  | { ok: true; waves: Map<string, number> }
  | { ok: false; reason: "missing" | "cycle"; message: string };

/**
 * Computes sync waves from `dependsOn`: a component with no dependencies is
 * wave 0, any other is one more than its latest dependency (topological levels).
 * A component whose Application states a wave (`application.wave`) takes it, and
 * those that depend on it are computed from it; rule `sync-order` refuses a
 * stated wave that does not come after its dependencies.
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
  list: readonly {
    name: string;
    dependsOn: readonly string[];
    application?: { wave?: number | undefined };
  }[],
): WaveResult {
  const byName = new Map(list.map((component) => [component.name, component]));
  for (const component of list) {
    const missing = component.dependsOn.filter((name) => !byName.has(name));
    if (missing.length > 0) {
      return {
        ok: false,
        reason: "missing",
        message: `${component.name} depends on unknown ${missing.join(", ")}`,
      };
    }
  }
  const waves = new Map<string, number>();
  for (const component of list) {
    const cycle = visitFrom(component.name, byName, waves);
    if (cycle) {
      const shown = cycle.length > 51
        ? [...cycle.slice(0, 50), `... (${cycle.length - 51} more) ...`, cycle.at(-1)!]
        : cycle;
      return { ok: false, reason: "cycle", message: `dependency cycle: ${shown.join(" -> ")}` };
    }
  }
  return { ok: true, waves: new Map(list.map((c) => [c.name, waves.get(c.name)!])) };
}

type WaveNode = { dependsOn: readonly string[]; application?: { wave?: number | undefined } };

/**
 * Depth first from `root`, dependencies in order, each component's wave set once its
 * dependencies have theirs; the first cycle met is returned (from the component it
 * returns to, back to it). With a stack of its own, not the call stack: a chain of
 * 100,000 apps, each depending on the next, does not overflow, and the path is
 * looked up in a map, not searched, so it stays linear.
 */
function visitFrom(
  root: string,
  byName: ReadonlyMap<string, WaveNode>,
  waves: Map<string, number>,
): string[] | undefined {
  if (waves.has(root)) return undefined;
  const path: string[] = [];
  const onPath = new Map<string, number>();
  const next: number[] = [];
  const wave: number[] = [];
  const enter = (name: string) => {
    onPath.set(name, path.length);
    path.push(name);
    next.push(0);
    wave.push(0);
  };
  enter(root);
  while (path.length > 0) {
    const top = path.length - 1;
    const name = path[top];
    const dependsOn = byName.get(name)!.dependsOn;
    if (next[top] < dependsOn.length) {
      const dependency = dependsOn[next[top]++];
      const known = waves.get(dependency);
      if (known !== undefined) wave[top] = Math.max(wave[top], known + 1);
      else if (onPath.has(dependency)) return [...path.slice(onPath.get(dependency)), dependency];
      else enter(dependency);
      continue;
    }
    path.pop();
    next.pop();
    onPath.delete(name);
    const computed = wave.pop()!;
    const own = byName.get(name)!.application?.wave ?? computed;
    waves.set(name, own);
    if (path.length > 0) wave[path.length - 1] = Math.max(wave[path.length - 1], own + 1);
  }
  return undefined;
}
