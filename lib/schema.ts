/**
 * The cluster schema: what a cluster file may state, the rule each field must
 * follow, and the defaults for what it leaves out. Defaults live here and only
 * here; a cluster file states what differs.
 *
 * @module
 */
import { z } from "zod";
import { parseCidr, parseIPv4 } from "./net.ts";
import { parseDuration } from "./duration.ts";

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const VERSION = /^v[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$/;
const CHART_VERSION = /^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$/;

/** A DNS-1123 label: lowercase letters, digits and `-`, at most 63 characters. Safe as a path segment. */
export const dnsLabel = z.string().max(63, "must be at most 63 characters").regex(
  DNS1123_LABEL,
  "must be a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit)",
);

/** A DNS-1123 subdomain such as `vanillax.me`. */
export const hostname = z.string().max(253, "must be at most 253 characters").regex(
  DNS1123_SUBDOMAIN,
  "must be a DNS-1123 hostname (lowercase labels separated by dots)",
);

/** A dotted-quad IPv4 address. */
export const ipv4Address = z.string().refine(
  (value) => parseIPv4(value) !== undefined,
  "must be an IPv4 address such as 192.168.10.1",
);

/** An IPv4 CIDR with no host bits set. */
export const ipv4Cidr = z.string().superRefine((value, ctx) => {
  const parsed = parseCidr(value);
  if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.reason });
});

/** A TCP/UDP port, 1-65535. */
export const port = z.int("must be a whole number").min(1, "must be a port from 1 to 65535").max(
  65535,
  "must be a port from 1 to 65535",
);

/** A Talos or Kubernetes version such as `v1.11.5`. */
export const version = z.string().regex(
  VERSION,
  "must be a version starting with 'v', like v1.11.5",
);

/** A Helm chart version such as `1.18.4` (SemVer, no leading `v`). */
export const chartVersion = z.string().regex(
  CHART_VERSION,
  "must be a pinned chart version like 1.18.4 (no ranges, no leading 'v')",
);

/** A Go duration such as `15s` or `1h30m`. */
export const duration = z.string().refine(
  (value) => parseDuration(value) !== undefined,
  "must be a Go duration such as 15s or 1h30m",
);

const url = z.url({ protocol: /^(https?|oci)$/, error: "must be an http(s) or oci URL" });

/** A Helm chart: the repository URL, the chart name and a pinned version. */
export const HelmChart = z.strictObject({
  repoURL: url,
  chart: dnsLabel,
  version: chartVersion,
});

/** An HTTPRoute exposing an app's Service on a Gateway. */
export const Route = z.strictObject({
  /** The host label under the cluster domain (`argocd` becomes `argocd.<domain>`). */
  host: dnsLabel,
  /** The key of the Gateway in `gateways` that serves it. */
  gateway: dnsLabel,
  /** The backend Service, in the app's namespace. */
  service: dnsLabel,
  /** The backend Service port. */
  port: port,
});

/** A Helm-based app of the catalog: chart, namespace, route and value overrides. */
function helmApp(defaults: {
  repoURL: string;
  chart: string;
  version: string;
  namespace: string;
  route?: z.input<typeof Route>;
}) {
  return z.strictObject({
    enabled: z.boolean().default(true),
    chart: HelmChart.prefault({
      repoURL: defaults.repoURL,
      chart: defaults.chart,
      version: defaults.version,
    }),
    namespace: dnsLabel.default(defaults.namespace),
    /** The app's route; `false` for none. */
    route: defaults.route
      ? z.union([Route, z.literal(false)]).prefault(defaults.route)
      : z.union([Route, z.literal(false)]).optional(),
    /** Helm values deep-merged over what Hydrate renders (objects merge, arrays replace). */
    values: z.record(z.string(), z.unknown()).default({}),
  });
}

/** A cluster node: its name, role and static IP; the Omni machine ID when known. */
export const Node = z.strictObject({
  name: dnsLabel,
  role: z.enum(["controlplane", "worker"]),
  ip: ipv4Address,
  /** The Omni machine ID (a UUID); with it the template pins the machine and its static address. */
  machineId: z.uuid("must be an Omni machine ID (a UUID)").optional(),
});

/** An inclusive address range of a LoadBalancer pool. */
export const PoolBlock = z.strictObject({ start: ipv4Address, stop: ipv4Address });

/** A Cilium LoadBalancer IP pool. */
export const Pool = z.strictObject({
  blocks: z.array(PoolBlock).min(1, "must list at least one block"),
  /** Cilium's `allowFirstLastIPs`; left out, Cilium's default applies. */
  allowFirstLastIPs: z.enum(["Yes", "No"]).optional(),
});

/** A Gateway with a pinned LoadBalancer address. */
export const GatewaySpec = z.strictObject({
  address: ipv4Address,
  /** The hostname of its listeners, `*.` allowed in front; defaults to `*.<domain>`. */
  hostname: z.string().max(253, "must be at most 253 characters").regex(
    /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
    "must be a hostname, optionally with a leading '*.' wildcard label",
  ).optional(),
  /** The TLS certificate Secret its HTTPS listener terminates with; defaults to `<gateway name>-tls`. */
  certificateSecret: dnsLabel.optional(),
});

/** Omni machine-set settings of a role. */
export const MachineSet = z.strictObject({
  /** The Omni machine class that picks machines for nodes without a machine ID. */
  machineClass: dnsLabel.optional(),
});

/** The whole cluster file. */
export const Cluster = z.strictObject({
  /** The cluster name: the Omni cluster, Cilium's `cluster.name`, and the folder under apps/ and omni/. */
  name: dnsLabel.max(32, "must be at most 32 characters (Cilium's cluster.name limit)"),
  /** The DNS domain the Gateways serve (`*.<domain>`). */
  domain: hostname,
  /** The Git repository Argo CD reads this tree from. */
  git: z.strictObject({
    repoURL: z.string().min(1, "must be the repository URL Argo CD reads"),
    revision: z.string().min(1).default("main"),
  }),
  omni: z.strictObject({
    talosVersion: version,
    kubernetesVersion: version,
    controlPlane: MachineSet.prefault({}),
    workers: MachineSet.prefault({}),
  }),
  network: z.strictObject({
    /** The node network (static node IPs). */
    nodes: ipv4Cidr,
    /** The default router of the node network. */
    gateway: ipv4Address,
    nameservers: z.array(ipv4Address).min(1).optional(),
    /** Other addresses in use on the node network (a control-plane VIP, DNS servers): no pool may hold them. */
    reserved: z.record(dnsLabel, ipv4Address).default({}),
    /** The pod CIDR (Talos podSubnets; Cilium IPAM in kubernetes mode allocates from it). */
    pods: ipv4Cidr.default("10.244.0.0/16"),
    /** The service CIDR (Talos serviceSubnets). */
    services: ipv4Cidr.default("10.96.0.0/12"),
  }),
  /** The Kubernetes API server port on the control-plane nodes. */
  apiServerPort: port.default(6443),
  kubePrism: z.strictObject({ enabled: z.boolean().default(true), port: port.default(7445) })
    .prefault({}),
  nodes: z.array(Node).min(1, "must list at least one node"),
  cilium: z.strictObject({
    chart: HelmChart.prefault({
      repoURL: "https://helm.cilium.io",
      chart: "cilium",
      version: "1.18.4",
    }),
    kubeProxyReplacement: z.boolean().default(true),
    /** Where Cilium reaches the API server: KubePrism's local endpoint. */
    k8sServiceHost: z.string().default("localhost"),
    socketLB: z.strictObject({ hostNamespaceOnly: z.boolean().default(false) }).optional(),
    bandwidthManager: z.strictObject({ bbr: z.boolean().default(true) }).optional(),
    bpf: z.strictObject({
      ctTcpTimeout: z.int().min(1).optional(),
      ctAnyTimeout: z.int().min(1).optional(),
      masquerade: z.boolean().optional(),
      hostLegacyRouting: z.boolean().optional(),
    }).prefault({}),
    l2: z.strictObject({
      /** Regexes of the node interfaces that answer ARP for LoadBalancer IPs. */
      interfaces: z.array(
        z.string().min(1).refine((pattern) => {
          try {
            new RegExp(pattern);
            return true;
          } catch {
            return false;
          }
        }, "is not a valid regular expression"),
      ).min(1, "must list at least one interface pattern").default(["^eth[0-9]+", "^en[a-z0-9]+"]),
      /** Keep the control-plane nodes from announcing (only when there are workers to do it). */
      excludeControlPlane: z.boolean().default(false),
      leaseDuration: duration.default("15s"),
      leaseRenewDeadline: duration.default("5s"),
      leaseRetryPeriod: duration.default("2s"),
    }).prefault({}),
    k8sClientRateLimit: z.strictObject({
      qps: z.int().min(1).default(10),
      burst: z.int().min(1).default(20),
    }).prefault({}),
    gatewayAPI: z.strictObject({
      /** The session affinity timeout of Gateway services; left out, no affinity. */
      sessionAffinityTimeoutSeconds: z.int().min(1).max(86400).optional(),
      /** The Gateway API CRDs release Talos installs at bootstrap (Cilium needs them first). */
      crdsVersion: version.default("v1.3.0"),
    }).prefault({}),
    /** Helm values deep-merged over what Hydrate renders (objects merge, arrays replace). */
    values: z.record(z.string(), z.unknown()).default({}),
  }).prefault({}),
  loadBalancer: z.strictObject({
    pools: z.record(dnsLabel, Pool),
  }),
  gatewayNamespace: dnsLabel.default("gateway"),
  gateways: z.record(dnsLabel, GatewaySpec),
  tls: z.strictObject({
    /** The cert-manager issuer named in the Gateways' annotation. */
    issuer: z.strictObject({
      kind: z.enum(["ClusterIssuer", "Issuer"]).default("ClusterIssuer"),
      name: dnsLabel,
    }),
  }),
  apps: z.strictObject({
    argocd: helmApp({
      repoURL: "https://argoproj.github.io/argo-helm",
      chart: "argo-cd",
      version: "9.1.4",
      namespace: "argocd",
      route: { host: "argocd", gateway: "internal", service: "argocd-server", port: 80 },
    }).prefault({}),
    longhorn: helmApp({
      repoURL: "https://charts.longhorn.io",
      chart: "longhorn",
      version: "1.10.1",
      namespace: "longhorn-system",
      route: { host: "longhorn", gateway: "internal", service: "longhorn-frontend", port: 80 },
    }).prefault({}),
  }).prefault({}),
});

/** What a cluster file states: the schema's input, defaults still to apply. */
export type ClusterInput = z.input<typeof Cluster>;
/** A parsed cluster with every default applied. */
export type ClusterConfig = z.infer<typeof Cluster>;
/** A parsed node. */
export type NodeConfig = z.infer<typeof Node>;
/** A parsed route. */
export type RouteConfig = z.infer<typeof Route>;
