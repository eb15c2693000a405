/**
 * `deno task import`'s work, without the disk: an existing Talos + Omni +
 * Cilium + Argo CD repository (its YAML files and folders) in, a cluster file
 * and a report of what was not carried out. Never the source's own files out:
 * the task writes only under clusters/.
 *
 * @module
 */
import type { ClusterInput } from "../model/input.ts";
import { PLACEHOLDER_REPO_URL } from "../model/repository.ts";
import { parseCluster } from "../model/parse.ts";
import { ciliumValues } from "../build/cilium/values.ts";
import {
  documents,
  type Finding,
  type ImportOptions,
  nameOf,
  ofKind,
  sameRepository,
  type SourceDoc,
  type SourceTree,
} from "./source.ts";
import { importOmni, type OmniImport } from "./omni.ts";
import { importNetwork, type NetworkImport } from "./network.ts";
import { type AppsImport, importApps } from "./apps.ts";
import { ciliumFacts, leftover } from "./cilium.ts";
import { clusterSource, type Shared, SPREAD } from "./emit.ts";
import { importReport } from "./report.ts";

export type { Finding, ImportOptions, SourceTree } from "./source.ts";

/** The import's result: the cluster file's text and data, and the report. */
export interface ImportResult {
  name: string;
  source: string;
  report: string;
  cluster: Record<string, unknown>;
  findings: Finding[];
}

/** The repository URL the source's Applications read their own folders from. */
function sourceRepository(docs: readonly SourceDoc[], tree: SourceTree): string | undefined {
  const votes = new Map<string, number>();
  const vote = (url: unknown) => {
    if (typeof url === "string") votes.set(url, (votes.get(url) ?? 0) + 1);
  };
  for (const { doc } of docs) {
    if (doc.kind === "ApplicationSet") {
      for (
        const g of (doc.spec as { generators?: { git?: { repoURL?: string } }[] })?.generators ?? []
      ) {
        vote(g.git?.repoURL);
      }
    }
    const spec = doc.spec as { source?: { repoURL?: string; path?: string } } | undefined;
    if (
      doc.kind === "Application" &&
      tree.folders.has(String(spec?.source?.path ?? "").replace(/\/$/, ""))
    ) {
      vote(spec?.source?.repoURL);
    }
  }
  return [...votes].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** The Cilium part of the cluster file: facts, the pools' L2 policy, what Hydrate does not render. */
function ciliumInput(
  apps: AppsImport,
  network: NetworkImport,
  omni: OmniImport,
  findings: Finding[],
) {
  const source = apps.cilium;
  const { facts, findings: more } = source
    ? ciliumFacts(source.values, source.file)
    : { facts: {}, findings: [] };
  findings.push(...more);
  return {
    ...(source && source.chart.version !== "1.18.4"
      ? { chart: { version: source.chart.version } }
      : {}),
    ...facts,
    l2: { ...network.l2, ...facts.l2 },
    ...(omni.gatewayCrdsVersion ? { gatewayAPI: { crdsVersion: omni.gatewayCrdsVersion } } : {}),
  };
}

/** The cluster file's data from what each part of the import found. */
function clusterInput(
  omni: OmniImport,
  network: NetworkImport,
  apps: AppsImport,
  options: ImportOptions,
  findings: Finding[],
): Record<string, unknown> {
  const omniInput = {
    talosVersion: omni.talosVersion,
    kubernetesVersion: omni.kubernetesVersion,
    labels: omni.labels,
    annotations: omni.annotations,
    controlPlane: Object.keys(omni.controlPlane).length > 0 ? omni.controlPlane : undefined,
    workers: Object.keys(omni.workers).length > 0 ? omni.workers : undefined,
    workerSets: Object.keys(omni.workerSets).length > 0 ? omni.workerSets : undefined,
    patches: Object.keys(omni.patches).length > 0 ? omni.patches : undefined,
  };
  const cluster: Record<string, unknown> = {
    name: options.name ?? omni.name,
    domain: network.domain,
    git: { repoURL: options.repoURL ?? PLACEHOLDER_REPO_URL, revision: options.revision ?? "main" },
    omni: JSON.parse(JSON.stringify(omniInput)),
    network: JSON.parse(JSON.stringify(omni.network)),
    kubePrism: omni.kubePrism,
    nodes: omni.nodes,
    cilium: ciliumInput(apps, network, omni, findings),
    loadBalancer: { pools: network.pools },
    gatewayNamespace: network.gatewayNamespace === "gateway" ? undefined : network.gatewayNamespace,
    gateways: network.gateways,
    tls: { issuer: network.issuer },
    apps: apps.apps,
    discover: Object.keys(apps.discover).length > 0 ? apps.discover : undefined,
  };
  const values = apps.cilium?.values ?? {};
  const parsed = parseCluster(cluster as unknown as ClusterInput);
  const rest = parsed.ok ? leftover(values, ciliumValues(parsed.cluster)) : values;
  if (Object.keys(rest).length > 0) (cluster.cilium as Record<string, unknown>).values = rest;
  return cluster;
}

/** The paths an HTTPRoute's rules match (`/` for a rule without matches). */
function routePaths(spec: { rules?: { matches?: { path?: { value?: string } }[] }[] }): string[] {
  return (spec.rules ?? []).flatMap((rule) =>
    (rule.matches ?? [{}]).map((match) => match.path?.value ?? "/")
  );
}

/**
 * Routes of the folders: carried with their folders; two folders' HTTPRoutes that claim one
 * hostname and path on one Gateway are reported (the Gateway API serves one of them).
 */
function routeFindings(docs: readonly SourceDoc[]): Finding[] {
  const seen = new Map<string, string>();
  const findings: Finding[] = [];
  for (const entry of ofKind(docs, "HTTPRoute", "gateway.networking.k8s.io")) {
    const spec = (entry.doc.spec ?? {}) as Parameters<typeof routePaths>[0] & {
      parentRefs?: { name?: string }[];
      hostnames?: string[];
    };
    const parents = (spec.parentRefs ?? []).map((p) => p.name);
    const keys = (spec.hostnames ?? []).flatMap((host) =>
      parents.flatMap((parent) =>
        routePaths(spec).map((path) => `${host} path ${path} on ${parent}`)
      )
    );
    const folder = entry.file.slice(0, entry.file.lastIndexOf("/"));
    for (const key of keys) {
      const other = seen.get(key);
      if (other !== undefined && other !== folder) {
        findings.push({
          where: entry.file,
          what: `HTTPRoute ${
            nameOf(entry.doc)
          } routes ${key}, which ${other} routes too: the Gateway API serves one of them (fix before relying on it)`,
        });
      } else seen.set(key, folder);
    }
  }
  return findings;
}

/**
 * A constant's name for an ApplicationSet's shared fields, an identifier whatever the name holds:
 * its ASCII letters and digits camel-cased (`my-apps` -> `myAppsSet`), `appsSet` when it has none,
 * numbered when another ApplicationSet's name gives the same (`myAppsSet2`).
 */
function constantName(group: string, taken: Record<string, unknown>): string {
  const words = group.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const camel = words.map((w, i) => i === 0 ? w : w[0].toUpperCase() + w.slice(1)).join("");
  const base = `${/^[0-9]/.test(camel) ? "_" : ""}${camel || "apps"}Set`;
  let name = base;
  for (let n = 2; Object.hasOwn(taken, name); n++) name = `${base}${n}`;
  return name;
}

/**
 * The cluster data as the file writes it: the fields all the apps of an ApplicationSet
 * share (but their path and namespace) in a constant each spreads.
 */
function sharedFields(cluster: Record<string, unknown>, groups: Record<string, string[]>) {
  const apps = { ...(cluster.apps as Record<string, Record<string, unknown>>) };
  const shared: Shared = {};
  for (const [group, names] of Object.entries(groups)) {
    if (names.length < 2) continue;
    const first = apps[names[0]];
    const common = Object.fromEntries(
      Object.entries(first).filter(([k, v]) =>
        !["kind", "path", "namespace"].includes(k) &&
        names.every((name) => JSON.stringify(apps[name][k]) === JSON.stringify(v))
      ),
    );
    if (Object.keys(common).length === 0) continue;
    const constant = constantName(group, shared);
    shared[constant] = {
      comment: `What the apps of the ApplicationSet ${group} share.`,
      value: common,
    };
    for (const name of names) {
      const rest = Object.fromEntries(Object.entries(apps[name]).filter(([k]) => !(k in common)));
      apps[name] = { kind: rest.kind, [constant]: SPREAD, ...rest };
    }
  }
  return { data: { ...cluster, apps }, shared };
}

/**
 * Imports a repository: its Omni template, network objects and Applications as
 * a cluster file, and a report of what was not carried and why.
 */
export function importRepository(tree: SourceTree, options: ImportOptions): ImportResult | string {
  const { docs, findings } = documents(tree);
  const omni = importOmni(docs, tree);
  if (!omni) {
    return `${options.sourcePath} holds no Omni cluster template (a YAML file with kind: Cluster): nothing to import`;
  }
  const network = importNetwork(docs);
  const repo = sourceRepository(docs, tree);
  const carried = new Set(network.carried.map((d) => d.file));
  const inPlace = options.sourcePrefix !== undefined && repo !== undefined &&
      sameRepository(repo, options.repoURL)
    ? {
      prefix: options.sourcePrefix === "" ? "" : `${options.sourcePrefix.replace(/\/$/, "")}/`,
      revision: options.revision ?? "main",
    }
    : undefined;
  const apps = importApps(docs, tree, carried, repo, inPlace);
  findings.push(...omni.findings, ...network.findings, ...apps.findings, ...routeFindings(docs));
  const argocd = Object.values(apps.apps).some((app) =>
    app.kind === "helm" && app.chart.chart === "argo-cd"
  );
  if (!argocd) {
    findings.push({
      where: options.sourcePath,
      what:
        "no Application installs Argo CD (chart argo-cd): without an app of that chart, Hydrate's bootstrap installs no Argo CD and applies no root Application; add `argocd: argocd()` to apps",
    });
  }
  const cluster = clusterInput(omni, network, apps, options, findings);
  const name = String(cluster.name);
  const { data, shared } = sharedFields(cluster, apps.groups);
  const source = clusterSource(data, [
    `The ${name} cluster, imported by \`deno task import\` from ${options.sourcePath}.`,
    `What was not carried, and why: clusters/${name}.import.md.`,
  ], shared);
  const read = new Set([...omni.read, ...apps.read]);
  const report = importReport({
    ...{ name, docs, tree, cluster, findings, source, options, repo, read },
    inPlace: inPlace !== undefined,
  });
  return { name, source, report, cluster, findings };
}
