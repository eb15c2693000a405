/**
 * What a cluster file states, as plain TypeScript types: the public face of the
 * schema in `schema.ts`, documented field by field. A type test keeps each equal
 * to the schema's own input type, so the two cannot drift. Fields with a
 * default (in `schema.ts`) are optional here.
 *
 * @module
 */

/** A Helm chart: the repository URL, the chart name and a pinned version (`1.18.4`, no ranges). */
export interface HelmChartInput {
  /** An http(s) or oci URL. */
  repoURL: string;
  /** The chart name in that repository. */
  chart: string;
  /** The pinned chart version. */
  version: string;
}

/** An HTTPRoute exposing an app's Service on a Gateway. */
export interface RouteInput {
  /** The host label under the cluster domain (`argocd` becomes `argocd.<domain>`). */
  host: string;
  /** The key of the Gateway in `gateways` that serves it. */
  gateway: string;
  /** The backend Service, in the route's namespace; none with `redirect`. */
  service?: string | undefined;
  /** The backend Service port; none with `redirect`. */
  port?: number | undefined;
  /** The path routed; `/` by default. */
  path?: string | undefined;
  /** How the path matches: every path under it (`PathPrefix`, the default) or it alone (`Exact`). */
  match?: "PathPrefix" | "Exact" | undefined;
  /** The Gateway listener: `https` (the default) or `http` (plain HTTP). */
  listener?: "https" | "http" | undefined;
  /** The namespace of the HTTPRoute and its Service, when not the app's. */
  namespace?: string | undefined;
  /** Answers with a redirect instead of a backend (a Gateway API RequestRedirect filter). */
  redirect?: {
    scheme?: "http" | "https" | undefined;
    hostname?: string | undefined;
    /** The whole path of the redirect's target. */
    path?: string | undefined;
    port?: number | undefined;
    statusCode?: 301 | 302 | undefined;
  } | undefined;
  /** Rewrites the request before the backend gets it (a Gateway API URLRewrite filter). */
  rewrite?: {
    hostname?: string | undefined;
    /** Replaces the matched prefix (`PathPrefix`) or the whole path (`Exact`). */
    path?: string | undefined;
  } | undefined;
}

/** A Kubernetes resource given as a typed object: checked against its upstream schema when rendered. */
export interface ResourceInput {
  /** The API group and version, like `v1` or `cert-manager.io/v1`. */
  apiVersion: string;
  /** The kind, like `ClusterIssuer`. */
  kind: string;
  /** Its name and, for a namespaced kind, its namespace. */
  metadata: { name: string; namespace?: string | undefined; [field: string]: unknown };
  /** Any other field of the kind. */
  [field: string]: unknown;
}

/** What an app needs from Talos. */
export interface TalosNeedsInput {
  /** System extensions every node gets (a new installer image: nodes reboot). */
  systemExtensions?: string[] | undefined;
  /** Machine-config patches by name, applied cluster-wide after Hydrate's own. */
  patches?: Record<string, Record<string, unknown>> | undefined;
}

/** What every kind of app states. */
export interface AppCommonInput {
  /** The namespace its resources go to. */
  namespace: string;
  /** Routes that become HTTPRoutes on the cluster's Gateways. */
  routes?: RouteInput[] | undefined;
  /** Apps that must be synced and healthy first (Cilium always is; the gateway too when it has routes). */
  dependsOn?: string[] | undefined;
  /** The Argo CD project (`default`, or a key of `projects`). */
  project?: string | undefined;
  /** Labels of the namespace Argo CD creates for it. */
  namespaceLabels?: Record<string, string> | undefined;
  /** Whether deleting its Application deletes what it deployed; keep false for anything stateful. */
  cascadeDelete?: boolean | undefined;
  /** Its Argo CD Application's settings beyond Hydrate's defaults. */
  application?: ApplicationSettingsInput | undefined;
  /** What the app needs from Talos: system extensions and machine-config patches. */
  talos?: TalosNeedsInput | undefined;
}

/**
 * Which fields of which resources Argo CD ignores when it compares the rendered tree with the
 * cluster (an Application's `spec.ignoreDifferences`).
 */
export interface IgnoreDifferenceInput {
  /** The API group; `""` (the core group) by default. */
  group?: string | undefined;
  /** The kind, like `Deployment`. */
  kind: string;
  /** Only the resource of this name. */
  name?: string | undefined;
  /** Only resources of this namespace. */
  namespace?: string | undefined;
  /** RFC 6901 JSON pointers, such as `/spec/replicas`. */
  jsonPointers?: string[] | undefined;
  /** jq path expressions, such as `.spec.template.spec.containers[] | select(.name == "x")`. */
  jqPathExpressions?: string[] | undefined;
  /** Field managers whose fields are ignored. */
  managedFieldsManagers?: string[] | undefined;
}

/**
 * An app's Argo CD Application settings. What is left out keeps Hydrate's defaults: automated
 * sync with prune and self-heal, `CreateNamespace=true` and `ServerSideApply=true`, a bounded
 * retry, the sync wave computed from `dependsOn`.
 */
export interface ApplicationSettingsInput {
  /** Automated sync (prune and self-heal default to true); `false` leaves syncing to a person. */
  automated?:
    | false
    | {
      prune?: boolean | undefined;
      selfHeal?: boolean | undefined;
      allowEmpty?: boolean | undefined;
    }
    | undefined;
  /** Sync options beyond Hydrate's, spelt as Argo CD reads them (`PruneLast=true`). */
  syncOptions?: string[] | undefined;
  /** The retry of a failed sync (backoff 5s, factor 2, at most 3m unless stated); `false` for none. */
  retry?:
    | false
    | {
      limit: number;
      backoff?: {
        duration?: string | undefined;
        factor?: number | undefined;
        maxDuration?: string | undefined;
      } | undefined;
    }
    | undefined;
  /** Fields Argo CD ignores when it compares. */
  ignoreDifferences?: IgnoreDifferenceInput[] | undefined;
  /** How many past syncs Argo CD keeps in the Application's history (its default: 10). */
  revisionHistoryLimit?: number | undefined;
  /** Labels of the Application object. */
  labels?: Record<string, string> | undefined;
  /** Annotations of the Application object (the sync wave and compare options have fields). */
  annotations?: Record<string, string> | undefined;
  /** Argo CD compare options of the Application (`ServerSideDiff=true`). */
  compareOptions?: string[] | undefined;
  /** The sync wave, instead of the one computed from `dependsOn`; it must still come after them. */
  wave?: number | undefined;
}

/** A further chart of a Helm app: installed by the same Application, as a release of its own. */
export interface ExtraChartInput {
  /** The chart: repository URL, name, pinned version. */
  chart: HelmChartInput;
  /** Its release name: each chart of an app needs its own. */
  releaseName: string;
  /** Its Helm values (written to `charts/<releaseName>/values.yaml` in the app's folder). */
  values?: Record<string, unknown> | undefined;
}

/** An app deployed from a Helm chart, its values committed beside it. */
export interface HelmAppInput extends AppCommonInput {
  /** The kind, like `ClusterIssuer`. */
  kind: "helm";
  /** The chart name in that repository. */
  chart: HelmChartInput;
  /** The Helm release name; the app's name by default. */
  releaseName?: string | undefined;
  /** The Helm values (written to `values.yaml`; Argo CD reads them through the `$values` ref). */
  values?: Record<string, unknown> | undefined;
  /** Extra manifests deployed beside the chart. */
  resources?: ResourceInput[] | undefined;
  /** Further charts the same Application installs, each as a release of its own. */
  charts?: ExtraChartInput[] | undefined;
}

/** An app of plain manifests given as typed objects. */
export interface ManifestsAppInput extends AppCommonInput {
  /** The kind, like `ClusterIssuer`. */
  kind: "manifests";
  /** At least one resource. */
  resources: ResourceInput[];
}

/** An app Argo CD reads from a path of another Git repository. */
export interface GitAppInput extends AppCommonInput {
  /** The kind, like `ClusterIssuer`. */
  kind: "git";
  /** The repository Argo CD reads; left out, this cluster's own (`git.repoURL`). */
  repoURL?: string | undefined;
  /** `HEAD` of another repository by default; this cluster's revision for its own. */
  revision?: string | undefined;
  /** Kustomize options, for a folder with a kustomization (Argo CD's `source.kustomize`). */
  kustomize?: {
    namePrefix?: string | undefined;
    nameSuffix?: string | undefined;
    namespace?: string | undefined;
    /** Image overrides, as `kustomize edit set image` takes them (`nginx=nginx:1.27`). */
    images?: string[] | undefined;
    commonLabels?: Record<string, string> | undefined;
    commonAnnotations?: Record<string, string> | undefined;
    components?: string[] | undefined;
    /** The kustomization inflates Helm charts: Argo CD builds with `--enable-helm` (argocd-cm). */
    enableHelm?: boolean | undefined;
  } | undefined;
  /** Relative to that repository's root. */
  path: string;
}

/** Apps found in this repository's folders, as an ApplicationSet's Git directory generator finds them. */
export interface AppDirectoriesInput {
  /** Folder patterns relative to the repository root, `*` within one folder name (`my-apps/*`). */
  paths: string[];
  /** Patterns of folders left out, whichever pattern of `paths` matches them. */
  exclude?: string[] | undefined;
  /** The namespace of every app found; left out, each app's own name. */
  namespace?: string | undefined;
  /** Apps that must be synced and healthy first. */
  dependsOn?: string[] | undefined;
  /** The Argo CD project of the apps. */
  project?: string | undefined;
  /** Whether deleting an Application deletes what it deployed. */
  cascadeDelete?: boolean | undefined;
  /** The Applications' settings beyond Hydrate's defaults. */
  application?: ApplicationSettingsInput | undefined;
  /** The folders are kustomizations that inflate Helm charts. */
  enableHelm?: boolean | undefined;
}

/** Any app a cluster runs. */
export type AppInput = HelmAppInput | ManifestsAppInput | GitAppInput;

/** An Argo CD AppProject. */
export interface ProjectInput {
  /** What the project is for. */
  description?: string | undefined;
  /** `["*"]` by default. */
  sourceRepos?: string[] | undefined;
  /** Namespaces its apps may deploy to; `["*"]` by default. */
  namespaces?: string[] | undefined;
  /**
   * Whether its apps may deploy cluster-scoped resources (true by default). With false they may
   * still create their own Namespace (Argo CD's CreateNamespace=true needs it): nothing else.
   */
  clusterResources?: boolean | undefined;
}

/** A last-mile patch of a rendered resource, merged onto it (objects merge, arrays replace). */
export interface ResourcePatchInput {
  /** The rendered resource to patch, by kind, name and (when ambiguous) namespace. */
  target: { kind: string; name: string; namespace?: string | undefined };
  /** What to merge onto it. */
  patch: Record<string, unknown>;
}

/** A cluster node: its name, role and IP; the Omni machine ID when known. */
export interface NodeInput {
  /** Its name. */
  name: string;
  /** Whether it runs the control plane or workloads. */
  role: "controlplane" | "worker";
  /** Its address on the node network; with `dhcp: true`, the address the DHCP server reserves for it. */
  ip?: string | undefined;
  /** Whether it takes its address by DHCP (then `network.dhcp` states the server's range). */
  dhcp?: boolean | undefined;
  /** The Omni machine ID (a UUID); with it the template pins the machine and its static address. */
  machineId?: string | undefined;
  /** A worker's machine set: a key of `omni.workerSets`; left out, the default `workers` set. */
  set?: string | undefined;
}

/**
 * A block of a LoadBalancer pool: an inclusive range or a CIDR. `allowFirstLastIPs: "No"`
 * reserves the first and last address of a CIDR block (not of a /31 or /32), never of a range.
 */
export type PoolBlockInput = { start: string; stop: string } | { cidr: string };

/** A Cilium LoadBalancer IP pool. */
export interface PoolInput {
  /** The address blocks it hands out. */
  blocks: PoolBlockInput[];
  /** Cilium's `allowFirstLastIPs` (CIDR blocks only); left out, every address is allocated. */
  allowFirstLastIPs?: "Yes" | "No" | undefined;
}

/** A Gateway with a pinned LoadBalancer address. */
export interface GatewayInput {
  /** The LoadBalancer address it pins (in a pool). */
  address: string;
  /** The hostname of its listeners, `*.` allowed in front; `*.<domain>` by default. */
  hostname?: string | undefined;
  /** The TLS Secret its HTTPS listener terminates with; `<gateway name>-tls` by default. */
  certificateSecret?: string | undefined;
  /** Whether its HTTP listener redirects every request to HTTPS (true by default; routes on `http` still win). */
  httpsRedirect?: boolean | undefined;
}

/** Omni machine-set settings of a role. */
export interface MachineSetInput {
  /** The Omni machine class that picks machines for nodes without a machine ID. */
  machineClass?: string | undefined;
  /** Talos system extensions of this machine set's machines only (Omni v1.9.0 and later). */
  systemExtensions?: string[] | undefined;
  /** Talos machine-config patches of this machine set's machines only, by name. */
  patches?: Record<string, Record<string, unknown>> | undefined;
}

/** A key of a Secret that exists in the cluster but never in Git. */
export interface SecretKeyRefInput {
  /** Its name. */
  name: string;
  /** The data key. */
  key: string;
}

/** A DNS-01 solver: exactly one DNS provider, its credentials by Secret reference only. */
export interface Dns01SolverInput {
  /** Cloudflare, with an API token. */
  cloudflare?: { apiTokenSecretRef: SecretKeyRefInput } | undefined;
  /** AWS Route 53. */
  route53?: {
    region: string;
    hostedZoneID?: string | undefined;
    accessKeyIDSecretRef?: SecretKeyRefInput | undefined;
    secretAccessKeySecretRef?: SecretKeyRefInput | undefined;
  } | undefined;
  /** DigitalOcean, with an API token. */
  digitalocean?: { tokenSecretRef: SecretKeyRefInput } | undefined;
  /** An RFC 2136 (dynamic update) DNS server. */
  rfc2136?: {
    nameserver: string;
    tsigKeyName: string;
    tsigAlgorithm: string;
    tsigSecretSecretRef: SecretKeyRefInput;
  } | undefined;
}

/** An ACME account (Let's Encrypt production by default) and how it proves control of the names. */
export interface AcmeIssuerInput {
  /** The ACME directory URL (Let's Encrypt production by default). */
  server?: string | undefined;
  /** The ACME account's e-mail address. */
  email: string;
  /** The Secret cert-manager keeps the account key in; `<issuer name>-account-key` by default. */
  privateKeySecret?: string | undefined;
  /** Exactly one: DNS-01 (the only one that issues a wildcard), or HTTP-01 through a Gateway. */
  solver: {
    dns01?: Dns01SolverInput | undefined;
    http01?: { gateway: string } | undefined;
  };
}

/**
 * The cert-manager issuer of the Gateways' certificates, and where it comes from: `acme`
 * (Hydrate renders it), an app of the cluster that renders it, or `external` (one line saying
 * where it is created).
 */
export interface TlsIssuerInput {
  /** The kind, like `ClusterIssuer`. */
  kind?: "ClusterIssuer" | "Issuer" | undefined;
  /** Its name. */
  name: string;
  /** Hydrate renders the issuer: an ACME account and its solver. */
  acme?: AcmeIssuerInput | undefined;
  /** One line saying where the issuer is created outside this repository. */
  external?: string | undefined;
}

/** Cilium: the chart, kube-proxy replacement through KubePrism, L2 announcements, tuning. */
export interface CiliumInput {
  /** The Cilium chart; each field defaults (`https://helm.cilium.io`, `cilium`, `1.18.4`). */
  chart?: Partial<HelmChartInput> | undefined;
  /** Always true: L2 announcements and the Gateway API need it (false is refused). */
  kubeProxyReplacement?: boolean | undefined;
  /** Where Cilium reaches the API server: KubePrism's local endpoint (`localhost`). */
  k8sServiceHost?: string | undefined;
  /** Socket-level load balancing (`hostNamespaceOnly` false: for pods too). */
  socketLB?: { hostNamespaceOnly?: boolean | undefined } | undefined;
  /** The bandwidth manager (BBR by default). */
  bandwidthManager?: { bbr?: boolean | undefined } | undefined;
  /** Datapath settings: conntrack timeouts, BPF masquerading. */
  bpf?: {
    /** Seconds a regular TCP conntrack entry lives (agent option `bpf-ct-timeout-regular-tcp`). */
    ctTcpTimeout?: number | undefined;
    /** Seconds a regular non-TCP conntrack entry lives (agent option `bpf-ct-timeout-regular-any`). */
    ctAnyTimeout?: number | undefined;
    masquerade?: boolean | undefined;
    hostLegacyRouting?: boolean | undefined;
  } | undefined;
  /** L2 announcements of LoadBalancer IPs. */
  l2?: {
    /** Regexes of the node interfaces that answer ARP for LoadBalancer IPs. */
    interfaces?: string[] | undefined;
    /** Keep the control-plane nodes from announcing (only when there are workers). */
    excludeControlPlane?: boolean | undefined;
    leaseDuration?: string | undefined;
    leaseRenewDeadline?: string | undefined;
    leaseRetryPeriod?: string | undefined;
  } | undefined;
  /** The agent's API client rate limit (L2 lease renewals go through it). */
  k8sClientRateLimit?: { qps?: number | undefined; burst?: number | undefined } | undefined;
  /** Cilium's Gateway API. */
  gatewayAPI?: {
    /** Refused with the reason: Cilium's Gateway API has no session persistence. */
    sessionAffinityTimeoutSeconds?: number | undefined;
    /** The Gateway API CRDs release Talos installs at bootstrap (`v1.3.0`). */
    crdsVersion?: string | undefined;
  } | undefined;
  /** Helm values deep-merged over what Hydrate renders (objects merge, arrays replace). */
  values?: Record<string, unknown> | undefined;
}

/** The whole cluster file. */
export interface ClusterInput {
  /** The Omni cluster, Cilium's `cluster.name`, the folder under apps/ and omni/ (at most 32 characters). */
  name: string;
  /** The DNS domain the Gateways serve (`*.<domain>`). */
  domain: string;
  /** The Git repository Argo CD reads this tree from (`revision` is `main` by default). */
  git: { repoURL: string; revision?: string | undefined };
  /** The Omni release, the Talos and Kubernetes versions, and how machine sets pick machines. */
  omni: {
    /** The Omni release that reads the template (the newest Hydrate models by default). */
    version?: string | undefined;
    talosVersion: string;
    kubernetesVersion: string;
    controlPlane?: MachineSetInput | undefined;
    workers?: MachineSetInput | undefined;
    /** Further worker machine sets, by name; a worker joins one by its `set`. */
    workerSets?: Record<string, MachineSetInput> | undefined;
    /** Talos machine-config patches of every machine of the cluster, by name. */
    patches?: Record<string, Record<string, unknown>> | undefined;
    /** Labels of the Omni cluster (Omni reserves the `omni.sidero.dev/` prefix). */
    labels?: Record<string, string> | undefined;
    /** Annotations of the Omni cluster (Omni reserves the `omni.sidero.dev/` prefix). */
    annotations?: Record<string, string> | undefined;
  };
  /** The node network, its router and nameservers, the pod and service CIDRs. */
  network: {
    /** The node network. */
    nodes: string;
    /** The default router of the node network. */
    gateway: string;
    nameservers?: string[] | undefined;
    /** Other addresses in use on the node network: no pool may hold them. */
    reserved?: Record<string, string> | undefined;
    /** The range the node network's DHCP server hands out: no pool may overlap it. */
    dhcp?: { start: string; stop: string } | undefined;
    pods?: string | undefined;
    services?: string | undefined;
  };
  /** The Kubernetes API server port on the control-plane nodes: 6443, the port Omni dials (rule 3). */
  apiServerPort?: number | undefined;
  /** Talos's KubePrism: enabled, on its port (7445 by default). */
  kubePrism?: { enabled?: boolean | undefined; port?: number | undefined } | undefined;
  /** The nodes. */
  nodes: NodeInput[];
  /** Cilium: chart, kube-proxy replacement, L2 announcements, tuning, extra values. */
  cilium?: CiliumInput | undefined;
  /** The LoadBalancer pools, by name. */
  loadBalancer: { pools: Record<string, PoolInput> };
  /** The namespace of the Gateways (`gateway`). */
  gatewayNamespace?: string | undefined;
  /** The Gateways, by key (`internal` becomes `gateway-internal`). */
  gateways: Record<string, GatewayInput>;
  /** The issuer of the Gateways' certificates. */
  tls: { issuer: TlsIssuerInput };
  /** The apps the cluster runs beside Cilium and the Gateways, by name. */
  apps?: Record<string, AppInput> | undefined;
  /** Apps found in this repository's folders, by group: one Git app per folder a pattern matches. */
  discover?: Record<string, AppDirectoriesInput> | undefined;
  /** Argo CD AppProjects; they sync before the apps that use them. */
  projects?: Record<string, ProjectInput> | undefined;
  /** How a bare cluster gets its CNI, Argo CD and the root Application. */
  bootstrap?: {
    helmImage?: string | undefined;
    argocd?: "omni" | "command" | undefined;
    kubectlImage?: string | undefined;
  } | undefined;
  /** Last-mile patches of rendered resources by kind and name; the result is checked like the rest. */
  patches?: ResourcePatchInput[] | undefined;
  /** ClusterSecretStores that exist though nothing Hydrate renders creates them, by name: what creates each. */
  secretStores?: Record<string, string> | undefined;
  /** Field paths (`apps.grafana.values.auth.token`) whose values look like secrets but are not. */
  notSecret?: string[] | undefined;
  /**
   * CRDs the cluster gets by other means than a chart it installs (a Git app, an operator), by
   * name and the URL of their YAML: `deno task vendor` vendors them, and the resources of their
   * kinds are checked against them like any other.
   */
  crds?: Record<string, string> | undefined;
}
