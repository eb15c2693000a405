/**
 * Cross-resource invariants: the facts of a cluster file that must agree with
 * each other. Each rule returns every problem it finds, so one render reports
 * them all. Comparisons use maps and sorted intervals, never every pair.
 *
 * @module
 */
import { type ClusterConfig, type NodeConfig, OMNI_DEFAULT_VERSION } from "../model/schema.ts";
import { atLeast } from "../build/omni/version.ts";
import {
  cidr,
  containsAddress,
  formatCidr,
  formatIPv4,
  ipv4,
  type IPv4Cidr,
  overlaps,
} from "../model/net.ts";
import { error, type Problem, warning } from "../model/problem.ts";
import { type BlockRange, blockRange } from "../build/cilium/lb_ipam.ts";
import { appsRenderingIssuer, certManagerApp, TLS_ISSUER_COMPONENT } from "../build/tls/issuer.ts";
import { listsMachines } from "../build/omni/template.ts";
import { gatewayHostname, gatewayName } from "../build/gateway/gateway.ts";
import { hostnameMatches } from "../build/gateway/hostname.ts";
import { parseDuration } from "../model/duration.ts";
import { CORE_COMPONENTS } from "../build/components.ts";
import { CORE_PATCHES } from "../build/omni/patches.ts";

/** A LoadBalancer pool block with where it was declared. */
interface Block extends BlockRange {
  pool: string;
  path: string;
}

/** The first index in sorted `values` that is >= `target`. */
function lowerBound(values: readonly number[], target: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * What an address of the node network cannot be given to: its network address
 * or its broadcast address. A /31 or /32 has neither (RFC 3021).
 */
function specialAddress(network: IPv4Cidr, address: number): string | undefined {
  if (network.prefix >= 31) return undefined;
  const text = formatCidr(network);
  if (address === network.first) return `the network address of the node network ${text}`;
  if (address === network.last) return `the broadcast address of the node network ${text}`;
  return undefined;
}

function nodeRules(cluster: ClusterConfig): Problem[] {
  const problems: Problem[] = [];
  const network = cidr(cluster.network.nodes);
  const names = new Map<string, number>();
  const ips = new Map<string, number>();
  const machineIds = new Map<string, number>();
  cluster.nodes.forEach((node, i) => {
    const seen = names.get(node.name);
    if (seen !== undefined) {
      problems.push(
        error(["nodes", i, "name"], `${node.name} is already the name of nodes[${seen}]`),
      );
    } else names.set(node.name, i);
    const sameIp = ips.get(node.ip);
    if (sameIp !== undefined) {
      problems.push(
        error(["nodes", i, "ip"], `${node.ip} is already the address of nodes[${sameIp}]`),
      );
    } else ips.set(node.ip, i);
    if (!containsAddress(network, ipv4(node.ip))) {
      problems.push(
        error(
          ["nodes", i, "ip"],
          `${node.ip} is outside the node network ${cluster.network.nodes}`,
        ),
      );
    }
    const special = specialAddress(network, ipv4(node.ip));
    if (special) {
      problems.push(error(["nodes", i, "ip"], `${node.ip} is ${special}`));
    }
    if (node.ip === cluster.network.gateway) {
      problems.push(
        error(["nodes", i, "ip"], `${node.ip} is the node network's router (network.gateway)`),
      );
    }
    if (node.machineId !== undefined) {
      const sameId = machineIds.get(node.machineId);
      if (sameId !== undefined) {
        problems.push(
          error(
            ["nodes", i, "machineId"],
            `${node.machineId} is already the machine of nodes[${sameId}]`,
          ),
        );
      } else machineIds.set(node.machineId, i);
    }
  });
  const router = ipv4(cluster.network.gateway);
  if (!containsAddress(network, router)) {
    problems.push(
      error(
        "network.gateway",
        `${cluster.network.gateway} is outside the node network ${cluster.network.nodes}`,
      ),
    );
  } else if (specialAddress(network, router)) {
    problems.push(
      error("network.gateway", `${cluster.network.gateway} is ${specialAddress(network, router)}`),
    );
  }
  const roles = [
    { role: "controlplane", set: "controlPlane", label: "control-plane" },
    { role: "worker", set: "workers", label: "worker" },
  ] as const;
  for (const { role, set, label } of roles) {
    const nodes = cluster.nodes.filter((node) => node.role === role);
    if (role === "controlplane" && nodes.length === 0) {
      problems.push(error("nodes", "has no controlplane node (a cluster needs at least one)"));
    }
    if (nodes.length === 0 || listsMachines(nodes)) continue;
    if (cluster.omni[set].machineClass === undefined) {
      const names = nodes.filter((n) => n.machineId === undefined).map((n) => n.name);
      problems.push(
        error(
          `omni.${set}.machineClass`,
          `is required: ${label} nodes ${
            names.join(", ")
          } have no machineId, so Omni picks them by class`,
        ),
      );
    }
    nodes.forEach((node) => {
      if (node.machineId === undefined) return;
      problems.push(
        error(
          ["nodes", cluster.nodes.indexOf(node), "machineId"],
          `${node.machineId} cannot be pinned: the other ${label} nodes have no machineId, and an Omni machine set either lists every machine or picks them by class`,
        ),
      );
    });
  }
  return problems;
}

function networkRules(cluster: ClusterConfig): Problem[] {
  const problems: Problem[] = [];
  const blocks = [
    { path: "network.nodes", label: "the node network", text: cluster.network.nodes },
    { path: "network.pods", label: "the pod CIDR", text: cluster.network.pods },
    { path: "network.services", label: "the service CIDR", text: cluster.network.services },
  ];
  for (let i = 0; i < blocks.length; i++) {
    for (let j = i + 1; j < blocks.length; j++) {
      if (overlaps(cidr(blocks[i].text), cidr(blocks[j].text))) {
        problems.push(
          error(blocks[j].path, `${blocks[j].text} overlaps ${blocks[i].label} ${blocks[i].text}`),
        );
      }
    }
  }
  return problems;
}

function apiAccessRules(cluster: ClusterConfig): Problem[] {
  const problems: Problem[] = [];
  const { cilium, kubePrism } = cluster;
  const local = cilium.k8sServiceHost === "localhost" || cilium.k8sServiceHost === "127.0.0.1";
  if (!local) {
    problems.push(
      error(
        "cilium.k8sServiceHost",
        `${cilium.k8sServiceHost} must be localhost or 127.0.0.1: Cilium reaches the API server through KubePrism on port ${kubePrism.port}`,
      ),
    );
  }
  if (!kubePrism.enabled) {
    problems.push(
      error(
        "kubePrism.enabled",
        "false must be true: Cilium reaches the API server through KubePrism (k8sServicePort is the KubePrism port)",
      ),
    );
  }
  if (kubePrism.port === cluster.apiServerPort) {
    problems.push(
      error(
        "kubePrism.port",
        `${kubePrism.port} is the API server port; KubePrism needs a port of its own on every node`,
      ),
    );
  }
  return problems;
}

/**
 * Cilium features Hydrate always renders, and what they need at the pinned chart.
 * L2 announcements: Documentation/network/l2-announcements.rst (v1.18)
 * "Prerequisites: Kube Proxy replacement mode must be enabled". Gateway API:
 * operator/pkg/gateway-api/cell.go (v1.18) starts no controller without kube-proxy
 * replacement or NodePort, and only logs a warning. Session persistence: no
 * Gateway API code of Cilium 1.18 reads HTTPRoute `sessionPersistence`, and its
 * Envoy clusters balance round robin (operator/pkg/model/translation/envoy_cluster.go).
 */
function ciliumFeatureRules(cluster: ClusterConfig): Problem[] {
  const problems: Problem[] = [];
  const { cilium } = cluster;
  if (!cilium.kubeProxyReplacement) {
    problems.push(
      error(
        "cilium.kubeProxyReplacement",
        `false would leave L2 announcements and the Gateways without kube-proxy replacement, which Cilium ${cilium.chart.version} needs for both (its documentation makes it a prerequisite of L2 announcements; its operator does not start the Gateway API controller without it or NodePort, and only logs a warning)`,
      ),
    );
  }
  const affinity = cilium.gatewayAPI.sessionAffinityTimeoutSeconds;
  if (affinity !== undefined) {
    problems.push(
      error(
        "cilium.gatewayAPI.sessionAffinityTimeoutSeconds",
        `${affinity} cannot be delivered: Cilium ${cilium.chart.version}'s Gateway API has no session persistence (Envoy balances every request round robin), and the chart reads no gatewayAPI.sessionAffinity value; remove it (kube-proxy replacement still honours a Service's own sessionAffinity: ClientIP; behind a Gateway, Envoy picks the backend itself)`,
      ),
    );
  }
  return problems;
}

/**
 * Rule 19 on the cluster's facts: the Gateways' issuer comes from somewhere
 * (Hydrate's ACME issuer, an app, or a stated place outside the repository), and
 * an ACME issuer can issue every Gateway's hostname. HTTP-01 cannot issue a
 * wildcard (cert-manager v1.19.1 pkg/apis/acme/v1/types_issuer.go, ACMEChallengeSolver
 * http01: "It is not possible to obtain certificates for wildcard domain names").
 */
function issuerRules(cluster: ClusterConfig): Problem[] {
  const problems: Problem[] = [];
  const { issuer } = cluster.tls;
  const apps = appsRenderingIssuer(cluster);
  const what = `${issuer.kind} ${issuer.name}`;
  const dropExternal = "keep one (in a cluster that extends a layer, `external: remove()`)";
  if (issuer.acme && issuer.external) {
    problems.push(
      error(
        "tls.issuer.external",
        `is set beside tls.issuer.acme: Hydrate renders ${what}; ${dropExternal}`,
      ),
    );
  }
  if (!issuer.acme && apps.length > 0 && issuer.external) {
    problems.push(
      error("tls.issuer.external", `is set, but apps.${apps[0]} renders ${what}; ${dropExternal}`),
    );
  }
  if (issuer.acme && apps.length > 0) {
    problems.push(
      error(
        "tls.issuer.acme",
        `renders ${what}, which apps.${apps[0]} renders too; keep one of them`,
      ),
    );
  }
  if (issuer.acme && !certManagerApp(cluster)) {
    problems.push(
      error(
        "tls.issuer.acme",
        `renders ${what}, a cert-manager resource, but no app runs the cert-manager chart (add certManager() to apps)`,
      ),
    );
  }
  if (!issuer.acme && apps.length === 0 && !issuer.external) {
    problems.push(
      error(
        "tls.issuer",
        `${what} is rendered by no app and has no acme settings: without it no Gateway gets a certificate and no HTTPS listener is programmed; add tls.issuer.acme, an app that renders it, or tls.issuer.external saying where it is created`,
      ),
    );
  }
  const http01 = issuer.acme?.solver.http01;
  if (http01 && !(http01.gateway in cluster.gateways)) {
    problems.push(
      error(
        "tls.issuer.acme.solver.http01.gateway",
        `${http01.gateway} is not a Gateway of this cluster (gateways: ${
          Object.keys(cluster.gateways).join(", ")
        })`,
      ),
    );
  }
  const solverHost = http01 && http01.gateway in cluster.gateways
    ? gatewayHostname(cluster, http01.gateway)
    : undefined;
  for (const key of Object.keys(cluster.gateways)) {
    const hostname = gatewayHostname(cluster, key);
    if (solverHost && !hostname.startsWith("*.") && !hostnameMatches(solverHost, hostname)) {
      problems.push(
        error(
          "tls.issuer.acme.solver.http01.gateway",
          `${
            http01!.gateway
          } answers HTTP-01 challenges only for ${solverHost}, so the challenge of ${hostname} (${
            gatewayName(key)
          }) would never be routed`,
        ),
      );
    }
    if (http01 && hostname.startsWith("*.")) {
      problems.push(
        error(
          "tls.issuer.acme.solver.http01",
          `cannot issue ${hostname}, the certificate of ${
            gatewayName(key)
          }: ACME issues a wildcard only through DNS-01 (use solver.dns01, or give the Gateway a hostname without *)`,
        ),
      );
    }
  }
  return problems;
}

/**
 * The versions the rendered files depend on: an Omni release newer than the
 * newest Hydrate models (its template and patch rules are assumed unchanged), and
 * a Kubernetes version without an official kubectl image for the Argo CD Job
 * (registry.k8s.io/kubectl is published from v1.28, kubernetes/kubernetes#116672).
 */
function versionRules(cluster: ClusterConfig): Problem[] {
  const problems: Problem[] = [];
  const { version, kubernetesVersion } = cluster.omni;
  if (!atLeast(OMNI_DEFAULT_VERSION, version)) {
    problems.push(
      warning(
        "omni.version",
        `${version} is newer than the newest Omni release Hydrate models (${OMNI_DEFAULT_VERSION}): its template paths, features and forbidden patch fields are assumed to be those of ${OMNI_DEFAULT_VERSION}`,
      ),
    );
  }
  const needsKubectl = cluster.bootstrap.argocd === "omni" && !cluster.bootstrap.kubectlImage;
  if (needsKubectl && !atLeast(kubernetesVersion, "v1.28.0")) {
    problems.push(
      error(
        "omni.kubernetesVersion",
        `${kubernetesVersion} has no registry.k8s.io/kubectl image (published from v1.28), which the Argo CD bootstrap Job applies the root Application with: set bootstrap.kubectlImage`,
      ),
    );
  }
  return problems;
}

function poolBlocks(cluster: ClusterConfig): Block[] {
  return Object.entries(cluster.loadBalancer.pools).flatMap(([pool, spec]) =>
    spec.blocks.map((block, i) => ({
      pool,
      path: `loadBalancer.pools.${pool}.blocks[${i}]`,
      // The schema parsed every address and CIDR already.
      ...blockRange(block, spec.allowFirstLastIPs)!,
    }))
  );
}

function poolRules(cluster: ClusterConfig, blocks: readonly Block[]): Problem[] {
  const problems: Problem[] = [];
  const network = cidr(cluster.network.nodes);
  const taken = [
    ...cluster.nodes.map((node: NodeConfig, i) => ({
      address: ipv4(node.ip),
      what: `the address of node ${node.name} (nodes[${i}].ip)`,
    })),
    { address: ipv4(cluster.network.gateway), what: "the address of the router (network.gateway)" },
    ...Object.entries(cluster.network.reserved).map(([name, address]) => ({
      address: ipv4(address),
      what: `the address of ${name} (network.reserved.${name})`,
    })),
    ...(cluster.network.nameservers ?? []).map((address, i) => ({
      address: ipv4(address),
      what: `the address of a nameserver (network.nameservers[${i}])`,
    })),
    ...(network.prefix < 31
      ? [
        { address: network.first, what: `the network address of ${cluster.network.nodes}` },
        { address: network.last, what: `the broadcast address of ${cluster.network.nodes}` },
      ]
      : []),
  ];
  // One reason per address: a nameserver that is also the router is named once, as the router.
  const reserved = [...new Map(taken.reverse().map((entry) => [entry.address, entry])).values()]
    .sort((a, b) => a.address - b.address);
  const reservedAddresses = reserved.map((entry) => entry.address);
  const valid: Block[] = [];
  for (const block of blocks) {
    const text = block.text;
    if (block.first > block.last) {
      problems.push(
        error(
          `${block.path}.stop`,
          `${formatIPv4(block.last)} comes before start ${formatIPv4(block.first)}`,
        ),
      );
      continue;
    }
    valid.push(block);
    if (!(network.first <= block.first && block.last <= network.last)) {
      problems.push(
        error(block.path, `${text} is outside the node network ${cluster.network.nodes}`),
      );
    }
    for (
      const [label, text2] of [["pod CIDR", cluster.network.pods], [
        "service CIDR",
        cluster.network.services,
      ]]
    ) {
      if (overlaps(block, cidr(text2))) {
        problems.push(error(block.path, `${text} overlaps the ${label} ${text2}`));
      }
    }
    // Only what LB IPAM hands out can collide (a CIDR's ends with allowFirstLastIPs: "No" cannot).
    for (let k = lowerBound(reservedAddresses, block.alloc.first); k < reserved.length; k++) {
      if (reserved[k].address > block.alloc.last) break;
      problems.push(
        error(
          block.path,
          `${text} contains ${formatIPv4(reserved[k].address)}, ${reserved[k].what}`,
        ),
      );
    }
  }
  const sorted = [...valid].sort((a, b) => a.first - b.first);
  let widest: Block | undefined;
  for (const block of sorted) {
    if (widest && block.first <= widest.last) {
      problems.push(
        error(
          block.path,
          `${block.text} overlaps ${widest.text} (${widest.path}); pools must not share addresses`,
        ),
      );
    }
    if (!widest || block.last > widest.last) widest = block;
  }
  return problems;
}

function gatewayRules(cluster: ClusterConfig, allBlocks: readonly Block[]): Problem[] {
  const problems: Problem[] = [];
  // A reversed block is reported by poolRules; measuring Gateways against it would only add noise.
  const blocks = allBlocks.filter((block) => block.first <= block.last);
  if (blocks.length < allBlocks.length) return problems;
  const used = new Map<string, string>();
  const poolList = blocks.map((block) => block.text).join(", ");
  for (const [key, spec] of Object.entries(cluster.gateways)) {
    const path = `gateways.${key}.address`;
    const address = ipv4(spec.address);
    const owner = used.get(spec.address);
    if (owner !== undefined) {
      problems.push(error(path, `${spec.address} is already the address of gateways.${owner}`));
    } else used.set(spec.address, key);
    const block = blocks.find((b) => containsAddress(b, address));
    if (!block) {
      const where = blocks.length === 1
        ? `LoadBalancer pool ${poolList}`
        : `every LoadBalancer pool (${poolList})`;
      problems.push(error(path, `${spec.address} is outside ${where}`));
    } else if (!containsAddress(block.alloc, address)) {
      problems.push(
        error(
          path,
          `${spec.address} is the ${
            address === block.first ? "first" : "last"
          } address of ${block.text}, which pool ${block.pool} does not allocate (allowFirstLastIPs: "No" reserves a CIDR block's first and last address)`,
        ),
      );
    }
  }
  return problems;
}

function routeRules(cluster: ClusterConfig): Problem[] {
  const problems: Problem[] = [];
  const known = Object.keys(cluster.gateways);
  const claimed = new Map<string, string>();
  for (const [name, app] of Object.entries(cluster.apps)) {
    app.routes.forEach((route, i) => {
      const path = `apps.${name}.routes[${i}]`;
      if (!(route.gateway in cluster.gateways)) {
        problems.push(
          error(
            `${path}.gateway`,
            `${route.gateway} is not a Gateway of this cluster (gateways: ${
              known.join(", ") || "none"
            })`,
          ),
        );
        return;
      }
      const host = `${route.host}.${cluster.domain}`;
      const listener = gatewayHostname(cluster, route.gateway);
      if (!hostnameMatches(listener, host)) {
        problems.push(
          error(
            `${path}.host`,
            `${host} does not match the hostname ${listener} of ${
              gatewayName(route.gateway)
            }'s listeners (the Gateway would not accept the route)`,
          ),
        );
      }
      const key = `${route.gateway} ${route.host} ${route.path}`;
      const other = claimed.get(key);
      if (other !== undefined) {
        problems.push(
          error(
            `${path}.host`,
            `${host}${
              route.path === "/" ? "" : ` path ${route.path}`
            } is already routed by ${other} on the same Gateway (the Gateway API would silently drop one)`,
          ),
        );
      } else claimed.set(key, path);
    });
  }
  return problems;
}

function appRules(cluster: ClusterConfig): Problem[] {
  const problems: Problem[] = [];
  // The issuer component exists only when Hydrate renders the issuer.
  const core = CORE_COMPONENTS.filter((name) => name !== "tls-issuer" || cluster.tls.issuer.acme);
  const names = [...core, ...Object.keys(cluster.apps)];
  const talosPatches = new Map<string, string>(CORE_PATCHES.map((name) => [name, "Hydrate"]));
  for (const [name, app] of Object.entries(cluster.apps)) {
    if ((CORE_COMPONENTS as readonly string[]).includes(name)) {
      problems.push(
        error(
          `apps.${name}`,
          name === TLS_ISSUER_COMPONENT
            ? `${name} is reserved for the issuer Hydrate renders from tls.issuer.acme; pick another`
            : `${name} is the name of a component Hydrate always renders; pick another`,
        ),
      );
    }
    app.dependsOn.forEach((dependency, i) => {
      if (!names.includes(dependency)) {
        problems.push(
          error(
            `apps.${name}.dependsOn[${i}]`,
            `${dependency} is not an app of this cluster (apps: ${names.join(", ")})`,
          ),
        );
      }
    });
    if (app.project !== "default" && !(app.project in cluster.projects)) {
      const known = ["default", ...Object.keys(cluster.projects)].join(", ");
      problems.push(
        error(
          `apps.${name}.project`,
          `${app.project} is not a project of this cluster (projects: ${known})`,
        ),
      );
    }
    for (const patch of Object.keys(app.talos?.patches ?? {})) {
      const owner = talosPatches.get(patch);
      if (owner !== undefined) {
        problems.push(
          error(
            `apps.${name}.talos.patches.${patch}`,
            `${patch} is already the name of a Talos patch of ${owner}`,
          ),
        );
      } else talosPatches.set(patch, `apps.${name}`);
    }
  }
  return problems;
}

function l2Rules(cluster: ClusterConfig): Problem[] {
  const problems: Problem[] = [];
  const { l2, k8sClientRateLimit } = cluster.cilium;
  const hasWorkers = cluster.nodes.some((node) => node.role === "worker");
  if (l2.excludeControlPlane && !hasWorkers) {
    problems.push(
      error(
        "cilium.l2.excludeControlPlane",
        "true leaves no node to announce LoadBalancer IPs: the control-plane nodes are the only nodes",
      ),
    );
  }
  const duration = parseDuration(l2.leaseDuration)!;
  const renew = parseDuration(l2.leaseRenewDeadline)!;
  const retry = parseDuration(l2.leaseRetryPeriod)!;
  if (!(duration > renew)) {
    problems.push(
      error(
        "cilium.l2.leaseRenewDeadline",
        `${l2.leaseRenewDeadline} must be shorter than leaseDuration ${l2.leaseDuration} (a leader would lose its lease before renewing it)`,
      ),
    );
  }
  if (!(renew > retry)) {
    problems.push(
      error(
        "cilium.l2.leaseRetryPeriod",
        `${l2.leaseRetryPeriod} must be shorter than leaseRenewDeadline ${l2.leaseRenewDeadline} (no retry would happen before the deadline)`,
      ),
    );
  }
  // Each LoadBalancer service holds a lease renewed once per renew deadline, through the client rate limit.
  const services = Object.keys(cluster.gateways).length;
  const needed = services / (renew / 1000);
  if (k8sClientRateLimit.qps < needed) {
    problems.push(
      warning(
        "cilium.k8sClientRateLimit.qps",
        `${k8sClientRateLimit.qps} is below the ${
          Math.ceil(needed)
        } requests per second that renewing ${services} L2 leases every ${l2.leaseRenewDeadline} needs (announcements would flap)`,
      ),
    );
  }
  return problems;
}

/**
 * Checks every cross-resource invariant of a parsed cluster and returns every
 * problem found (empty when the cluster is consistent).
 *
 * @example
 * ```ts
 * import { validate } from "./validate.ts";
 * import { parseCluster } from "../model/parse.ts";
 * import homelab from "../../clusters/homelab.ts";
 * import assert from "node:assert/strict";
 * const parsed = parseCluster({ ...homelab, gateways: { internal: { address: "192.168.10.60" } } });
 * assert.ok(parsed.ok);
 * assert.deepEqual(validate(parsed.cluster).map((p) => `${p.path}: ${p.message}`), [
 *   "gateways.internal.address: 192.168.10.60 is outside LoadBalancer pool 192.168.10.49-192.168.10.50",
 * ]);
 * ```
 */
export function validate(cluster: ClusterConfig): Problem[] {
  const blocks = poolBlocks(cluster);
  return [
    ...nodeRules(cluster),
    ...networkRules(cluster),
    ...apiAccessRules(cluster),
    ...ciliumFeatureRules(cluster),
    ...issuerRules(cluster),
    ...versionRules(cluster),
    ...poolRules(cluster, blocks),
    ...gatewayRules(cluster, blocks),
    ...routeRules(cluster),
    ...appRules(cluster),
    ...l2Rules(cluster),
  ];
}
