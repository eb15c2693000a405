/**
 * The cluster's network architecture document (`apps/<cluster>/README.md`),
 * rendered from what was built: the layers, the request paths as Mermaid
 * diagrams, the kube-proxy rule, the IP allocation, the routes, troubleshooting
 * commands and the tuning in force. Every value comes from the cluster's data or
 * the rendered values; nothing about the cluster is typed into the text.
 *
 * @module
 */
import type { Build } from "../../model/build.ts";
import type { NodeConfig } from "../../model/schema.ts";
import type { Resource } from "../../model/resource.ts";
import { formatIPv4, rangeSize } from "../../model/net.ts";
import { pinnedAddresses, renderedPoolBlocks } from "../cilium/lb_ipam.ts";
import { valueAt } from "../../model/json.ts";
import { toYaml } from "../../model/yaml.ts";
import { bootstrapSteps, stepsMarkdown } from "../bootstrap/steps.ts";
import { gatewayName } from "../gateway/gateway.ts";
import { CONNTRACK_OPTIONS } from "../cilium/values.ts";
import { parseDuration } from "../../model/duration.ts";
import { issuerDescription } from "../tls/issuer.ts";
import { label } from "./mermaid_label.ts";

/** Omni's SideroLink endpoints, as Omni documents them (not a fact of the cluster). */
export const OMNI_SIDEROLINK = {
  transport: "WireGuard (SideroLink)",
  ports: [
    { port: 8090, use: "API" },
    { port: 8091, use: "events" },
    { port: 8092, use: "logs" },
  ],
} as const;

type Json = Record<string, unknown>;

/** Seconds in words: `21600` -> `6 hours`. */
export function humanSeconds(seconds: number): string {
  const units: [number, string][] = [[86400, "day"], [3600, "hour"], [60, "minute"], [1, "second"]];
  for (const [size, unit] of units) {
    if (seconds >= size && seconds % size === 0) {
      const n = seconds / size;
      return `${n} ${unit}${n === 1 ? "" : "s"}`;
    }
  }
  return `${seconds} seconds`;
}

/**
 * A code span that holds any text: fenced by more backticks than any run inside (CommonMark 6.1),
 * on one line, `|` escaped (a table cell would end there), and padded where it starts or ends with
 * a backtick.
 */
function code(value: string | number): string {
  const text = String(value).replace(/[\r\n]+/g, " ").replaceAll("|", "\\|");
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

function table(head: string[], rows: string[][]): string[] {
  return [
    `| ${head.join(" | ")} |`,
    `| ${head.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.join(" | ")} |`),
  ];
}

function resourcesOf(build: Build, kind: string): Resource[] {
  return build.resources.filter(({ resource }) => resource.kind === kind).map(({ resource }) =>
    resource
  );
}

interface RouteRow {
  /** The HTTPRoute's name. */
  route: string;
  hostname: string;
  gateway: string;
  listener: string;
  namespace: string;
  path: string;
  backend: string;
  redirect: boolean;
}

function routeRows(build: Build): RouteRow[] {
  const rows: RouteRow[] = [];
  for (const route of resourcesOf(build, "HTTPRoute")) {
    const spec = route.spec as {
      parentRefs: { name: string; sectionName?: string }[];
      hostnames?: string[];
      rules?: {
        matches?: { path?: { value?: string } }[];
        backendRefs?: { name: string; port?: number }[];
        filters?: {
          type: string;
          requestRedirect?: {
            scheme?: string;
            hostname?: string;
            path?: { replaceFullPath?: string };
          };
        }[];
      }[];
    };
    for (const parent of spec.parentRefs) {
      for (const hostname of spec.hostnames ?? ["*"]) {
        for (const rule of spec.rules ?? []) {
          const filter = (rule.filters ?? []).find((filter) => filter.type === "RequestRedirect");
          const redirect = filter !== undefined;
          const to = filter?.requestRedirect;
          rows.push({
            route: route.metadata.name,
            hostname,
            gateway: parent.name,
            listener: parent.sectionName ?? "(all)",
            namespace: route.metadata.namespace ?? "",
            path: rule.matches?.[0]?.path?.value ?? "/",
            backend: redirect
              ? `redirect to ${
                [to?.scheme?.toUpperCase(), to?.hostname, to?.path?.replaceFullPath]
                  .filter(Boolean).join(" ") || "the same URL"
              }`
              : (rule.backendRefs ?? []).map((ref) => `${ref.name}:${ref.port}`).join(", "),
            redirect,
          });
        }
      }
    }
  }
  return rows;
}

interface PoolRow {
  name: string;
  blocks: string;
  size: number;
  assigned: { address: string; consumer: string }[];
  free: number[];
}

function poolRows(build: Build): PoolRow[] {
  const consumers = new Map(pinnedAddresses(build).map((pin) => [pin.address, pin.consumer]));
  const blocks = renderedPoolBlocks(build);
  return resourcesOf(build, "CiliumLoadBalancerIPPool").map((pool) => {
    const mine = blocks.filter((block) => block.pool === pool.metadata.name);
    const assigned: PoolRow["assigned"] = [];
    const free: number[] = [];
    for (const block of mine) {
      for (let address = block.first; address <= block.last; address++) {
        const consumer = consumers.get(formatIPv4(address));
        if (consumer) assigned.push({ address: formatIPv4(address), consumer });
        else if (block.alloc.first <= address && address <= block.alloc.last) free.push(address);
      }
    }
    return {
      name: pool.metadata.name,
      blocks: mine.map((block) => block.text).join(", "),
      size: mine.reduce((sum, block) => sum + rangeSize(block.alloc), 0),
      assigned,
      free,
    };
  });
}

/** A node's address as the document shows it: static, reserved by DHCP, or by DHCP. */
function nodeAddress(node: NodeConfig): string {
  if (!node.dhcp) return code(node.ip ?? "");
  return node.ip === undefined ? "DHCP" : `${code(node.ip)} (DHCP reservation)`;
}

/** How `talosctl` reaches a node through Omni, which resolves addresses and node names. */
function talosctlNode(node: NodeConfig): string {
  if (node.ip !== undefined) return node.ip;
  // omni v1.10.4 internal/backend/dns/service.go Resolve: a name, an address or a machine ID.
  return node.machineId === undefined ? `<the DHCP address of ${node.name}>` : node.name;
}

/** Who gives the nodes their addresses: Hydrate's node patches only for nodes with a machine ID. */
function nodeAddressing(nodes: readonly NodeConfig[]): string {
  const pinned = nodes.filter((node) => node.machineId !== undefined);
  const dhcp = pinned.filter((node) => node.dhcp).length;
  const how = dhcp === 0
    ? "static"
    : dhcp === pinned.length
    ? "DHCP"
    : "static or DHCP, as the table says,";
  if (pinned.length === nodes.length) {
    return dhcp === 0
      ? "static addresses (Omni machine patches under nodes/)"
      : `${how.replace(/,$/, "")} (Omni machine patches under nodes/)`;
  }
  const outside =
    "set outside Hydrate (DHCP reservations or the machines' own configuration); Hydrate only checks them";
  return pinned.length === 0
    ? outside
    : `${how} for the ${pinned.length} node(s) with a machine ID; the others ${outside}`;
}

function freeText(free: number[]): string {
  if (free.length === 0) return "none";
  if (free.length <= 8) return free.map(formatIPv4).join(", ");
  return `${free.length} (${formatIPv4(free[0])} ... ${formatIPv4(free[free.length - 1])})`;
}

/** What every section of the document reads, computed once. */
interface DocContext {
  build: Build;
  cluster: Build["cluster"];
  get: (...path: string[]) => unknown;
  prism: string;
  controlPlanes: Build["cluster"]["nodes"];
  kpr: boolean;
  proxyPatch: Build["patches"][number] | undefined;
  proxyPatchPath: string | undefined;
  gateways: Resource[];
  routes: RouteRow[];
  appRoutes: RouteRow[];
  pools: PoolRow[];
  gwNs: string;
  ipam: string;
  masquerade: string;
  poolRanges: string;
  lbIps: string[];
}

function docContext(build: Build): DocContext {
  const { cluster } = build;
  const values = build.values.find((entry) => entry.component === "cilium")?.values ?? {};
  const get = (...path: string[]) => valueAt(values, path);
  const prism = `${get("k8sServiceHost")}:${get("k8sServicePort")}`;
  const controlPlanes = cluster.nodes.filter((node) => node.role === "controlplane");
  const kpr = get("kubeProxyReplacement") === true;
  const proxyPatch = build.patches.find((patch) => patch.name === "disable-kube-proxy");
  const proxyPatchPath = proxyPatch ? `${build.patchDir}/${proxyPatch.file}` : undefined;
  const gateways = resourcesOf(build, "Gateway");
  const routes = routeRows(build);
  // The apps' routes: every row but the Gateways' own HTTP-to-HTTPS redirects.
  const appRoutes = routes.filter((row) => !row.route.endsWith("-https-redirect"));
  const pools = poolRows(build);
  const gwNs = cluster.gatewayNamespace;
  const ipam = String(get("ipam", "mode"));
  const masquerade = get("bpf", "masquerade") === true ? "BPF masquerading" : "masquerading";
  const poolRanges = pools.map((pool) => pool.blocks).join(", ");
  const lbIps = pools.flatMap((pool) => pool.assigned.map((entry) => entry.address));
  return {
    build,
    cluster,
    get,
    prism,
    controlPlanes,
    kpr,
    proxyPatch,
    proxyPatchPath,
    gateways,
    routes,
    appRoutes,
    pools,
    gwNs,
    ipam,
    masquerade,
    poolRanges,
    lbIps,
  };
}

function overview(c: DocContext): string[] {
  const { cluster, prism, kpr, gateways, poolRanges } = c;
  const lines: string[] = [];
  const push = (...more: string[]) => lines.push(...more);
  push(
    `# ${cluster.name}: network architecture`,
    "",
    `Rendered by Hydrate from the cluster's data: every address, port and setting below is the one`,
    `the cluster receives. Change the cluster file and run \`deno task render\`; never edit this file.`,
    "",
    "## Overview",
    "",
    `- **Sidero Omni** manages the machines over ${OMNI_SIDEROLINK.transport} (Talos ${cluster.omni.talosVersion}, Kubernetes ${cluster.omni.kubernetesVersion}).`,
    `- **KubePrism** (Talos built in) load-balances the API server on every node at ${
      code(prism)
    }.`,
    `- **Cilium** ${cluster.cilium.chart.version} is the CNI${
      kpr ? " and replaces kube-proxy" : ""
    }: pod network, Service load balancing, Gateway API, L2 announcements.`,
    `- **Gateway API**: ${gateways.map((g) => code(g.metadata.name)).join(", ")} on ${
      code(`*.${cluster.domain}`)
    }, TLS terminated with certificates from ${cluster.tls.issuer.kind} ${
      code(cluster.tls.issuer.name)
    } (${issuerDescription(cluster)}).`,
    `- **L2 announcements** answer ARP for the LoadBalancer pool ${code(poolRanges)}.`,
    "",
    "## Layers",
    "",
    ...layers(c),
  );

  return lines;
}

/** The names of the Gateways that redirect their HTTP listener to HTTPS, and whether that is all. */
function redirecting(cluster: Build["cluster"]): { names: string[]; all: boolean } {
  const keys = Object.keys(cluster.gateways);
  const on = keys.filter((key) => cluster.gateways[key].httpsRedirect);
  return { names: on.map(gatewayName), all: on.length === keys.length };
}

/** Which Gateways redirect HTTP to HTTPS, as the end of a sentence. */
function redirectNote(cluster: Build["cluster"]): string {
  const { names, all } = redirecting(cluster);
  if (all) return "HTTP redirects to HTTPS";
  if (names.length === 0) return "HTTP is not redirected to HTTPS";
  return `HTTP redirects to HTTPS on ${names.map(code).join(", ")} only`;
}

/** What plain HTTP (listener `http`) does, under the routes table. */
function plainHttpNote(cluster: Build["cluster"], rows: readonly RouteRow[]): string {
  const { names, all } = redirecting(cluster);
  const http = `plain HTTP (listener ${code("http")})`;
  // A route on the HTTP listener names its host, so it wins over the redirect's wildcard there.
  const own = [
    ...new Set(rows.filter((row) => row.listener === "http").map((row) => row.hostname)),
  ];
  const except = own.length > 0 ? `, except for ${own.map(code).join(", ")} (routed on it)` : "";
  if (all) return `Every Gateway also redirects ${http} to HTTPS${except}.`;
  if (names.length === 0) {
    return `No Gateway redirects ${http} to HTTPS: only the routes on it answer.`;
  }
  return `${
    names.map(code).join(", ")
  } redirect ${http} to HTTPS; on the others only the routes on it answer.`;
}

/** A pool's ranges, spaced so a label wraps between its two ends. */
const spaced = (ranges: string) => ranges.replaceAll("-", " - ");

/**
 * The layers as what each does to the other (an edge is a fact: Omni's patch
 * enables KubePrism, Cilium reaches the API server through it), not as a chain a
 * packet or a request would follow.
 */
function layers(c: DocContext): string[] {
  const { cluster, prism, controlPlanes, kpr, proxyPatchPath, ipam, poolRanges } = c;
  const omniPorts = OMNI_SIDEROLINK.ports.map((p) => `${p.port} ${p.use}`).join(", ");
  const backends = controlPlanes.map((n) => `${n.ip ?? n.name}:${cluster.apiServerPort}`).join(
    ", ",
  );
  return [
    "```mermaid",
    "flowchart TB",
    `  omni[${
      label(
        `Sidero Omni<br/>machine provisioning, config, logs<br/>over ${OMNI_SIDEROLINK.transport}, ports ${omniPorts}; no Kubernetes Service`,
      )
    }]`,
    `  subgraph nodes[${label("on every node")}]`,
    `    prism[${label(`KubePrism ${prism}<br/>backends: ${backends}`)}]`,
    `    cilium[${
      label(
        `Cilium ${cluster.cilium.chart.version}<br/>pods ${cluster.network.pods} (IPAM ${ipam})<br/>Services ${cluster.network.services}<br/>Gateway API, network policy<br/>L2 pool ${
          spaced(poolRanges)
        }`,
      )
    }]`,
    `    kubelet[${label("kubelet")}]`,
    kpr
      ? `    proxy[${label("kube-proxy: DISABLED")}]`
      : `    proxy[${label("kube-proxy: running (Cilium does not replace it)")}]`,
    "  end",
    `  omni -->|${label("enables (patch kubeprism.yaml)")}| prism`,
    ...(kpr && proxyPatchPath
      ? [
        `  omni -->|${label(`disables (patch ${proxyPatchPath.split("/").at(-1)})`)}| proxy`,
        `  cilium -.->|${label("replaces")}| proxy`,
      ]
      : []),
    `  cilium -->|${label("API server via")}| prism`,
    // Talos v1.11.5 internal/app/machined/pkg/controllers/secrets/kubelet.go: with KubePrism
    // enabled, the kubelet's API endpoint is https://127.0.0.1:<KubePrism port>.
    `  kubelet -->|${label("API server via")}| prism`,
    "```",
    "",
  ];
}

function requestPaths(c: DocContext): string[] {
  const { gateways } = c;
  // A redirect answers at the Gateway: only routes to a backend reach a Service.
  const appRoutes = c.appRoutes.filter((row) => !row.redirect);
  const lines: string[] = [];
  const push = (...more: string[]) => lines.push(...more);
  push(
    "## Request paths",
    "",
    "### A user reaches an app",
    "",
    "```mermaid",
    "flowchart LR",
    `  user(["User"])`,
  );
  const gatewayIds = new Map(gateways.map((g, i) => [g.metadata.name, `gw${i}`]));
  for (const gateway of gateways) {
    const address = ((gateway.spec as Json).addresses as { value: string }[])[0]?.value;
    const id = gatewayIds.get(gateway.metadata.name);
    push(`  ${id}[${label(`${gateway.metadata.name}<br/>${address}:443, TLS terminated`)}]`);
  }
  for (const gateway of gateways) {
    if (appRoutes.some((row) => row.gateway === gateway.metadata.name)) continue;
    const id = gatewayIds.get(gateway.metadata.name);
    // With the HTTPS redirect, its HTTP listener still has a route: no app is reached through it.
    const none = redirecting(c.cluster).names.includes(gateway.metadata.name)
      ? "no app routes (HTTP only redirects to HTTPS)"
      : "no app routes";
    push(`  ${id} -.-> ${id}none([${label(none)}])`);
  }
  appRoutes.forEach((row, i) => {
    const gateway = gateways.find((g) => g.metadata.name === row.gateway);
    const addresses = (gateway?.spec as Json | undefined)?.addresses as
      | { value: string }[]
      | undefined;
    const id = gatewayIds.get(row.gateway);
    const host = `${row.hostname}${row.path === "/" ? "" : row.path}`;
    push(
      `  user -->|${label(`DNS: ${row.hostname} = ${addresses?.[0]?.value}`)}| ${id}`,
      `  ${id} --> route${i}[${
        label(
          `HTTPRoute ${row.namespace}/${row.route}${
            row.listener === "http" ? " (plain HTTP)" : ""
          }: ${host}`,
        )
      }]`,
      `  route${i} --> svc${i}[${
        label(`Service ${row.namespace}/${row.backend}`)
      }] --> pods${i}(["pods"])`,
    );
  });
  push("```", "");
  return lines;
}

function systemPaths(c: DocContext): string[] {
  const { cluster, prism, controlPlanes, masquerade } = c;
  return [
    "### A pod reaches the outside",
    "",
    "```mermaid",
    "flowchart LR",
    `  pod(["pod ${cluster.network.pods}"]) --> nat[${
      label(`Cilium ${masquerade}<br/>source becomes the node IP`)
    }]`,
    `  nat --> node[${label(`node ${cluster.network.nodes}`)}] --> router[${
      label(`router ${cluster.network.gateway}`)
    }] --> ext(["outside"])`,
    "```",
    "",
    "### The kubelet reaches the API server",
    "",
    "```mermaid",
    "flowchart LR",
    `  kubelet(["kubelet, Cilium agent"]) --> prism[${label(`KubePrism ${prism}`)}]`,
    ...controlPlanes.map((node, i) =>
      `  prism --> api${i}[${
        label(`API server ${node.name}<br/>${node.ip ?? "DHCP"}:${cluster.apiServerPort}`)
      }]`
    ),
    "```",
    "",
  ];
}

function components(c: DocContext): string[] {
  const { cluster, prism, controlPlanes, gateways, gwNs, ipam, build } = c;
  const lines: string[] = [];
  const push = (...more: string[]) => lines.push(...more);
  push(
    "## What each component handles",
    "",
    `- **Sidero Omni**: machine provisioning and lifecycle, the cluster configuration (${
      code(build.templatePath)
    } and its patches), metrics and logs, remote access. It talks to the machines over SideroLink, not through Kubernetes Services, kube-proxy or Cilium.`,
    `- **KubePrism**: a local endpoint on every node (${
      code(prism)
    }) that balances across the ${controlPlanes.length} control-plane node(s) on port ${cluster.apiServerPort} and fails over when one goes down. Enabled by ${
      code(`${build.patchDir}/kubeprism.yaml`)
    }.`,
    `- **Cilium**: pod networking and IPAM (${code(ipam)} mode, pods in ${
      code(cluster.network.pods)
    }), network policy, Services (ClusterIP, NodePort, LoadBalancer, session affinity) in ${
      code(cluster.network.services)
    }, the Gateway API (HTTPRoutes, TLS termination), L2 announcements of LoadBalancer IPs. Its values: ${
      code(build.values.find((v) => v.component === "cilium")?.path ?? "")
    }.`,
    `- **Gateway API**: ${
      gateways.map((g) =>
        `${code(g.metadata.name)} (${((g.spec as Json).addresses as { value: string }[])[0].value})`
      ).join(", ")
    } in namespace ${code(gwNs)}; ${redirectNote(cluster)}.`,
    "",
  );

  return lines;
}

function kubeProxySection(c: DocContext): string[] {
  const { kpr, proxyPatch, proxyPatchPath, gwNs, build } = c;
  const lines: string[] = [];
  const push = (...more: string[]) => lines.push(...more);
  if (kpr && proxyPatch) {
    push(
      "## Critical: kube-proxy must stay disabled",
      "",
      `Cilium runs with ${
        code("kubeProxyReplacement: true")
      }. If kube-proxy runs too, both manage the same LoadBalancer health-check ports: Gateway Services fail with "bind: address already in use", apps become unreachable, connections reset with 503s.`,
      "",
      `**Symptom:** ${
        code("Warning FailedToStartServiceHealthcheck ... bind: address already in use")
      } in namespace ${code(gwNs)}.`,
      "",
      `**Fix:** the Omni patch ${code(proxyPatchPath!)} (in ${
        code(build.templatePath)
      }) disables it on every machine:`,
      "",
      "```yaml",
      toYaml(proxyPatch.body).trimEnd(),
      "```",
      "",
      "**Verify:**",
      "",
      "```sh",
      "# no pods",
      "kubectl get pods -n kube-system -l k8s-app=kube-proxy",
      "# no port conflicts",
      `kubectl get events -n ${gwNs} --field-selector type=Warning`,
      "```",
      "",
    );
  }

  return lines;
}

function ipAllocation(c: DocContext): string[] {
  const { cluster, pools, ipam } = c;
  const lines: string[] = [];
  const push = (...more: string[]) => lines.push(...more);
  push("## IP allocation", "", "### Nodes", "");
  push(
    ...table(
      ["node", "role", "address"],
      cluster.nodes.map((node) => [node.name, node.role, nodeAddress(node)]),
    ),
  );
  push(
    "",
    ...table(["network", "range", "managed by"], [
      ["nodes", code(cluster.network.nodes), nodeAddressing(cluster.nodes)],
      ["router", code(cluster.network.gateway), "the node network's default route"],
      ...(cluster.network.dhcp === undefined ? [] : [[
        "DHCP",
        code(`${cluster.network.dhcp.start}-${cluster.network.dhcp.stop}`),
        "the node network's DHCP server (no pool overlaps it)",
      ]]),
      ...Object.entries(cluster.network.reserved).map((
        [name, address],
      ) => [name, code(address), "reserved"]),
      ["pods", code(cluster.network.pods), `Cilium IPAM (${ipam} mode)`],
      ["services", code(cluster.network.services), "Kubernetes API, Cilium"],
    ]),
    "",
    "### LoadBalancer pools",
    "",
  );
  for (const pool of pools) {
    push(
      `Pool ${code(pool.name)}: ${
        code(pool.blocks)
      }, ${pool.size} allocatable address(es), ${pool.assigned.length} assigned, free: ${
        freeText(pool.free)
      }.`,
      "",
      ...table(
        ["address", "consumer"],
        pool.assigned.map((entry) => [code(entry.address), entry.consumer]),
      ),
      "",
    );
  }

  return lines;
}

function routesSection(c: DocContext): string[] {
  const { appRoutes, cluster } = c;
  const lines: string[] = [];
  const push = (...more: string[]) => lines.push(...more);
  push("## Routes", "");
  // One row per route: appended one by one, as a spread of 100,000 rows overflows the call stack.
  const rows = table(
    ["hostname", "gateway", "listener", "path", "backend (namespace/service:port)"],
    appRoutes.map((row) => [
      code(row.hostname),
      row.gateway,
      row.listener,
      code(row.path),
      row.redirect ? row.backend : code(`${row.namespace}/${row.backend}`),
    ]),
  );
  for (const row of rows) lines.push(row);
  push("", plainHttpNote(cluster, appRoutes), "");

  return lines;
}

function bootstrapSection(c: DocContext): string[] {
  const { cluster, build } = c;
  const lines: string[] = [];
  const push = (...more: string[]) => lines.push(...more);
  push(
    "## Bootstrap: from bare machines to synced apps",
    "",
    `What \`deno task bootstrap ${cluster.name}\` prints. With \`cni: none\` and no kube-proxy, nothing runs`,
    "until Cilium does: Omni applies the bootstrap manifests of the template once, and Argo CD then",
    "adopts what they installed (same chart, version, release and values, checked at every render).",
    "",
    ...stepsMarkdown(bootstrapSteps(build)),
  );
  return lines;
}

function troubleshooting(c: DocContext): string[] {
  const { cluster, prism, controlPlanes, gwNs, lbIps, build } = c;
  const lines: string[] = [];
  const push = (...more: string[]) => lines.push(...more);
  push(
    "## Troubleshooting",
    "",
    "### Gateways",
    "",
    "```sh",
    "# PROGRAMMED=True, with the pinned addresses",
    `kubectl get gateway -n ${gwNs}`,
    ...Object.keys(cluster.gateways).map((key) =>
      `kubectl describe gateway -n ${gwNs} ${gatewayName(key)}`
    ),
    "# Accepted",
    "kubectl get httproute -A",
    "# the LoadBalancer Services Cilium creates for the Gateways",
    `kubectl get svc -n ${gwNs}`,
    "```",
    "",
    "### Cilium",
    "",
    "```sh",
    "kubectl get pods -n kube-system -l k8s-app=cilium",
    "kubectl exec -n kube-system ds/cilium -- cilium status",
    "# from a workstation with cilium-cli (the agent image has no connectivity test)",
    "cilium connectivity test",
    `# kube-proxy replacement on, API server through ${prism}`,
    "kubectl exec -n kube-system ds/cilium -- cilium status --verbose | grep -E 'KubeProxyReplacement|k8s'",
    "```",
    "",
    "### L2 announcements",
    "",
    "```sh",
    "kubectl get ciliuml2announcementpolicy",
    "kubectl get ciliumloadbalancerippool",
    "# one lease per announced Service: the node holding it answers ARP",
    "kubectl get leases -n kube-system | grep cilium-l2announce",
    "# from a host on the node network",
    ...lbIps.flatMap((ip) => [`ping -c 3 ${ip}`, `arp -a | grep ${ip}`]),
    "```",
    "",
    "### KubePrism and the API server",
    "",
    "```sh",
    ...controlPlanes.map((node) => `talosctl -n ${talosctlNode(node)} get kubeprismstatuses`),
    `omnictl cluster template status -f ${build.templatePath}`,
    "```",
    "",
  );

  return lines;
}

function tuningRows(c: DocContext): string[][] {
  const { get } = c;
  const tuning: string[][] = [];
  const socketLB = get("socketLB") as Json | undefined;
  if (socketLB?.enabled) {
    tuning.push([
      "socket-level load balancing",
      code(`socketLB.hostNamespaceOnly: ${socketLB.hostNamespaceOnly}`),
      "Services balanced at the socket, for pods too",
    ]);
  }
  const bandwidth = get("bandwidthManager") as Json | undefined;
  if (bandwidth?.enabled) {
    tuning.push([
      "bandwidth manager",
      code(`bbr: ${bandwidth.bbr}`),
      bandwidth.bbr ? "BBR congestion control" : "EDT rate limiting",
    ]);
  }
  const extra = (get("extraConfig") ?? {}) as Json;
  for (
    const [key, what] of [
      [CONNTRACK_OPTIONS.tcp, "TCP connection tracking timeout"],
      [CONNTRACK_OPTIONS.any, "non-TCP connection tracking timeout"],
    ]
  ) {
    const value = extra[key];
    const seconds = typeof value === "string" ? parseDuration(value) : undefined;
    if (seconds !== undefined) {
      tuning.push([
        what,
        code(`${key}: ${value}`),
        `${humanSeconds(seconds / 1000)} (agent option, through the chart's \`extraConfig\`)`,
      ]);
    }
  }
  tuning.push(
    [
      "L2 leases",
      code(
        `${get("l2announcements", "leaseDuration")} / ${
          get("l2announcements", "leaseRenewDeadline")
        } / ${get("l2announcements", "leaseRetryPeriod")}`,
      ),
      "duration / renew deadline / retry period",
    ],
    [
      "API client rate limit",
      code(`qps ${get("k8sClientRateLimit", "qps")}, burst ${get("k8sClientRateLimit", "burst")}`),
      "shared by the L2 lease renewals",
    ],
  );
  return tuning;
}

function tuningSection(c: DocContext): string[] {
  const { cluster } = c;
  const tuning = tuningRows(c);
  const extra = (c.get("extraConfig") ?? {}) as Json;
  const lines: string[] = [];
  const push = (...more: string[]) => lines.push(...more);
  push("## Tuning in force", "", ...table(["setting", "value", "effect"], tuning), "");
  if (CONNTRACK_OPTIONS.tcp in extra || CONNTRACK_OPTIONS.any in extra) {
    push(
      "The conntrack timeouts apply to regular connections; the service entries of kube-proxy",
      "replacement keep Cilium's defaults (`bpf-ct-timeout-service-*`).",
      "",
    );
  }
  push(
    "Not in force: sticky sessions through the Gateways. Cilium's Gateway API (chart",
    `${cluster.cilium.chart.version}) does not implement HTTPRoute session persistence and its Envoy balances`,
    "every request round robin, so Hydrate refuses `cilium.gatewayAPI.sessionAffinityTimeoutSeconds`;",
    "kube-proxy replacement still honours a Service's own `sessionAffinity: ClientIP`, but behind a",
    "Gateway Envoy picks the backend itself.",
    "",
  );
  return lines;
}

/**
 * Renders the network architecture document of a built cluster.
 *
 * @example
 * ```ts
 * import { networkDocument } from "./network.ts";
 * import { buildCluster } from "../cluster.ts";
 * import { components, syncWaves } from "../components.ts";
 * import { parseCluster } from "../../model/parse.ts";
 * import homelab from "../../../clusters/homelab.ts";
 * import assert from "node:assert/strict";
 * const parsed = parseCluster(homelab);
 * assert.ok(parsed.ok);
 * const list = components(parsed.cluster);
 * const waves = syncWaves(list);
 * assert.ok(waves.ok);
 * const text = networkDocument(buildCluster(parsed.cluster, list, waves.waves));
 * assert.match(text, /localhost:7445/);
 * ```
 */
export function networkDocument(build: Build): string {
  const c = docContext(build);
  return [
    ...overview(c),
    ...requestPaths(c),
    ...systemPaths(c),
    ...components(c),
    ...kubeProxySection(c),
    ...ipAllocation(c),
    ...routesSection(c),
    ...bootstrapSection(c),
    ...troubleshooting(c),
    ...tuningSection(c),
  ].join("\n");
}
