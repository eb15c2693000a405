/**
 * Invariants of what was built: the final Helm values (after a cluster file's
 * `values` overrides), the Omni patches and template, the Gateways, routes and
 * Applications. A cluster file's facts can be consistent and an override can
 * still contradict them; these rules catch that before anything is written.
 *
 * @module
 */
import { allResources, type Build } from "../model/build.ts";
import { type Resource, resourceId } from "../model/resource.ts";
import { error, formatValue, type Problem, warning } from "../model/problem.ts";
import { hostnameMatches } from "../build/gateway/hostname.ts";
import { WORKERS } from "../build/omni/template.ts";
import {
  atLeast,
  OMNI_FEATURES,
  omniForbiddenElements,
  omniForbiddenFields,
  resolveTemplateFile,
} from "../build/omni/version.ts";
import { parseIPv4 } from "../model/net.ts";
import { bootstrapRules } from "./bootstrap_adoption.ts";
import { applyBatch } from "./_omni_apply.ts";
import { CONNTRACK_OPTIONS, conntrackOptions } from "../build/cilium/values.ts";
import { parseDuration } from "../model/duration.ts";
import { mayShareAddress } from "../build/cilium/lb_ipam.ts";
import { valueAt } from "../model/json.ts";
import {
  type PinnedAddress,
  pinnedAddresses,
  renderedPoolBlocks,
} from "../build/cilium/lb_ipam.ts";

type Json = Record<string, unknown>;

/** Where a problem with a Cilium value is reported: the override that set it, else the fact it comes from. */
function ciliumPath(build: Build, key: readonly string[], fact: string): string {
  return valueAt(build.cluster.cilium.values, key) === undefined
    ? fact
    : `cilium.values.${key.join(".")}`;
}

function ciliumValuesOf(build: Build): Json {
  return build.values.find((entry) => entry.component === "cilium")?.values ?? {};
}

function patchBody(build: Build, name: string): unknown {
  return build.patches.find((patch) => patch.name === name)?.body;
}

/**
 * Values keys no template of the Cilium chart reads (Helm ignores them without a
 * word), with what does the job. Read in cilium/charts cilium-1.18.4.tgz:
 * templates/ and values.yaml have none of them.
 */
export const IGNORED_CILIUM_VALUES: readonly { key: string[]; instead: string }[] = [
  {
    key: ["bpf", "ctTcpTimeout"],
    instead: "use cilium.bpf.ctTcpTimeout, rendered as extraConfig.bpf-ct-timeout-regular-tcp",
  },
  {
    key: ["bpf", "ctAnyTimeout"],
    instead: "use cilium.bpf.ctAnyTimeout, rendered as extraConfig.bpf-ct-timeout-regular-any",
  },
  {
    key: ["gatewayAPI", "sessionAffinity"],
    instead: "Cilium's Gateway API has no session persistence",
  },
  {
    key: ["gatewayAPI", "sessionAffinityTimeoutSeconds"],
    instead: "Cilium's Gateway API has no session persistence",
  },
  {
    key: ["externalIPs"],
    instead: "removed in chart 1.18; kube-proxy replacement enables external IPs",
  },
];

/**
 * The chart writes `extraConfig` verbatim into the cilium-config ConfigMap
 * (cilium-1.18.4.tgz templates/cilium-configmap.yaml, `toYaml .Values.extraConfig`):
 * every value must be a string (ConfigMap data holds strings only), a conntrack
 * timeout a Go duration with its unit (the agent reads a bare number as
 * nanoseconds), and an entry must not silently replace what `cilium.bpf` states.
 */
function extraConfigRules(build: Build, values: Json): Problem[] {
  const problems: Problem[] = [];
  const extra = valueAt(values, ["extraConfig"]);
  if (extra === undefined) return problems;
  const own = conntrackOptions(build.cluster) ?? {};
  const facts: Record<string, string> = {
    [CONNTRACK_OPTIONS.tcp]: "cilium.bpf.ctTcpTimeout",
    [CONNTRACK_OPTIONS.any]: "cilium.bpf.ctAnyTimeout",
  };
  for (const [key, value] of Object.entries(asObject(extra))) {
    const path = ciliumPath(build, ["extraConfig", key], `cilium.values.extraConfig.${key}`);
    if (typeof value !== "string") {
      problems.push(
        error(
          path,
          `${
            formatValue(value)
          } must be a string: the chart writes extraConfig into the cilium-config ConfigMap, whose values are strings (the API server refuses the install)`,
        ),
      );
      continue;
    }
    if (key.startsWith("bpf-ct-timeout-") && parseDuration(value) === undefined) {
      problems.push(
        error(
          path,
          `${value} must be a Go duration with its unit, like 21600s or 6h (Cilium reads a number without a unit as nanoseconds)`,
        ),
      );
    }
    const fact = facts[key];
    if (fact && own[key] !== undefined && own[key] !== value) {
      problems.push(
        error(path, `${value} replaces ${own[key]}, which ${fact} states; state it once`),
      );
    }
  }
  return problems;
}

const asObject = (value: unknown): Json =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? value as Json : {};

function ignoredCiliumValues(build: Build, values: Json): Problem[] {
  const version = build.cluster.cilium.chart.version;
  // Read in the 1.18.4 chart; other chart versions are for the version-true checks to judge.
  if (!version.startsWith("1.18.")) return [];
  return IGNORED_CILIUM_VALUES.filter(({ key }) => valueAt(values, key) !== undefined).map((
    { key, instead },
  ) =>
    error(
      ciliumPath(build, key, `cilium.values.${key.join(".")}`),
      `${formatValue(valueAt(values, key))}: no template of the Cilium chart ${version} reads ${
        key.join(".")
      }, so Helm ignores it without a word (${instead})`,
    )
  );
}

/** Rules 1-3, 10, 11 and Cilium's cluster name: the Cilium values against the Omni patches and the facts. */
function ciliumRules(build: Build): Problem[] {
  const problems: Problem[] = [];
  const values = ciliumValuesOf(build);
  const { kubePrism } = build.cluster;
  const kpr = values.kubeProxyReplacement;
  const proxyDisabled = valueAt(patchBody(build, "disable-kube-proxy"), [
    "cluster",
    "proxy",
    "disabled",
  ]);
  if ((kpr === true) !== (proxyDisabled === true)) {
    problems.push(
      error(
        ciliumPath(build, ["kubeProxyReplacement"], "cilium.kubeProxyReplacement"),
        `${JSON.stringify(kpr)} disagrees with Omni (kube-proxy ${
          proxyDisabled === true ? "disabled" : "running"
        }): kube-proxy must be disabled exactly when Cilium replaces it (otherwise both bind the same ports: "address already in use")`,
      ),
    );
  }
  if (kpr !== true && build.cluster.cilium.kubeProxyReplacement) {
    problems.push(
      error(
        ciliumPath(build, ["kubeProxyReplacement"], "cilium.kubeProxyReplacement"),
        `${
          JSON.stringify(kpr)
        } must be true: L2 announcements and Cilium's Gateway API need kube-proxy replacement`,
      ),
    );
  }
  problems.push(...ignoredCiliumValues(build, values), ...extraConfigRules(build, values));
  const cni = valueAt(patchBody(build, "cni"), ["cluster", "network", "cni"]) as Json | undefined;
  if (cni?.name !== "none" || cni?.urls !== undefined) {
    problems.push(
      error(
        `${build.patchDir}/cni.yaml`,
        `cluster.network.cni must be { name: none } with no urls while Cilium is the CNI (Talos would install its own)`,
      ),
    );
  }
  const port = values.k8sServicePort;
  if (String(port) !== String(kubePrism.port)) {
    problems.push(
      error(
        ciliumPath(build, ["k8sServicePort"], "kubePrism.port"),
        `${
          JSON.stringify(port)
        } must equal the KubePrism port ${kubePrism.port}: Cilium reaches the API server through KubePrism`,
      ),
    );
  }
  const host = values.k8sServiceHost;
  if (host !== "localhost" && host !== "127.0.0.1") {
    problems.push(
      error(
        ciliumPath(build, ["k8sServiceHost"], "cilium.k8sServiceHost"),
        `${
          JSON.stringify(host)
        } must be localhost or 127.0.0.1: KubePrism listens on every node's loopback`,
      ),
    );
  }
  const prism = valueAt(patchBody(build, "kubeprism"), ["machine", "features", "kubePrism"]) as
    | Json
    | undefined;
  if (prism?.enabled !== true || prism?.port !== kubePrism.port) {
    problems.push(
      error(
        `${build.patchDir}/kubeprism.yaml`,
        `KubePrism must be enabled on port ${kubePrism.port}`,
      ),
    );
  }
  if (
    valueAt(values, ["bpf", "masquerade"]) === true && kpr === true &&
    valueAt(values, ["bpf", "hostLegacyRouting"]) !== true
  ) {
    problems.push(
      error(
        ciliumPath(build, ["bpf", "masquerade"], "cilium.bpf.masquerade"),
        "true with kube-proxy replacement on Talos needs bpf.hostLegacyRouting: true (set cilium.bpf.hostLegacyRouting), or CoreDNS queries forwarded to the host time out",
      ),
    );
  }
  if (
    valueAt(values, ["gatewayAPI", "externalTrafficPolicy"]) === "Local" &&
    valueAt(values, ["l2announcements", "enabled"]) === true
  ) {
    problems.push(
      warning(
        "cilium.values.gatewayAPI.externalTrafficPolicy",
        "Local with L2 announcements drops traffic whenever the announcing node runs no Envoy backend; use Cluster",
      ),
    );
  }
  const name = valueAt(values, ["cluster", "name"]);
  if (typeof name !== "string" || !/^[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?$/.test(name)) {
    problems.push(
      error(
        ciliumPath(build, ["cluster", "name"], "name"),
        `${
          JSON.stringify(name)
        } is not a valid Cilium cluster.name (lowercase letters, digits and '-', at most 32 characters)`,
      ),
    );
  }
  return problems;
}

interface Listener {
  name: string;
  port: number;
  protocol: string;
  hostname?: string;
  tls?: { mode?: string; certificateRefs?: unknown[] };
  allowedRoutes?: { namespaces?: { from?: string } };
}

function kindOf(build: Build, kind: string): { path: string; resource: Resource }[] {
  return build.resources.filter(({ resource }) => resource.kind === kind);
}

/**
 * Rule 12: listener names are unique, no two listeners share (port, protocol,
 * hostname), and every HTTPS listener terminates TLS with a certificate.
 */
export function listenerRules(build: Build): Problem[] {
  const problems: Problem[] = [];
  for (const { path, resource } of kindOf(build, "Gateway")) {
    const listeners = ((resource.spec as Json).listeners ?? []) as Listener[];
    const names = new Set<string>();
    const bindings = new Set<string>();
    listeners.forEach((listener, i) => {
      const where = `spec.listeners[${i}]`;
      if (names.has(listener.name)) {
        problems.push(error(path, `${where}.name: ${listener.name} is used by another listener`));
      }
      names.add(listener.name);
      const binding = `${listener.port}/${listener.protocol}/${listener.hostname ?? "*"}`;
      if (bindings.has(binding)) {
        problems.push(
          error(
            path,
            `${where}: port ${listener.port} ${listener.protocol} ${
              listener.hostname ?? "(any host)"
            } is already served by another listener`,
          ),
        );
      }
      bindings.add(binding);
      // Gateway API v1.3.0 (apis/v1/gateway_types.go, GatewayTLSConfig.Mode):
      // `+kubebuilder:default=Terminate`, so a listener without `tls.mode` terminates TLS.
      const refs = listener.tls?.certificateRefs ?? [];
      const mode = listener.tls?.mode ?? "Terminate";
      if (listener.protocol === "HTTPS" && (mode !== "Terminate" || refs.length === 0)) {
        problems.push(
          error(
            path,
            `${where}: HTTPS listener ${listener.name} must terminate TLS with a certificate ref${
              mode === "Terminate" ? "" : ` (tls.mode is ${mode})`
            }`,
          ),
        );
      }
    });
  }
  return problems;
}

/**
 * Rules 13 and 14: every HTTPRoute's parent Gateway exists, its section names a
 * listener that allows the route's namespace and serves its hostnames, and no two
 * routes claim the same hostname and path on one listener.
 */
export function routeRules(build: Build): Problem[] {
  const problems: Problem[] = [];
  const gateways = new Map<string, Resource>();
  for (const { resource } of kindOf(build, "Gateway")) {
    gateways.set(`${resource.metadata.namespace}/${resource.metadata.name}`, resource);
  }
  const claimed = new Map<string, string>();
  for (const { path, resource } of kindOf(build, "HTTPRoute")) {
    const spec = resource.spec as {
      parentRefs?: { name: string; namespace?: string; sectionName?: string }[];
      hostnames?: string[];
      rules?: { matches?: { path?: { value?: string } }[] }[];
    };
    const ns = resource.metadata.namespace ?? "default";
    for (const [i, parent] of (spec.parentRefs ?? []).entries()) {
      const where = `spec.parentRefs[${i}]`;
      const gatewayNs = parent.namespace ?? ns;
      const gateway = gateways.get(`${gatewayNs}/${parent.name}`);
      if (!gateway) {
        problems.push(error(path, `${where}: Gateway ${gatewayNs}/${parent.name} is not rendered`));
        continue;
      }
      const listeners = ((gateway.spec as Json).listeners ?? []) as Listener[];
      const chosen = parent.sectionName === undefined
        ? listeners
        : listeners.filter((listener) => listener.name === parent.sectionName);
      if (chosen.length === 0) {
        problems.push(
          error(
            path,
            `${where}.sectionName: ${parent.sectionName} is not a listener of ${parent.name} (listeners: ${
              listeners.map((l) => l.name).join(", ")
            })`,
          ),
        );
        continue;
      }
      for (const listener of chosen) {
        const from = listener.allowedRoutes?.namespaces?.from ?? "Same";
        if (from === "Same" && ns !== gatewayNs) {
          problems.push(
            error(
              path,
              `${where}: listener ${listener.name} of ${parent.name} only accepts routes from namespace ${gatewayNs}, not ${ns}`,
            ),
          );
        }
        for (const hostname of spec.hostnames ?? []) {
          if (!hostnameMatches(listener.hostname, hostname)) {
            problems.push(
              error(
                path,
                `spec.hostnames: ${hostname} does not match listener ${listener.name} of ${parent.name} (hostname ${listener.hostname})`,
              ),
            );
          }
          const paths = (spec.rules ?? []).flatMap((rule) =>
            (rule.matches ?? [{}]).map((m) => m.path?.value ?? "/")
          );
          for (const value of paths.length > 0 ? paths : ["/"]) {
            const key = `${gatewayNs}/${parent.name}/${listener.name} ${hostname} ${value}`;
            const other = claimed.get(key);
            if (other !== undefined && other !== path) {
              problems.push(
                error(
                  path,
                  `spec.hostnames: ${hostname} path ${value} on ${parent.name} is already claimed by ${other} (the Gateway API silently drops one)`,
                ),
              );
            } else claimed.set(key, path);
          }
        }
      }
    }
  }
  return problems;
}

/**
 * Rule 15: no Application syncs before what its resources need (Cilium's CRDs and
 * controller before Cilium resources and Gateways, a Gateway before the routes
 * that attach to it), and the root Application uses project `default`.
 */
export function orderingRules(build: Build): Problem[] {
  const problems: Problem[] = [];
  const owner = new Map<string, string>();
  for (const component of build.components) {
    for (const { resource } of component.resources) {
      owner.set(
        `${resource.kind} ${resource.metadata.namespace}/${resource.metadata.name}`,
        component.name,
      );
    }
  }
  const cilium = build.components.find((component) => component.chart?.chart === "cilium");
  const appPath = (name: string) =>
    build.resources.find(({ resource }) =>
      resource.kind === "Application" && resource.metadata.name === name
    )!.path;
  for (const component of build.components) {
    const wave = build.waves.get(component.name)!;
    const needs = new Map<string, string>();
    for (const { resource } of component.resources) {
      const id = `${resource.kind} ${resource.metadata.name}`;
      if (resource.apiVersion.startsWith("cilium.io/") || resource.kind === "Gateway") {
        if (cilium && cilium !== component && !needs.has(cilium.name)) {
          needs.set(cilium.name, `its CRDs and controller serve ${id}`);
        }
      }
      if (resource.kind === "HTTPRoute") {
        const refs = ((resource.spec as Json).parentRefs ?? []) as {
          name: string;
          namespace?: string;
        }[];
        for (const ref of refs) {
          const provider = owner.get(
            `Gateway ${ref.namespace ?? resource.metadata.namespace}/${ref.name}`,
          );
          if (provider && provider !== component.name && !needs.has(provider)) {
            needs.set(provider, `it provides Gateway ${ref.name} that ${id} attaches to`);
          }
        }
      }
    }
    for (const [provider, why] of needs) {
      const providerWave = build.waves.get(provider)!;
      if (providerWave >= wave) {
        problems.push(
          error(
            appPath(component.name),
            `sync wave ${wave} must come after ${provider} (wave ${providerWave}): ${why}`,
          ),
        );
      }
    }
  }
  const root = build.resources.find(({ path }) => path.endsWith("/root.yaml"));
  const project = (root?.resource.spec as Json | undefined)?.project;
  if (root && project !== "default") {
    problems.push(
      error(
        root.path,
        `spec.project: ${
          String(project)
        } must be default (the root Application exists before any AppProject)`,
      ),
    );
  }
  return problems;
}

/**
 * Rule 16: exactly one Cluster and one ControlPlane, Workers with unique names
 * (never `control-planes`), every referenced patch file rendered, every Machine in
 * a machine set, no patch setting a field Omni owns, and every manifest of
 * `kubernetes.manifests` named once, with a known mode and a rendered file.
 */
export function templateRules(build: Build): Problem[] {
  const problems: Problem[] = [];
  const path = build.templatePath;
  const count = (kind: string) => build.template.filter((doc) => doc.kind === kind).length;
  for (const kind of ["Cluster", "ControlPlane"]) {
    if (count(kind) !== 1) {
      problems.push(error(path, `has ${count(kind)} ${kind} documents (exactly one is allowed)`));
    }
  }
  const workerNames = new Set<string>();
  const listed = new Set<string>();
  for (const doc of build.template) {
    for (const machine of (doc.machines ?? []) as string[]) listed.add(machine);
    if (doc.kind !== "Workers") continue;
    const name = (doc.name as string | undefined) ?? WORKERS;
    if (name === "control-planes") {
      problems.push(error(path, `Workers name control-planes is reserved by Omni`));
    }
    if (workerNames.has(name)) problems.push(error(path, `Workers name ${name} is used twice`));
    workerNames.add(name);
  }
  const { version } = build.cluster.omni;
  const patchFiles = new Set(
    [...build.patches, ...build.nodePatches.values()].map((p) => `${build.patchDir}/${p.file}`),
  );
  // What omnictl at the targeted version reads for a `file:` of the template.
  const resolves = (what: string, file: unknown, rendered: ReadonlySet<string>) => {
    const resolved = typeof file === "string"
      ? resolveTemplateFile(version, path, file)
      : { reason: "has no file" };
    if (resolved.path !== undefined && rendered.has(resolved.path)) return;
    problems.push(
      error(
        path,
        `${what} ${formatValue(file)}: ${
          resolved.reason ??
            `omnictl ${version} reads ${resolved.path}, which is not rendered`
        }`,
      ),
    );
  };
  for (const doc of build.template) {
    for (const patch of (doc.patches ?? []) as { name?: string; file?: string }[]) {
      resolves(`patch ${patch.name}`, patch.file, patchFiles);
    }
    if (doc.kind === "Machine" && !listed.has(doc.name as string)) {
      problems.push(
        error(path, `Machine ${String(doc.name)} is in no ControlPlane or Workers machine set`),
      );
    }
  }
  const files = new Set([...build.resources, ...build.bootstrap].map((file) => file.path));
  const manifestNames = new Set<string>();
  for (const doc of build.template.filter((doc) => doc.kind === "Cluster")) {
    const manifests = (valueAt(doc, ["kubernetes", "manifests"]) ?? []) as Json[];
    const { since, source } = OMNI_FEATURES.manifests;
    if (manifests.length > 0 && !atLeast(version, since)) {
      problems.push(
        error(
          "omni.version",
          `${version} has no kubernetes.manifests in cluster templates (added in ${since}, ${source}; older omnictl refuses the unknown field), and the bootstrap chain needs them: target ${since} or later`,
        ),
      );
    }
    for (const manifest of manifests) {
      const name = String(manifest.name);
      if (manifestNames.has(name)) problems.push(error(path, `manifest ${name} is listed twice`));
      manifestNames.add(name);
      if (manifest.mode !== "one-time" && manifest.mode !== "full") {
        problems.push(
          error(path, `manifest ${name} has mode ${String(manifest.mode)} (one-time or full)`),
        );
      }
      resolves(`manifest ${name}`, manifest.file, files);
    }
  }
  for (const patch of [...build.patches, ...build.nodePatches.values()]) {
    for (const { field, element } of omniForbiddenElements(version)) {
      const list = valueAt(patch.body, field.split("."));
      if (Array.isArray(list) && list.includes(element)) {
        problems.push(
          error(
            `${build.patchDir}/${patch.file}`,
            `${field} holds ${element}, which Omni ${version} refuses in a config patch ("element ${element} is not allowed")`,
          ),
        );
      }
    }
  }
  const forbidden = omniForbiddenFields(version).map((field) => field.split("."));
  for (const patch of [...build.patches, ...build.nodePatches.values()]) {
    for (const field of forbidden) {
      if (valueAt(patch.body, field) !== undefined) {
        problems.push(
          error(
            `${build.patchDir}/${patch.file}`,
            `sets ${
              field.join(".")
            }, which Omni ${version} refuses in a config patch ("overriding ${
              field.join(".")
            } is not allowed")`,
          ),
        );
      }
    }
  }
  return problems;
}

/**
 * Rule 18: Omni's batches apply to a new cluster. All `one-time` manifests of
 * the template are one batch, all `full` ones another; each must pass the
 * staged dry run of {@link applyBatch} against a cluster that has only what
 * Kubernetes provides, or Omni retries it forever and applies none of the
 * failing stage (the CNI Job included: nodes stay NotReady).
 */
export function omniBatchRules(build: Build): Problem[] {
  const problems: Problem[] = [];
  const byPath = new Map(
    [
      ...build.resources.map((placed) => ({ path: placed.path, resources: [placed] })),
      ...build.bootstrap,
    ]
      .map((file) => [file.path, file.resources]),
  );
  for (const mode of ["one-time", "full"] as const) {
    const batch = build.manifests.filter((m) => m.mode === mode)
      .flatMap((manifest) => byPath.get(manifest.file) ?? []);
    const outcome = applyBatch(batch);
    if (outcome.failures.length === 0) continue;
    const held = outcome.heldBack.map(({ resource }) => resourceId(resource)).join(", ");
    for (const failure of outcome.failures) {
      problems.push(
        error(
          failure.path,
          `${
            resourceId(failure.resource)
          } fails Omni's dry run of the ${mode} manifests on a new cluster: ${failure.reason}. Omni retries the batch forever and applies none of stage ${outcome.failedStage}: ${held}`,
        ),
      );
    }
  }
  return problems;
}

/**
 * Rule 7, on what is built (after patches): every LoadBalancer address pinned
 * by a Gateway or a Service lies in what a rendered pool block allocates, and no
 * two pin the same one. Models LB IPAM (cilium v1.18 operator/pkg/lbipam):
 * `allowFirstLastIPs: "No"` reserves a CIDR block's ends, never a range's.
 */
export function gatewayAddressRules(build: Build): Problem[] {
  const problems: Problem[] = [];
  const blocks = renderedPoolBlocks(build);
  const owners = new Map<string, PinnedAddress>();
  for (const { path, resource } of kindOf(build, "Gateway")) {
    if ((((resource.spec as Json).addresses ?? []) as unknown[]).length === 0) {
      problems.push(error(path, "spec.addresses: a Gateway must pin its address"));
    }
  }
  for (const pin of pinnedAddresses(build)) {
    const { address, path, field } = pin;
    const owner = owners.get(address);
    if (owner !== undefined && !mayShareAddress(owner.resource, pin.resource)) {
      problems.push(
        error(path, `${field}: ${address} is already the address of ${owner.consumer}`),
      );
    }
    owners.set(address, pin);
    const value = parseIPv4(address);
    const block = value === undefined
      ? undefined
      : blocks.find((b) => b.first <= value && value <= b.last);
    if (!block) {
      const pools = blocks.map((b) => b.text).join(", ");
      problems.push(
        error(path, `${field}: ${address} is outside every LoadBalancer pool (${pools})`),
      );
    } else if (!(block.alloc.first <= value! && value! <= block.alloc.last)) {
      problems.push(
        error(
          path,
          `${field}: ${address} is the first or last address of ${block.text} in pool ${block.pool}, which does not allocate it (allowFirstLastIPs: "No")`,
        ),
      );
    }
  }
  return problems;
}

/**
 * Rule 19, on what is built: the issuer the Gateways name, when this tree renders
 * it, can issue their certificates. An `Issuer` serves only its own namespace
 * (cert-manager's Gateway shim looks it up in the Gateway's), and an ACME issuer
 * with no DNS-01 solver cannot issue a wildcard (cert-manager v1.19.1
 * pkg/apis/acme/v1/types_issuer.go; the solver is picked by challenge type).
 */
export function issuerRules(build: Build): Problem[] {
  const problems: Problem[] = [];
  const { kind, name } = build.cluster.tls.issuer;
  const found = build.resources.find(({ resource }) =>
    resource.kind === kind && resource.metadata.name === name &&
    resource.apiVersion.startsWith("cert-manager.io/")
  );
  if (!found) return problems;
  const acme = valueAt(found.resource.spec, ["acme"]) as { solvers?: Json[] } | undefined;
  const dns01 = (acme?.solvers ?? []).some((solver) => solver.dns01 !== undefined);
  for (const { path, resource } of kindOf(build, "Gateway")) {
    if (kind === "Issuer" && resource.metadata.namespace !== found.resource.metadata.namespace) {
      problems.push(
        error(
          path,
          `names Issuer ${name} of namespace ${found.resource.metadata.namespace}, but an Issuer serves only its own namespace (${resource.metadata.namespace}): use a ClusterIssuer`,
        ),
      );
    }
    const listeners = ((resource.spec as Json).listeners ?? []) as Listener[];
    const wildcard = listeners.find((l) => l.tls && l.hostname?.startsWith("*."));
    if (acme && !dns01 && wildcard) {
      problems.push(
        error(
          found.path,
          `${kind} ${name} solves no challenge by DNS-01, so it cannot issue ${wildcard.hostname} for ${resource.metadata.name} (ACME issues wildcards only through DNS-01)`,
        ),
      );
    }
  }
  return problems;
}

/** Rule 8, on what is built: every L2 policy announces LoadBalancer IPs on at least one interface pattern. */
export function l2PolicyRules(build: Build): Problem[] {
  const problems: Problem[] = [];
  for (const { path, resource } of kindOf(build, "CiliumL2AnnouncementPolicy")) {
    const spec = (resource.spec ?? {}) as { loadBalancerIPs?: boolean; interfaces?: string[] };
    if (spec.loadBalancerIPs !== true) {
      problems.push(
        error(
          path,
          "spec.loadBalancerIPs must be true: nothing else announces the LoadBalancer IPs",
        ),
      );
    }
    if ((spec.interfaces ?? []).length === 0) {
      problems.push(error(path, "spec.interfaces must list at least one interface pattern"));
    }
  }
  return problems;
}

/**
 * No two resources of the synced tree go to one file (bootstrap files hold
 * several), and no two resources anywhere share apiVersion/kind, namespace and name.
 */
export function uniquenessRules(build: Build): Problem[] {
  const problems: Problem[] = [];
  const files = new Map<string, string>();
  const ids = new Map<string, string>();
  for (const { path, resource } of build.resources) {
    const id = resourceId(resource);
    if (files.has(path)) problems.push(error(path, `holds both ${files.get(path)} and ${id}`));
    else files.set(path, id);
  }
  for (const { path, resource } of allResources(build)) {
    const id = resourceId(resource);
    const other = ids.get(id);
    if (other !== undefined && other !== path) {
      problems.push(error(path, `${id} is also rendered to ${other}`));
    } else ids.set(id, path);
  }
  return problems;
}

/**
 * Checks what was built for one cluster; returns every problem found.
 *
 * @example
 * ```ts
 * import { checkBuild } from "./check_build.ts";
 * import { buildCluster } from "../build/cluster.ts";
 * import { components, syncWaves } from "../build/components.ts";
 * import { parseCluster } from "../model/parse.ts";
 * import homelab from "../../clusters/homelab.ts";
 * import assert from "node:assert/strict";
 * const parsed = parseCluster({ ...homelab, cilium: { ...homelab.cilium, values: { k8sServicePort: 6443 } } });
 * assert.ok(parsed.ok);
 * const list = components(parsed.cluster);
 * const waves = syncWaves(list);
 * assert.ok(waves.ok);
 * assert.deepEqual(checkBuild(buildCluster(parsed.cluster, list, waves.waves)).map((p) => p.path), [
 *   "cilium.values.k8sServicePort",
 * ]);
 * ```
 */
export function checkBuild(build: Build): Problem[] {
  return [
    ...uniquenessRules(build),
    ...ciliumRules(build),
    ...gatewayAddressRules(build),
    ...l2PolicyRules(build),
    ...listenerRules(build),
    ...routeRules(build),
    ...orderingRules(build),
    ...templateRules(build),
    ...omniBatchRules(build),
    ...issuerRules(build),
    ...bootstrapRules(build),
  ];
}
