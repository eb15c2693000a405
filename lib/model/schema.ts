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
const CHART_VERSION = /^v?[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$/;

/** A DNS-1123 label: lowercase letters, digits and `-`, at most 63 characters. Safe as a path segment. */
export const dnsLabel = z.string().max(63, "must be at most 63 characters").regex(
  DNS1123_LABEL,
  "must be a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit)",
);

/** A DNS-1123 subdomain such as `vanillax.me`. */
export const hostname = z.string().max(253, "must be at most 253 characters").regex(
  DNS1123_SUBDOMAIN,
  "must be a DNS-1123 hostname (lowercase labels separated by dots)",
).refine(
  (name) => name.split(".").every((label) => label.length <= 63),
  "has a label longer than 63 characters (DNS allows 63)",
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
  "must be a version like v1.11.5 ('v', then major.minor.patch)",
);

/** A pinned Helm chart version such as `1.18.4` (SemVer; some charts, like cert-manager's, add a `v`). */
export const chartVersion = z.string().regex(
  CHART_VERSION,
  "must be a pinned chart version like 1.18.4 (no ranges)",
);

/** A Go duration such as `15s` or `1h30m`. */
export const duration = z.string().refine(
  (value) => parseDuration(value) !== undefined,
  "must be a Go duration such as 15s or 1h30m",
);

const url = z.url({ protocol: /^(https?|oci)$/, error: "must be an http(s) or oci URL" });

/** Text without white space (a URL, a Git revision, a path): a newline there would reach the rendered YAML. */
const oneWord = z.string().regex(/^\S*$/, "must not contain white space");

/**
 * A Git revision: one word that does not start with `-`, which a printed `git` command would read
 * as an option however it is quoted (`git check-ref-format` refuses such a branch name too).
 */
const revision = oneWord.min(1).regex(
  /^[^-]/,
  "must not start with '-' (git would read it as an option)",
);

/** A Helm chart: the repository URL, the chart name and a pinned version. */
export const HelmChart = z.strictObject({
  repoURL: url,
  chart: dnsLabel,
  version: chartVersion,
});

/** An HTTPRoute exposing an app's Service on a Gateway. */
const routePath = z.string().regex(/^\/[^\s]*$/, "must be a path starting with /");

export const Route = z.strictObject({
  /** The host label under the cluster domain (`argocd` becomes `argocd.<domain>`). */
  host: dnsLabel,
  /** The key of the Gateway in `gateways` that serves it. */
  gateway: dnsLabel,
  /** The backend Service, in the route's namespace; none with `redirect`. */
  service: dnsLabel.optional(),
  /** The backend Service port. */
  port: port.optional(),
  /** The path routed; `/` by default. */
  path: routePath.default("/"),
  /** How the path matches: every path under it (`PathPrefix`, the default) or it alone (`Exact`). */
  match: z.enum(["PathPrefix", "Exact"]).default("PathPrefix"),
  /** The Gateway listener: `https` (the default) or `http` (plain HTTP). */
  listener: z.enum(["https", "http"]).default("https"),
  /** The namespace of the HTTPRoute and its Service, when not the app's. */
  namespace: dnsLabel.optional(),
  /** Answers with a redirect instead of a backend (a Gateway API RequestRedirect filter). */
  redirect: z.strictObject({
    scheme: z.enum(["http", "https"]).optional(),
    hostname: hostname.optional(),
    /** The whole path of the redirect's target. */
    path: routePath.optional(),
    port: port.optional(),
    statusCode: z.union([z.literal(301), z.literal(302)]).default(302),
  }).optional(),
  /** Rewrites the request before the backend gets it (a Gateway API URLRewrite filter). */
  rewrite: z.strictObject({
    hostname: hostname.optional(),
    /** Replaces the matched prefix (`PathPrefix`) or the whole path (`Exact`). */
    path: routePath.optional(),
  }).optional(),
}).superRefine((route, ctx) => {
  const issue = (path: string, message: string) =>
    ctx.addIssue({ code: "custom", path: [path], message });
  if (route.redirect) {
    for (const key of ["service", "port", "rewrite"] as const) {
      if (route[key] !== undefined) {
        issue(
          key,
          "must be left out with redirect (a redirect answers itself, no backend gets it)",
        );
      }
    }
  } else {
    if (route.service === undefined) issue("service", "is required (or redirect)");
    if (route.port === undefined) issue("port", "is required (or redirect)");
  }
});

/** A Kubernetes resource given as a typed object: checked against its upstream schema when rendered. */
export const ResourceInput = z.looseObject({
  apiVersion: z.string().min(1),
  kind: z.string().min(1),
  metadata: z.looseObject({ name: hostname, namespace: dnsLabel.optional() }),
});

/**
 * Which fields of which resources Argo CD ignores when it compares the rendered tree with the
 * cluster (an Application's `spec.ignoreDifferences`; argo-cd v3.2.0
 * pkg/apis/application/v1alpha1/types.go, ResourceIgnoreDifferences).
 */
export const IgnoreDifference = z.strictObject({
  group: z.string().default(""),
  kind: z.string().min(1),
  name: z.string().min(1).optional(),
  namespace: z.string().min(1).optional(),
  /** RFC 6901 JSON pointers, such as `/spec/replicas`. */
  jsonPointers: z.array(z.string()).optional(),
  /** jq path expressions, such as `.spec.template.spec.containers[] | select(.name == "x")`. */
  jqPathExpressions: z.array(z.string().min(1)).optional(),
  /** Field managers whose fields are ignored. */
  managedFieldsManagers: z.array(z.string().min(1)).optional(),
});

/**
 * An app's Argo CD Application settings. What is left out keeps Hydrate's defaults: automated
 * sync with prune and self-heal, `CreateNamespace=true` and `ServerSideApply=true`, a bounded
 * retry, the sync wave computed from `dependsOn`.
 */
export const ApplicationSettings = z.strictObject({
  /** Automated sync; `false` leaves syncing to a person. */
  automated: z.union([
    z.literal(false),
    z.strictObject({
      prune: z.boolean().default(true),
      selfHeal: z.boolean().default(true),
      allowEmpty: z.boolean().optional(),
    }),
  ]).optional(),
  /** Sync options beyond Hydrate's, spelt as Argo CD reads them (`PruneLast=true`). */
  syncOptions: z.array(z.string()).default([]),
  /** The retry of a failed sync; `false` for none. */
  retry: z.union([
    z.literal(false),
    z.strictObject({
      limit: z.int().min(-1, "must be -1 (unlimited) or more"),
      backoff: z.strictObject({
        duration: duration.default("5s"),
        factor: z.int().min(1).default(2),
        maxDuration: duration.default("3m"),
      }).optional(),
    }),
  ]).optional(),
  ignoreDifferences: z.array(IgnoreDifference).default([]),
  /** How many past syncs Argo CD keeps in the Application's history (its default: 10). */
  revisionHistoryLimit: z.int().min(0).optional(),
  /** Labels of the Application object. */
  labels: z.record(z.string().min(1), z.string()).default({}),
  /** Annotations of the Application object (the sync wave and compare options have fields). */
  annotations: z.record(z.string().min(1), z.string()).default({}),
  /** Argo CD compare options of the Application (`IgnoreExtraneous`, `ServerSideDiff=true`). */
  compareOptions: z.array(z.string()).default([]),
  /** The sync wave, instead of the one computed from `dependsOn`; it must still come after them. */
  wave: z.int().optional(),
});

const appCommon = {
  /** The namespace its resources go to. */
  namespace: dnsLabel,
  /** Routes that become HTTPRoutes on the cluster's Gateways. */
  routes: z.array(Route).default([]),
  /** Apps that must be synced and healthy first (Cilium always is; the gateway too when it has routes). */
  dependsOn: z.array(dnsLabel).default([]),
  /** The Argo CD project (`default`, or a key of `projects`). */
  project: dnsLabel.default("default"),
  /** Labels of the namespace Argo CD creates for it. */
  namespaceLabels: z.record(z.string(), z.string()).optional(),
  /** Whether deleting its Application deletes what it deployed; keep false for anything stateful. */
  cascadeDelete: z.boolean().default(false),
  /** Its Argo CD Application's settings beyond Hydrate's defaults. */
  application: ApplicationSettings.prefault({}),
  /** What the app needs from Talos: system extensions and machine-config patches (by name). */
  talos: z.strictObject({
    systemExtensions: z.array(z.string().min(1)).default([]),
    patches: z.record(dnsLabel, z.record(z.string(), z.unknown())).default({}),
  }).optional(),
};

/** An app deployed from a Helm chart, its values committed beside it. */
export const HelmApp = z.strictObject({
  kind: z.literal("helm"),
  chart: HelmChart,
  /** The Helm release name; the app's name by default. */
  releaseName: dnsLabel.optional(),
  /** The Helm values (written to `values.yaml`; Argo CD reads them through the `$values` ref). */
  values: z.record(z.string(), z.unknown()).default({}),
  /** Extra manifests deployed beside the chart. */
  resources: z.array(ResourceInput).default([]),
  /** Further charts the same Application installs, each as a release of its own. */
  charts: z.array(z.strictObject({
    chart: HelmChart,
    /** Its release name: each chart of an app needs its own. */
    releaseName: dnsLabel,
    /** Its Helm values (written to `charts/<releaseName>/values.yaml` in the app's folder). */
    values: z.record(z.string(), z.unknown()).default({}),
  })).default([]),
  ...appCommon,
});

/** An app of plain manifests given as typed objects. */
export const ManifestsApp = z.strictObject({
  kind: z.literal("manifests"),
  resources: z.array(ResourceInput).min(1, "must list at least one resource"),
  ...appCommon,
});

/** An app Argo CD reads from a path of another Git repository. */
export const GitApp = z.strictObject({
  kind: z.literal("git"),
  /** The repository Argo CD reads; left out, this cluster's own (`git.repoURL`). */
  repoURL: oneWord.min(1, "must be the repository URL Argo CD reads").optional(),
  /** `HEAD` of another repository by default; this cluster's revision for its own. */
  revision: revision.optional(),
  /** Kustomize options, for a folder with a kustomization (Argo CD's `source.kustomize`). */
  kustomize: z.strictObject({
    namePrefix: z.string().min(1).optional(),
    nameSuffix: z.string().min(1).optional(),
    namespace: dnsLabel.optional(),
    /** Image overrides, as `kustomize edit set image` takes them (`nginx=nginx:1.27`). */
    images: z.array(z.string().min(1)).optional(),
    commonLabels: z.record(z.string().min(1), z.string()).optional(),
    commonAnnotations: z.record(z.string().min(1), z.string()).optional(),
    components: z.array(z.string().min(1)).optional(),
    /**
     * The kustomization inflates Helm charts (`helmCharts`): Argo CD then builds with
     * `--enable-helm`, which only its argocd-cm sets, for every app (Hydrate sets it).
     */
    enableHelm: z.boolean().optional(),
  }).optional(),
  path: z.string().min(1).regex(/^[^/]/, "must be relative to the repository root").refine(
    (path) => !path.split("/").includes(".."),
    "must stay inside the repository (no '..')",
  ).pipe(oneWord),
  ...appCommon,
});

/** Any app a cluster runs. */
export const App = z.discriminatedUnion("kind", [HelmApp, ManifestsApp, GitApp]);

/**
 * Apps discovered from this repository's folders, one Git app per folder, as an
 * ApplicationSet's Git directory generator makes them (argo-cd v3.2.0
 * applicationset/generators/git.go).
 */
export const AppDirectories = z.strictObject({
  /** Folder patterns relative to the repository root, `*` within one folder name (`my-apps/*`). */
  paths: z.array(
    z.string().min(1).regex(/^[^/]/, "must be relative to the repository root").refine(
      (path) => !path.split("/").includes(".."),
      "must stay inside the repository (no '..')",
    ),
  ).min(1, "must list at least one folder pattern"),
  /** Patterns of folders left out, whichever pattern of `paths` matches them. */
  exclude: z.array(z.string().min(1)).default([]),
  /** The namespace of every app found; left out, each app's own name. */
  namespace: dnsLabel.optional(),
  dependsOn: z.array(dnsLabel).default([]),
  project: dnsLabel.default("default"),
  cascadeDelete: z.boolean().default(false),
  application: ApplicationSettings.prefault({}),
  /** The folders are kustomizations that inflate Helm charts (see a Git app's `kustomize`). */
  enableHelm: z.boolean().optional(),
});

/** An Argo CD AppProject. */
export const Project = z.strictObject({
  description: z.string().optional(),
  sourceRepos: z.array(z.string().min(1)).default(["*"]),
  /** Namespaces its apps may deploy to. */
  namespaces: z.array(z.string().min(1)).default(["*"]),
  /**
   * Whether its apps may deploy cluster-scoped resources. With false they may still create
   * their own Namespace (Argo CD's CreateNamespace=true needs it): nothing else cluster-scoped.
   */
  clusterResources: z.boolean().default(true),
});

/** A last-mile patch of a rendered resource, merged onto it (objects merge, arrays replace). */
export const ResourcePatch = z.strictObject({
  target: z.strictObject({
    kind: z.string().min(1),
    name: z.string().min(1),
    namespace: z.string().optional(),
  }),
  patch: z.record(z.string(), z.unknown()),
});

/**
 * A cluster node: its name, role and address (static, or by DHCP); the Omni machine ID when known.
 * A DHCP node states `dhcp: true`, and its `ip` too when the DHCP server reserves one for it.
 */
export const Node = z.strictObject({
  name: dnsLabel,
  role: z.enum(["controlplane", "worker"]),
  /** Its address on the node network; with `dhcp: true`, the address the DHCP server reserves for it. */
  ip: ipv4Address.optional(),
  /** Whether it takes its address by DHCP (then `network.dhcp` states the server's range). */
  dhcp: z.boolean().default(false),
  /** The Omni machine ID (a UUID); with it the template pins the machine and its static address. */
  machineId: z.uuid("must be an Omni machine ID (a UUID)").optional(),
  /** A worker's machine set: a key of `omni.workerSets`; left out, the default `workers` set. */
  set: dnsLabel.optional(),
}).superRefine((node, ctx) => {
  if (node.ip === undefined && !node.dhcp) {
    ctx.addIssue({
      code: "custom",
      path: ["ip"],
      message: "is required, unless the node takes its address by DHCP (dhcp: true)",
    });
  }
});

/**
 * A block of a LoadBalancer pool: an inclusive address range, or a CIDR. Cilium's
 * `allowFirstLastIPs: "No"` reserves the first and last address of a CIDR block
 * (not of a /31 or /32), never of a range.
 */
export const PoolBlock = z.union([
  z.strictObject({ start: ipv4Address, stop: ipv4Address }),
  z.strictObject({ cidr: ipv4Cidr }),
], { error: "must be { start, stop } or { cidr }" });

/** A Cilium LoadBalancer IP pool. */
export const Pool = z.strictObject({
  blocks: z.array(PoolBlock).min(1, "must list at least one block"),
  /** Cilium's `allowFirstLastIPs` (CIDR blocks only); left out, Cilium allocates every address (`Yes`). */
  allowFirstLastIPs: z.enum(["Yes", "No"]).optional(),
});

/** A Gateway with a pinned LoadBalancer address. */
export const GatewaySpec = z.strictObject({
  address: ipv4Address,
  /** The hostname of its listeners, `*.` allowed in front; defaults to `*.<domain>`. */
  hostname: z.string().max(253, "must be at most 253 characters").regex(
    /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
    "must be a hostname, optionally with a leading '*.' wildcard label",
  ).refine(
    (name) => name.split(".").every((label) => label.length <= 63),
    "has a label longer than 63 characters (DNS allows 63)",
  ).optional(),
  /** The TLS certificate Secret its HTTPS listener terminates with; defaults to `<gateway name>-tls`. */
  certificateSecret: dnsLabel.optional(),
  /** Whether its HTTP listener redirects every request to HTTPS (routes on `http` still win). */
  httpsRedirect: z.boolean().default(true),
});

/** A container image pinned by tag or digest (never `latest`, never untagged). */
export const pinnedImage = z.string().regex(
  /^[a-z0-9]([-a-z0-9._/:]*[a-z0-9])?(:(?!latest$)[A-Za-z0-9_][A-Za-z0-9._-]{0,127}|@sha256:[a-f0-9]{64})$/,
  "must be an image pinned by tag or digest, like docker.io/alpine/helm:3.18.4 (not latest)",
);

/** A key of a Secret that exists in the cluster but never in Git. */
export const SecretKeyRef = z.strictObject({
  name: hostname,
  key: z.string().regex(/^[-._a-zA-Z0-9]+$/, "must be a Secret data key"),
});

const exactlyOne = (keys: string[]) => (value: Record<string, unknown>) =>
  keys.filter((key) => value[key] !== undefined).length === 1;

/** A DNS-01 solver: one DNS provider, its credentials by Secret reference (cert-manager v1.19 ACMEChallengeSolverDNS01). */
export const Dns01Solver = z.strictObject({
  cloudflare: z.strictObject({ apiTokenSecretRef: SecretKeyRef }).optional(),
  route53: z.strictObject({
    region: z.string().min(1),
    hostedZoneID: z.string().min(1).optional(),
    accessKeyIDSecretRef: SecretKeyRef.optional(),
    secretAccessKeySecretRef: SecretKeyRef.optional(),
  }).optional(),
  digitalocean: z.strictObject({ tokenSecretRef: SecretKeyRef }).optional(),
  rfc2136: z.strictObject({
    nameserver: z.string().min(1),
    tsigKeyName: z.string().min(1),
    tsigAlgorithm: z.string().min(1),
    tsigSecretSecretRef: SecretKeyRef,
  }).optional(),
}).refine(
  exactlyOne(["cloudflare", "route53", "digitalocean", "rfc2136"]),
  "must name exactly one DNS provider: cloudflare, route53, digitalocean or rfc2136",
);

/** An ACME account (Let's Encrypt by default) and how it proves control of the names. */
export const AcmeIssuer = z.strictObject({
  server: z.url({ protocol: /^https$/, error: "must be an https URL" })
    .default("https://acme-v02.api.letsencrypt.org/directory"),
  email: z.email("must be an e-mail address"),
  /** The Secret cert-manager keeps the account key in; defaults to `<issuer name>-account-key`. */
  privateKeySecret: hostname.optional(),
  solver: z.strictObject({
    /** DNS-01: the only challenge that issues a wildcard certificate. */
    dns01: Dns01Solver.optional(),
    /** HTTP-01 through a Gateway's HTTP listener (the key of `gateways`); no wildcard. */
    http01: z.strictObject({ gateway: dnsLabel }).optional(),
  }).refine(exactlyOne(["dns01", "http01"]), "must be exactly one of dns01 or http01"),
});

/**
 * The cert-manager issuer of the Gateways' certificates. Where it comes from is
 * one of: `acme` (Hydrate renders it), an app of this cluster that renders an
 * issuer of that kind and name, or `external` (a sentence saying where it is
 * created, shown in the network document and the bootstrap steps).
 */
export const TlsIssuer = z.strictObject({
  kind: z.enum(["ClusterIssuer", "Issuer"]).default("ClusterIssuer"),
  name: dnsLabel,
  acme: AcmeIssuer.optional(),
  external: z.string().regex(/^[^\n\r]+$/, "must be one line of text").optional(),
});

/** Omni machine-set settings of a role. */
export const MachineSet = z.strictObject({
  /** The Omni machine class that picks machines for nodes without a machine ID. */
  machineClass: dnsLabel.optional(),
  /** Talos system extensions of this machine set's machines only (Omni v1.9.0 and later). */
  systemExtensions: z.array(z.string().min(1)).default([]),
  /** Talos machine-config patches of this machine set's machines only, by name. */
  patches: z.record(dnsLabel, z.record(z.string(), z.unknown())).default({}),
});

/** The Omni release a cluster targets when its file names none (the newest when Hydrate was released). */
export const OMNI_DEFAULT_VERSION = "v1.10.4";

/** The whole cluster file. */
export const Cluster = z.strictObject({
  /** The cluster name: the Omni cluster, Cilium's `cluster.name`, and the folder under apps/ and omni/. */
  name: dnsLabel.max(32, "must be at most 32 characters (Cilium's cluster.name limit)"),
  /** The DNS domain the Gateways serve (`*.<domain>`). */
  domain: hostname,
  /** The Git repository Argo CD reads this tree from. */
  git: z.strictObject({
    repoURL: oneWord.min(1, "must be the repository URL Argo CD reads"),
    revision: revision.default("main"),
  }),
  omni: z.strictObject({
    /**
     * The Omni release that reads the template: how `file:` paths resolve, which
     * template features exist, which patch fields Omni refuses.
     */
    version: version.default(OMNI_DEFAULT_VERSION),
    talosVersion: version,
    kubernetesVersion: version,
    controlPlane: MachineSet.prefault({}),
    workers: MachineSet.prefault({}),
    /** Further worker machine sets, by name; a worker joins one by its `set`. */
    workerSets: z.record(dnsLabel, MachineSet).default({}),
    /** Talos machine-config patches of every machine of the cluster, by name. */
    patches: z.record(dnsLabel, z.record(z.string(), z.unknown())).default({}),
    /** Labels of the Omni cluster (Omni reserves the `omni.sidero.dev/` prefix). */
    labels: z.record(z.string().min(1), z.string()).default({}),
    /** Annotations of the Omni cluster (Omni reserves the `omni.sidero.dev/` prefix). */
    annotations: z.record(z.string().min(1), z.string()).default({}),
  }),
  network: z.strictObject({
    /** The node network (the nodes' addresses, static or by DHCP). */
    nodes: ipv4Cidr,
    /** The default router of the node network. */
    gateway: ipv4Address,
    nameservers: z.array(ipv4Address).min(1).optional(),
    /** Other addresses in use on the node network (a control-plane VIP, DNS servers): no pool may hold them. */
    reserved: z.record(dnsLabel, ipv4Address).default({}),
    /** The range the node network's DHCP server hands out (needed when a node takes its address by DHCP): no pool may overlap it. */
    dhcp: z.strictObject({ start: ipv4Address, stop: ipv4Address }).optional(),
    /** The pod CIDR (Talos podSubnets; Cilium IPAM in kubernetes mode allocates from it). */
    pods: ipv4Cidr.default("10.244.0.0/16"),
    /** The service CIDR (Talos serviceSubnets). */
    services: ipv4Cidr.default("10.96.0.0/12"),
  }),
  /** The Kubernetes API server port on the control-plane nodes: 6443, the port Omni dials (rule 3). */
  apiServerPort: port.default(6443),
  kubePrism: z.strictObject({ enabled: z.boolean().default(true), port: port.default(7445) })
    .prefault({}),
  nodes: z.array(Node).min(1, "must list at least one node"),
  cilium: z.strictObject({
    /** The Cilium chart; each field has its default, so a bump states the version alone. */
    chart: z.strictObject({
      repoURL: url.default("https://helm.cilium.io"),
      chart: dnsLabel.default("cilium"),
      version: chartVersion.default("1.18.4"),
    }).prefault({}),
    /** Always true: Hydrate's L2 announcements and Gateways need kube-proxy replacement (false is refused). */
    kubeProxyReplacement: z.boolean().default(true),
    /** Where Cilium reaches the API server: KubePrism's local endpoint. */
    k8sServiceHost: z.string().default("localhost"),
    socketLB: z.strictObject({ hostNamespaceOnly: z.boolean().default(false) }).optional(),
    bandwidthManager: z.strictObject({ bbr: z.boolean().default(true) }).optional(),
    bpf: z.strictObject({
      /** Seconds a regular TCP conntrack entry lives (agent option `bpf-ct-timeout-regular-tcp`). */
      ctTcpTimeout: z.int().min(1).optional(),
      /** Seconds a regular non-TCP conntrack entry lives (agent option `bpf-ct-timeout-regular-any`). */
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
      /**
       * Sticky sessions through the Gateways: refused, since Cilium's Gateway API
       * has no session persistence (Envoy balances round robin). Kept so that
       * the refusal can say why.
       */
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
    /** The cert-manager issuer named in the Gateways' annotation, and where it comes from. */
    issuer: TlsIssuer,
  }),
  /** The apps the cluster runs beside Cilium and the Gateways, by name (the Application and folder name). */
  apps: z.record(dnsLabel, App).default({}),
  /**
   * Apps found in this repository's folders, by the name of the group (an ApplicationSet's):
   * each folder a pattern matches becomes a Git app named after the folder.
   */
  discover: z.record(dnsLabel, AppDirectories).default({}),
  /** Argo CD AppProjects; they sync before the apps that use them. */
  projects: z.record(dnsLabel, Project).default({}),
  /** How a bare cluster gets its CNI, Argo CD and the root Application (see `deno task bootstrap`). */
  bootstrap: z.strictObject({
    /** The image the bootstrap Jobs run `helm` from. */
    helmImage: pinnedImage.default("docker.io/alpine/helm:3.18.4"),
    /**
     * How Argo CD is installed: `omni`, a one-time manifest of the Omni template (a Job), then
     * the root Application; `command`, the command `deno task bootstrap` prints, run by a person.
     */
    argocd: z.enum(["omni", "command"]).default("omni"),
    /**
     * The image the Argo CD Job applies the root Application with; defaults to
     * `registry.k8s.io/kubectl:<omni.kubernetesVersion>`.
     */
    kubectlImage: pinnedImage.optional(),
  }).prefault({}),
  /** Last-mile patches of rendered resources by kind and name; the result is validated like the rest. */
  patches: z.array(ResourcePatch).default([]),
  /**
   * ClusterSecretStores that exist though nothing Hydrate renders creates them (a Git app's
   * folder, by hand), by name: what creates each. ExternalSecrets may read them (rule 34).
   */
  secretStores: z.record(z.string().min(1), z.string().min(1)).default({}),
  /** Field paths whose values look like secrets but are not (reviewed): rule `secrets` lets them pass. */
  notSecret: z.array(z.string().min(1)).default([]),
  /**
   * CRDs the cluster gets by other means than a chart it installs (a Git app, an operator), by
   * name and the URL of their YAML: `deno task vendor` vendors them, and the resources of their
   * kinds are checked against them like any other.
   */
  crds: z.record(dnsLabel, z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }))
    .default({}),
});

/** A parsed cluster with every default applied. */
export type ClusterConfig = z.infer<typeof Cluster>;
/** A parsed node. */
export type NodeConfig = z.infer<typeof Node>;
/** A parsed route. */
export type RouteConfig = z.infer<typeof Route>;
/** A parsed directory-discovery group. */
export type AppDirectoriesConfig = z.infer<typeof AppDirectories>;
/** A parsed app. */
export type AppConfig = z.infer<typeof App>;
/** An app's Argo CD Application settings, defaults applied. */
export type ApplicationConfig = z.output<typeof ApplicationSettings>;

/** What a cluster file states: the documented types of `input.ts` (a test keeps them equal to this schema's input). */
export type {
  AppInput,
  ClusterInput,
  GitAppInput,
  HelmAppInput,
  ManifestsAppInput,
  RouteInput,
} from "./input.ts";
