/**
 * The rendered change between two trees (`path -> content` of generated files):
 * per cluster and app, per resource (apiVersion/kind, namespace, name) or per
 * file (Helm values, Omni), the field-level changes, a unified YAML diff, and
 * risk flags on the changes that break clusters. Pure: the caller reads the trees.
 *
 * @module
 */
import { loadAllBounded } from "../model/bounded_yaml.ts";
import { createHash } from "node:crypto";
import { createTwoFilesPatch } from "diff";
import { isPlainObject } from "../model/merge.ts";
import { type FieldChange, fieldChanges } from "../model/field_changes.ts";
import { toYaml } from "../model/yaml.ts";
import { isGenerated } from "./write.ts";
import { SYNC_WAVE } from "../build/argocd/application.ts";
import { type Resource, resourceId } from "../model/resource.ts";
import { effectiveNamespace, type Placement, placementOf, resourceKey } from "./resource_key.ts";

/** One thing the diff compares: a Kubernetes resource, or a whole non-Kubernetes file. */
export interface Entity {
  cluster: string;
  /** The app folder it belongs to (`gateway`, `argocd`, ...), `root`, or `omni`. */
  app: string;
  /** `resource` (identified by apiVersion/kind, namespace, name) or `file` (by path). */
  type: "resource" | "file";
  /** How it is named in the report. */
  label: string;
  path: string;
  value: unknown;
  /** A resource's namespace as Argo CD applies it (`resource_key.ts`). */
  namespace?: string;
}

/** How one entity changed. */
export interface EntityChange {
  cluster: string;
  app: string;
  type: "resource" | "file";
  label: string;
  path: string;
  status: "added" | "removed" | "changed";
  fields: FieldChange[];
  /** The unified diff of the entity's YAML. */
  unified: string;
  /** Why a reviewer should look twice. */
  risks: string[];
}

/** Counts of one cluster's change. */
export interface ClusterSummary {
  cluster: string;
  added: number;
  changed: number;
  removed: number;
  /** Files outside Kubernetes (Helm values, Omni template and patches) that changed. */
  files: number;
}

/** The whole rendered change. */
export interface DiffReport {
  changes: EntityChange[];
  summary: ClusterSummary[];
  /** Risk flags about the whole cluster (the sync order), beside those on changes. */
  notes: string[];
}

function stripHeader(content: string): string {
  return isGenerated(content) ? content.slice(content.indexOf("\n") + 1) : content;
}

function appOf(parts: string[]): string {
  if (parts[0] === "omni") return "omni";
  if (parts.length <= 3) return "root";
  if (parts[2] === "applications") return parts[3].replace(/\.ya?ml$/, "");
  return parts[2];
}

function isResource(value: unknown): value is {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
} {
  return isPlainObject(value) && typeof value.apiVersion === "string" &&
    typeof value.kind === "string" && isPlainObject(value.metadata) &&
    typeof value.metadata.name === "string";
}

/** The documents of each generated YAML file of a tree. */
function documentsOf(tree: ReadonlyMap<string, string>): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  for (const [path, content] of tree) {
    // Only Hydrate's roots hold its render: a header copied anywhere else is just bytes.
    if (!isGenerated(content) || !/^(apps|omni)\/.*\.ya?ml$/.test(path)) continue;
    // A committed tree under review is anyone's: a document that is no YAML, or expands past the
    // bound through aliases, is compared by its bytes alone.
    const docs = loadAllBounded(stripHeader(content));
    if (typeof docs !== "string") out.set(path, docs);
  }
  return out;
}

/**
 * Splits a tree into entities keyed by identity: resources by cluster and
 * Argo CD's key (group, kind, effective namespace, name: `resource_key.ts`), so
 * a moved file is not a change, other files by path. Files without Hydrate's
 * header are left out (`diffTrees` compares their bytes).
 */
export function entities(
  tree: ReadonlyMap<string, string>,
  placement?: Placement,
  parsed: Map<string, unknown[]> = documentsOf(tree),
): Map<string, Entity> {
  const where = placement ?? placementOf([...parsed.values()].flat());
  const out = new Map<string, Entity>();
  for (const [path, documents] of parsed) {
    const parts = path.split("/");
    const cluster = parts[1];
    const app = appOf(parts);
    // The synced tree, and the bootstrap files Omni applies: Kubernetes resources both.
    const resources = parts[0] === "apps" || parts[2] === "bootstrap";
    if (resources && documents.length > 0 && documents.every(isResource)) {
      for (const doc of documents) {
        const { namespace } = effectiveNamespace(doc, path, where);
        const label = resourceId(doc as Resource);
        const key = `${cluster} ${resourceKey(doc, namespace)}`;
        // Two files applying one object (two Applications fight over it): both are shown.
        const unique = out.has(key) ? `${key} ${path}` : key;
        out.set(unique, { cluster, app, type: "resource", label, path, value: doc, namespace });
      }
    } else {
      const value = documents.length === 1 ? documents[0] : documents;
      out.set(`${cluster} ${path}`, { cluster, app, type: "file", label: path, path, value });
    }
  }
  return out;
}

/** The most lines (both sides) and edits a unified diff is computed for: Myers' diff takes time
 * in proportion to their product, and a hostile file may be any size. */
export const DIFF_LIMITS = { lines: 100_000, edits: 2_000 } as const;

/** The first line of a change too large to show line by line (the review then refuses it). */
export const TOO_LARGE = "(too large to show line by line";

/** A unified diff of two texts, or a note saying it is too large (then `refused`). */
function boundedPatch(path: string, left: string, right: string): string {
  const lines = (text: string) => text.split("\n").length;
  const patch = lines(left) + lines(right) > DIFF_LIMITS.lines ? undefined : createTwoFilesPatch(
    `a/${path}`,
    `b/${path}`,
    left,
    right,
    undefined,
    undefined,
    { context: 3, maxEditLength: DIFF_LIMITS.edits },
  );
  if (patch === undefined) {
    const digest = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 16);
    return `${TOO_LARGE}: ${lines(left)} lines before, ${lines(right)} after, sha256 ${
      digest(left)
    } -> ${digest(right)}; review the file in the pull request itself)\n`;
  }
  // Drop the "Index"/"====" banner lines: the ---/+++ lines name the file.
  return patch.split("\n").filter((line) => !/^(=+|Index: .*)$/.test(line)).join("\n").trimEnd() +
    "\n";
}

function unifiedDiff(path: string, before: unknown, after: unknown): string {
  const text = (value: unknown) =>
    value === undefined
      ? ""
      : Array.isArray(value)
      ? value.map(toYaml).join("---\n")
      : toYaml(value);
  return boundedPatch(path, text(before), text(after));
}

/**
 * A multi-document file keyed by each document's kind (and name, where a kind
 * repeats), so its changes read `Cluster.systemExtensions`, not `[0].systemExtensions`.
 */
function byDocument(value: unknown): unknown {
  if (
    !Array.isArray(value) ||
    !value.every((doc) => isPlainObject(doc) && typeof doc.kind === "string")
  ) {
    return value;
  }
  const kinds = value.map((doc) => doc.kind as string);
  const keys = value.map((doc, i) =>
    kinds.indexOf(kinds[i]) === kinds.lastIndexOf(kinds[i])
      ? kinds[i]
      : `${kinds[i]}/${String(doc.name)}`
  );
  if (new Set(keys).size !== keys.length) return value;
  return Object.fromEntries(keys.map((key, i) => [key, value[i]]));
}

function fieldAt(value: unknown, path: string[]): unknown {
  let current = value;
  for (const key of path) current = isPlainObject(current) ? current[key] : undefined;
  return current;
}

/** The risk flags of one change: what in it can break a running cluster. */
export function risksOf(
  change: Omit<EntityChange, "risks" | "unified">,
  before: unknown,
  after: unknown,
): string[] {
  const touched = (prefix: string) =>
    change.fields.some((field) =>
      field.path === prefix || field.path.startsWith(`${prefix}.`) ||
      field.path.startsWith(`${prefix}[`)
    );
  const kind = String(fieldAt(after ?? before, ["kind"]) ?? "");
  return [...kindRisks(change, kind, touched, before, after), ...fileRisks(change, touched)];
}

/**
 * What removing an Application does to what it deployed: with Argo CD's resources
 * finalizer the deletion cascades (argo-cd v3.2.0
 * `pkg/apis/application/v1alpha1/types.go` CascadedDeletion,
 * isPropagationPolicyFinalizer: `resources-finalizer.argocd.argoproj.io`, and its
 * `/background` and `/foreground` forms; `controller/appcontroller.go` deletes
 * the resources only then); without it the resources are orphaned.
 */
function removedApplication(before: unknown): string {
  const finalizers = fieldAt(before, ["metadata", "finalizers"]);
  const cascades = Array.isArray(finalizers) &&
    finalizers.some((f) => String(f).startsWith("resources-finalizer.argocd.argoproj.io"));
  return cascades
    ? "Application removed: Argo CD prunes it and, by its finalizer, deletes everything it deployed"
    : "Application removed: Argo CD prunes it; what it deployed stays, orphaned (it has no resources finalizer)";
}

/** The risks of a change to an Application: its removal, sync policy, chart, project, destination. */
function applicationRisks(
  change: Omit<EntityChange, "risks" | "unified">,
  touched: (prefix: string) => boolean,
  before: unknown,
  after: unknown,
): string[] {
  const risks: string[] = [];
  if (change.status === "removed") risks.push(removedApplication(before));
  const name = String(fieldAt(after, ["metadata", "name"]) ?? "");
  // The chart's version: `spec.source`, or the first of `spec.sources` (the second is $values).
  const chartBumped = touched("spec.source.targetRevision") ||
    change.fields.some((field) => {
      const index = /^spec\.sources\[(\d+)\]\.targetRevision$/.exec(field.path)?.[1];
      const sources = fieldAt(after, ["spec", "sources"]);
      return index !== undefined && Array.isArray(sources) && sources[Number(index)]?.chart;
    });
  // Automated sync turned off or on: the `automated` object itself removed or added.
  const automated = change.fields.find((field) => field.path === "spec.syncPolicy.automated");
  if (change.status === "changed" && automated?.op === "removed") {
    risks.push(
      "Application automated sync turned off: Argo CD no longer syncs, prunes or self-heals it; every change waits for a person to sync",
    );
  }
  if (change.status === "changed" && automated?.op === "added") {
    risks.push(
      "Application automated sync turned on: Argo CD syncs what is in Git at once, pruning and self-healing as set",
    );
  }
  if (change.status === "changed" && name === "cilium" && chartBumped) {
    risks.push(
      "Cilium chart version: every Cilium agent restarts, node by node (connections through each node are interrupted)",
    );
  }
  for (
    const [path, what] of [
      [
        "spec.project",
        "project changed: the app is checked against another AppProject's allowed sources, destinations and kinds; its syncs can be refused",
      ],
      [
        "spec.destination",
        "destination changed (another namespace or cluster): its resources are created there, and those at the old destination are pruned (or left orphaned without prune)",
      ],
      [
        "spec.syncPolicy.automated.prune",
        "prune changed: with it on, resources removed from Git are deleted; off, they stay in the cluster",
      ],
      [
        "spec.syncPolicy.automated.selfHeal",
        "self-heal changed: with it off, changes made in the cluster are no longer undone",
      ],
      ["metadata.finalizers", "finalizer changed (deletion cascades or not)"],
    ]
  ) {
    if (change.status === "changed" && touched(path)) risks.push(`Application ${what}`);
  }
  return risks;
}

/** The risks of a change to a resource, by its kind. */
function kindRisks(
  change: Omit<EntityChange, "risks" | "unified">,
  kind: string,
  touched: (prefix: string) => boolean,
  before: unknown,
  after: unknown,
): string[] {
  const risks: string[] = [];
  if (kind === "Gateway" && (change.status !== "changed" || touched("spec.addresses"))) {
    risks.push("Gateway address: clients and DNS records point at the old IP");
  }
  if (kind === "Service" && touched("spec.loadBalancerIP")) risks.push("LoadBalancer address");
  if (kind === "CiliumLoadBalancerIPPool") {
    risks.push("LoadBalancer pool: Services may lose or change their IPs");
  }
  if (kind === "CiliumL2AnnouncementPolicy") {
    risks.push("L2 policy: LoadBalancer IPs may stop answering ARP");
  }
  if (kind === "Application") risks.push(...applicationRisks(change, touched, before, after));
  return risks;
}

/** What a change of the Omni cluster template does to a running cluster. */
function templateRisks(
  touched: (prefix: string) => boolean,
  fields: readonly { path: string }[],
): string[] {
  // A machine set's own extensions: `Workers.systemExtensions`, `["Workers/gpu"].systemExtensions`.
  const sets = new Set(
    fields.map((field) => {
      const match = /^(?:\["(Workers\/[^"]+)"\]|(ControlPlane|Workers))\.systemExtensions/.exec(
        field.path,
      );
      return match?.[1] ?? match?.[2];
    }).filter((set): set is string => set !== undefined),
  );
  const setRisks = [...sets].map((set) =>
    `System extensions of machine set ${
      set === "ControlPlane" ? "control-planes" : set.split("/")[1] ?? "workers"
    }: a new installer image; each of its machines is upgraded to it and reboots`
  );
  const risks: [string, string][] = [
    [
      "Cluster.talos.version",
      "Talos version: Omni upgrades every node, one at a time (each one drains and reboots)",
    ],
    [
      "Cluster.kubernetes.version",
      "Kubernetes version: Omni upgrades the control plane, then every kubelet",
    ],
    [
      "Cluster.systemExtensions",
      "System extensions: a new installer image; every node is upgraded to it and reboots",
    ],
  ];
  return [...risks.filter(([path]) => touched(path)).map(([, risk]) => risk), ...setRisks];
}

/** The risks of a change to a file: Cilium's values, a bootstrap manifest, an Omni patch. */
function fileRisks(
  change: Omit<EntityChange, "risks" | "unified">,
  touched: (prefix: string) => boolean,
): string[] {
  const risks: string[] = [];
  if (change.type === "file" && change.app === "cilium" && change.path.endsWith("/values.yaml")) {
    const ciliumRisks: [string, string][] = [
      [
        "kubeProxyReplacement",
        "Cilium kubeProxyReplacement: must change together with Omni's kube-proxy patch",
      ],
      ["k8sServiceHost", "Cilium k8sServiceHost: how every Cilium agent reaches the API server"],
      ["k8sServicePort", "Cilium k8sServicePort: how every Cilium agent reaches the API server"],
    ];
    for (const [key, risk] of ciliumRisks) if (touched(key)) risks.push(risk);
  }
  if (change.type === "resource" && change.path.split("/")[2] === "bootstrap") {
    risks.push(
      "Bootstrap manifest: Omni applies it once, to a new cluster; a running cluster keeps what it has",
    );
  }
  if (change.app === "omni" && change.path.endsWith("/cluster-template.yaml")) {
    risks.push(...templateRisks(touched, change.fields));
  }
  if (change.app === "omni" && change.path.endsWith("/patches/gateway-api-crds.yaml")) {
    risks.push(
      "Gateway API CRDs version: Talos applies the new release's CRDs; the Gateways and routes must be valid under it, and Cilium must support it",
    );
  }
  if (change.app === "omni") {
    for (
      const [file, what] of [
        ["disable-kube-proxy.yaml", "kube-proxy"],
        ["cni.yaml", "CNI"],
      ]
    ) {
      if (change.path.endsWith(`/patches/${file}`)) {
        risks.push(`Omni ${what} patch: applied to every machine`);
      }
    }
    if (change.path.endsWith("/patches/kubeprism.yaml")) {
      risks.push(
        "KubePrism: every kubelet and Cilium agent reaches the API server through it; Omni applies the change to every machine, and Cilium's k8sServicePort moves with it (agents restart)",
      );
    }
  }
  return risks;
}

/** Each cluster's sync order, from its Applications' waves: `cilium(0) -> cilium-lb(1) -> ...`. */
function syncOrders(all: ReadonlyMap<string, Entity>): Map<string, string> {
  const waves = new Map<string, Map<number, string[]>>();
  for (const entity of all.values()) {
    if (entity.type !== "resource" || fieldAt(entity.value, ["kind"]) !== "Application") continue;
    const raw = fieldAt(entity.value, ["metadata", "annotations", SYNC_WAVE]);
    if (raw === undefined) continue;
    const byWave = waves.get(entity.cluster) ?? new Map<number, string[]>();
    const wave = Number(raw);
    byWave.set(wave, [
      ...(byWave.get(wave) ?? []),
      String(fieldAt(entity.value, ["metadata", "name"])),
    ]);
    waves.set(entity.cluster, byWave);
  }
  const out = new Map<string, string>();
  for (const [cluster, byWave] of waves) {
    out.set(
      cluster,
      [...byWave].sort(([a], [b]) => a - b).map(([wave, names]) =>
        `${names.sort().join(", ")} (${wave})`
      ).join(" -> "),
    );
  }
  return out;
}

/**
 * Compares two rendered trees and reports the change.
 *
 * @example
 * ```ts
 * import { diffTrees } from "./diff.ts";
 * import assert from "node:assert/strict";
 * const header = "# Generated by Hydrate from clusters/lab.ts.\n";
 * const gateway = (ip: string) =>
 *   `${header}apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: gw\n  namespace: gateway\nspec:\n  addresses:\n    - value: ${ip}\n`;
 * const report = diffTrees(
 *   new Map([["apps/lab/gateway/gw.yaml", gateway("10.0.0.1")]]),
 *   new Map([["apps/lab/gateway/gw.yaml", gateway("10.0.0.2")]]),
 * );
 * assert.deepEqual(report.summary, [{ cluster: "lab", added: 0, changed: 1, removed: 0, files: 0 }]);
 * assert.equal(report.changes[0].fields[0].path, "spec.addresses[0].value");
 * ```
 */
export function diffTrees(
  base: ReadonlyMap<string, string>,
  head: ReadonlyMap<string, string>,
): DiffReport {
  const [parsedBase, parsedHead] = [documentsOf(base), documentsOf(head)];
  // A file one side could not read as bounded YAML is compared by its bytes, on both sides.
  for (const [tree, parsed] of [[base, parsedBase], [head, parsedHead]] as const) {
    for (const path of [...parsedBase.keys(), ...parsedHead.keys()]) {
      if (tree.has(path) && !parsed.has(path)) {
        parsedBase.delete(path);
        parsedHead.delete(path);
      }
    }
  }
  const before = entities(base, undefined, parsedBase);
  const after = entities(head, undefined, parsedHead);
  const changes: EntityChange[] = [];
  const keys = [...before.keys(), ...[...after.keys()].filter((key) => !before.has(key))];
  for (const key of keys) {
    const left = before.get(key);
    const right = after.get(key);
    const entity = (right ?? left)!;
    const fields = fieldChanges(byDocument(left?.value), byDocument(right?.value));
    if (left && right && fields.length === 0) continue;
    const status = !left ? "added" : !right ? "removed" : "changed";
    const change = {
      cluster: entity.cluster,
      app: entity.app,
      type: entity.type,
      label: entity.label,
      path: entity.path,
      status,
      fields: status === "changed" ? fields : [],
    } as const;
    changes.push({
      ...change,
      unified: unifiedDiff(entity.path, left?.value, right?.value),
      risks: risksOf(change, left?.value, right?.value),
    });
  }
  flagMoves(changes, before, after);
  // A resource's file moved or added whole is told by its resources; every other difference in
  // bytes (a header, a comment, a file Hydrate did not write) is shown as it stands.
  const covered = new Set(changes.map((change) => change.path));
  for (const path of [...parsedBase.keys(), ...parsedHead.keys()]) {
    if (!parsedBase.has(path) || !parsedHead.has(path)) covered.add(path);
  }
  changes.push(...byteChanges(base, head, covered));
  changes.sort((a, b) =>
    a.cluster.localeCompare(b.cluster, "en") || a.app.localeCompare(b.app, "en") ||
    a.label.localeCompare(b.label, "en")
  );
  const clusters = [...new Set(changes.map((change) => change.cluster))].sort();
  return {
    changes,
    summary: summaries(changes, clusters),
    notes: orderNotes(changes, clusters, before, after),
  };
}

/**
 * A resource removed at one namespace and added at another (the same group, kind and name): Argo CD
 * creates it at the new one and prunes or orphans it at the old, so the added one says so.
 */
function flagMoves(
  changes: EntityChange[],
  before: Map<string, Entity>,
  after: Map<string, Entity>,
): void {
  const nameOf = (entity: Entity) => {
    const doc = entity.value as Resource;
    return `${entity.cluster} ${resourceKey(doc, "").replace(" /", " ")}`;
  };
  const removed = new Map<string, Entity>();
  for (const entity of before.values()) {
    if (entity.type === "resource") removed.set(nameOf(entity), entity);
  }
  for (const change of changes) {
    if (change.status !== "added" || change.type !== "resource") continue;
    const added = [...after.values()].find((e) =>
      e.path === change.path && e.label === change.label
    );
    const old = added && removed.get(nameOf(added));
    if (!added || !old || old.namespace === added.namespace) continue;
    const at = (ns?: string) => ns ? `namespace ${ns}` : "no namespace (cluster-scoped)";
    change.risks.push(
      `moves from ${at(old.namespace)} to ${
        at(added.namespace)
      } as Argo CD applies it (a namespace-less object takes its Application's destination): created there, pruned or orphaned at the old place`,
    );
  }
}

/** Whether a path is under the rendered roots (else a folder of this repository a Git app syncs). */
const rendered = (path: string) => /^(apps|omni)\//.test(path);

/** The cluster a file belongs to (the repository itself for the folders Git apps sync). */
const clusterOfPath = (path: string) => rendered(path) ? path.split("/")[1] : "repository";

/** The app a file belongs to: its folder for a file of a Git app's folder. */
const appOfPath = (path: string) =>
  rendered(path) ? appOf(path.split("/")) : path.slice(0, Math.max(0, path.lastIndexOf("/")));

/** What a reviewer should know of a file compared by its bytes. */
function byteRisks(path: string, left?: string, right?: string): string[] {
  if (!rendered(path)) {
    // A cluster file is the render's source, shown so the change can be read beside its output.
    if (/^clusters\/[^/]+\.ts$/.test(path)) return [];
    return [
      "a file of the repository Hydrate did not render: Argo CD reads it wherever an Application, kustomization or values file names it",
    ];
  }
  const generated = isGenerated(left ?? right ?? "") && isGenerated(right ?? left ?? "");
  return generated ? [] : ["a file Hydrate did not render: its bytes are what Argo CD reads"];
}

/**
 * Every file whose bytes differ and that no entity change covers (a header, a comment, a file
 * without Hydrate's header, a non-YAML file): Argo CD reads bytes, so the diff shows them all.
 */
function byteChanges(
  base: ReadonlyMap<string, string>,
  head: ReadonlyMap<string, string>,
  covered: ReadonlySet<string>,
): EntityChange[] {
  const paths = [...new Set([...base.keys(), ...head.keys()])].sort();
  const out: EntityChange[] = [];
  for (const path of paths) {
    const [left, right] = [base.get(path), head.get(path)];
    if (left === right || covered.has(path)) continue;
    const status = left === undefined ? "added" : right === undefined ? "removed" : "changed";

    out.push({
      cluster: clusterOfPath(path),
      app: appOfPath(path),
      type: "file",
      label: path,
      path,
      status,
      fields: [],
      unified: boundedPatch(path, left ?? "", right ?? ""),
      risks: byteRisks(path, left, right),
    });
  }
  return out;
}

/** Per cluster: resources added, changed and removed, and files changed. */
function summaries(changes: EntityChange[], clusters: string[]): ClusterSummary[] {
  return clusters.map((cluster) => {
    const mine = changes.filter((change) => change.cluster === cluster);
    const count = (status: string) =>
      mine.filter((c) => c.type === "resource" && c.status === status).length;
    return {
      cluster,
      added: count("added"),
      changed: count("changed"),
      removed: count("removed"),
      files: mine.filter((change) => change.type === "file").length,
    };
  });
}

/** A note per cluster whose sync waves change: the order before and after. */
function orderNotes(
  changes: EntityChange[],
  clusters: string[],
  before: ReadonlyMap<string, Entity>,
  after: ReadonlyMap<string, Entity>,
): string[] {
  const notes: string[] = [];
  const orderBefore = syncOrders(before);
  const orderAfter = syncOrders(after);
  for (const cluster of clusters) {
    const waveChanged = changes.some((change) =>
      change.cluster === cluster && change.fields.some((field) => field.path.includes(SYNC_WAVE))
    );
    if (waveChanged) {
      notes.push(
        `${cluster}: sync order changes: before ${orderBefore.get(cluster) ?? "(none)"}; after ${
          orderAfter.get(cluster) ?? "(none)"
        }`,
      );
    }
  }
  return notes;
}

/** Whether a change was too large to show line by line, so that a review refuses it. */
export function tooLarge(report: DiffReport): boolean {
  return report.changes.some((change) => change.unified.startsWith(TOO_LARGE));
}

/** Whether a report holds any change. */
export function hasChanges(report: DiffReport): boolean {
  return report.changes.length > 0;
}
