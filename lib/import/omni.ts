/**
 * The Omni cluster template of the source repository, and its patches, as
 * cluster-file facts: versions, labels, machine sets with their classes,
 * extensions and patches, nodes, and the facts Hydrate derives its own patches
 * from (KubePrism, the pod and service subnets, the Gateway API CRDs release),
 * which are not carried as patches. The template's documents are those
 * omni v1.10.4 client/pkg/template reads: `Cluster`, `ControlPlane`, `Workers`,
 * `Machine`; a patch is `file:` (relative to the template) or `inline:`.
 *
 * @module
 */
import type { NodeInput } from "../model/input.ts";
import { formatIPv4, parseIPv4 } from "../model/net.ts";
import {
  at,
  type Finding,
  objectOf,
  parseMapping,
  type SourceDoc,
  type SourceTree,
} from "./source.ts";

type Json = Record<string, unknown>;

/** A machine set as the cluster file states it. */
export interface SetImport {
  machineClass?: string;
  systemExtensions?: string[];
  patches?: Record<string, Json>;
}

/** What the template says. */
export interface OmniImport {
  file: string;
  name: string;
  talosVersion?: string;
  kubernetesVersion?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  controlPlane: SetImport;
  workers: SetImport;
  workerSets: Record<string, SetImport>;
  patches: Record<string, Json>;
  nodes: NodeInput[];
  /** The files the template and its patches were read from. */
  read: Set<string>;
  network: {
    nodes?: string;
    gateway?: string;
    nameservers?: string[];
    pods?: string;
    services?: string;
  };
  kubePrism?: { enabled?: boolean; port?: number };
  gatewayCrdsVersion?: string;
  findings: Finding[];
}

/** The patch's body: its file's (relative to the template) or its inline document. */
function patchBody(patch: Json, file: string, tree: SourceTree, read?: Set<string>): Json | string {
  const inline = objectOf(patch.inline);
  if (inline) return inline;
  if (typeof patch.file !== "string") return "has neither file nor inline";
  const dir = file.includes("/") ? file.slice(0, file.lastIndexOf("/")) : "";
  const path = [dir, patch.file].filter(Boolean).join("/").replace(/^\.\//, "");
  const text = tree.files.get(path);
  if (text === undefined) return `names ${path}, which the repository does not hold`;
  read?.add(path);
  const findings: Finding[] = [];
  const body = parseMapping(text, path, findings);
  return findings.length > 0 ? `${path}: ${findings.map((f) => f.what).join("; ")}` : body ?? {};
}

/** Removes the value at a key path, and the objects it leaves empty; the value removed. */
function take(body: Json, path: string[]): unknown {
  const [key, ...rest] = path;
  const child = body[key];
  if (rest.length === 0) {
    delete body[key];
    return child;
  }
  const object = objectOf(child);
  if (!object) return undefined;
  const value = take(object, rest);
  if (Object.keys(object).length === 0) delete body[key];
  return value;
}

/** Hydrate derives these patch fields from facts; the facts are taken, the fields dropped. */
function takeDerived(body: Json, facts: OmniImport): void {
  take(body, ["cluster", "proxy", "disabled"]);
  if (at(body, "cluster", "network", "cni", "name") === "none") {
    take(body, ["cluster", "network", "cni"]);
  }
  const prism = objectOf(take(body, ["machine", "features", "kubePrism"]));
  if (prism) facts.kubePrism = { enabled: prism.enabled as boolean, port: prism.port as number };
  // One subnet each is a fact; a dual-stack list stays in the patch.
  for (const [key, fact] of [["podSubnets", "pods"], ["serviceSubnets", "services"]] as const) {
    const list = at(body, "cluster", "network", key);
    if (Array.isArray(list) && list.length === 1) {
      take(body, ["cluster", "network", key]);
      facts.network[fact] = String(list[0]);
    }
  }
  const manifests = at(body, "cluster", "extraManifests");
  if (Array.isArray(manifests)) {
    const crds = manifests.map((url) =>
      String(url).match(/gateway-api\/releases\/download\/(v[0-9.]+)\/standard-install\.yaml$/)
    );
    if (crds.length === 1 && crds[0]) {
      facts.gatewayCrdsVersion = crds[0][1];
      take(body, ["cluster", "extraManifests"]);
    }
  }
}

/** A document's patches, Hydrate's derived fields taken out; what is left, by name. */
function patchesOf(
  doc: Json,
  file: string,
  tree: SourceTree,
  facts: OmniImport,
): Record<string, Json> {
  const out: Record<string, Json> = {};
  const list = Array.isArray(doc.patches) ? doc.patches : [];
  list.forEach((entry, i) => {
    const patch = objectOf(entry) ?? {};
    const name = String(patch.name ?? patch.idOverride ?? `patch-${i + 1}`).replace(/^\d+-/, "");
    const body = patchBody(patch, file, tree, facts.read);
    if (typeof body === "string") {
      facts.findings.push({ where: `${file} (patch ${name})`, what: `not carried: it ${body}` });
      return;
    }
    const copy = structuredClone(body);
    takeDerived(copy, facts);
    if (Object.keys(copy).length > 0) out[name] = copy;
  });
  return out;
}

const SET_KEYS = ["kind", "name", "machines", "machineClass", "systemExtensions", "patches"];
const CLUSTER_KEYS = ["kind", "name", "labels", "annotations", "kubernetes", "talos", "patches"];

/** Says which fields of a template document the import does not carry. */
function unknownKeys(doc: Json, known: string[], file: string, facts: OmniImport): void {
  const extra = Object.keys(doc).filter((key) => !known.includes(key));
  if (extra.length > 0) {
    facts.findings.push({
      where: `${file} (${doc.kind}${doc.name ? ` ${doc.name}` : ""})`,
      what: `${extra.join(", ")} not carried`,
    });
  }
}

/** A machine set's class, extensions and patches; its machine IDs or size. */
function setOf(doc: Json, file: string, tree: SourceTree, facts: OmniImport) {
  const set: SetImport = {};
  const machineClass = objectOf(doc.machineClass);
  if (typeof machineClass?.name === "string") set.machineClass = machineClass.name;
  if (Array.isArray(doc.systemExtensions)) set.systemExtensions = doc.systemExtensions.map(String);
  const patches = patchesOf(doc, file, tree, facts);
  if (Object.keys(patches).length > 0) set.patches = patches;
  const machines = Array.isArray(doc.machines) ? doc.machines.map(String) : [];
  const size = typeof machineClass?.size === "number" ? machineClass.size : 0;
  if (machineClass !== undefined && typeof machineClass.size !== "number") {
    facts.findings.push({
      where: `${file} (${doc.kind}${doc.name ? ` ${doc.name}` : ""})`,
      what: `machine class size ${
        JSON.stringify(machineClass.size)
      } not carried: Hydrate sizes a set by its nodes`,
    });
  }
  unknownKeys(doc, SET_KEYS, file, facts);
  return { set, machines, size };
}

/** A node from its Machine document's patches: hostname, address or DHCP, router, nameservers. */
function machineNode(
  id: string,
  fallback: string,
  machine: Json | undefined,
  tree: SourceTree,
  facts: OmniImport,
): NodeInput {
  const node: NodeInput = { name: fallback, role: "worker", machineId: id, dhcp: true };
  for (const entry of Array.isArray(machine?.patches) ? machine.patches : []) {
    const found = patchBody(objectOf(entry) ?? {}, facts.file, tree, facts.read);
    const where = `${facts.file} (Machine ${id})`;
    if (typeof found === "string") {
      facts.findings.push({ where, what: `a patch not carried: it ${found}` });
      continue;
    }
    const body = structuredClone(found);
    const network = objectOf(at(body, "machine", "network"));
    if (typeof network?.hostname === "string") node.name = network.hostname;
    if (Array.isArray(network?.nameservers)) facts.network.nameservers ??= network.nameservers;
    const interfaces = (at(network, "interfaces") as unknown[] | undefined) ?? [];
    const link = objectOf(interfaces[0]);
    const address = (link?.addresses as string[] | undefined)?.[0];
    leftOver(body, interfaces.length, where, facts);
    // Talos configures an interface with addresses statically unless it says `dhcp: true`.
    if (link?.dhcp !== true && address) {
      node.ip = address.split("/")[0];
      delete node.dhcp;
      facts.network.nodes ??= networkOf(address);
      const route = objectOf((link?.routes as unknown[] | undefined)?.[0]);
      if (typeof route?.gateway === "string") facts.network.gateway ??= route.gateway;
    }
  }
  return node;
}

/** What a Machine's patch holds besides its hostname, nameservers and one interface's address. */
function leftOver(body: Json, interfaces: number, where: string, facts: OmniImport): void {
  take(body, ["machine", "network", "hostname"]);
  take(body, ["machine", "network", "nameservers"]);
  const link = objectOf(
    (at(body, "machine", "network", "interfaces") as unknown[] | undefined)?.[0],
  );
  const known = ["deviceSelector", "interface", "dhcp", "addresses", "routes"];
  if (interfaces === 1 && Object.keys(link ?? {}).every((key) => known.includes(key))) {
    take(body, ["machine", "network", "interfaces"]);
  }
  if (Object.keys(body).length > 0) {
    facts.findings.push({
      where,
      what: `${
        JSON.stringify(body)
      } not carried: a node's patch sets its hostname and its one interface's address only`,
    });
  }
}

/** The network an address with a prefix length lies in (`192.168.50.11/24` -> `192.168.50.0/24`). */
function networkOf(address: string): string | undefined {
  const [ip, prefix] = address.split("/");
  const value = parseIPv4(ip);
  if (value === undefined || !/^\d+$/.test(prefix ?? "") || Number(prefix) > 32) return undefined;
  const size = 2 ** (32 - Number(prefix));
  return `${formatIPv4(value - (value % size))}/${prefix}`;
}

/** The machine sets' nodes: pinned machines from their Machine documents, the rest by class size. */
function setNodes(
  role: "controlplane" | "worker",
  setName: string | undefined,
  found: { machines: string[]; size: number },
  machines: Map<string, Json>,
  tree: SourceTree,
  facts: OmniImport,
): NodeInput[] {
  const prefix = `${facts.name}-${role === "controlplane" ? "cp" : setName ?? "worker"}`;
  const nodes = found.machines.map((id, i) =>
    machineNode(id, `${prefix}-${i + 1}`, machines.get(id), tree, facts)
  );
  for (let i = nodes.length; i < found.size; i++) {
    nodes.push({ name: `${prefix}-${i + 1}`, role, dhcp: true });
  }
  return nodes.map((node) => ({
    ...node,
    role,
    ...(setName && role === "worker" ? { set: setName } : {}),
  }));
}

/** The Omni template of the repository, or `undefined` when it holds none. */
export function importOmni(docs: readonly SourceDoc[], tree: SourceTree): OmniImport | undefined {
  const cluster = docs.find(({ doc }) => doc.kind === "Cluster" && doc.apiVersion === undefined);
  if (!cluster) return undefined;
  const file = cluster.file;
  const own = docs.filter((d) => d.file === file).map((d) => d.doc);
  const facts: OmniImport = {
    file,
    name: String(cluster.doc.name),
    talosVersion: at(cluster.doc, "talos", "version") as string | undefined,
    kubernetesVersion: at(cluster.doc, "kubernetes", "version") as string | undefined,
    labels: objectOf(cluster.doc.labels) as Record<string, string> | undefined,
    annotations: objectOf(cluster.doc.annotations) as Record<string, string> | undefined,
    controlPlane: {},
    workers: {},
    workerSets: {},
    patches: {},
    nodes: [],
    read: new Set([file]),
    network: {},
    findings: [],
  };
  facts.patches = patchesOf(cluster.doc, file, tree, facts);
  unknownKeys(cluster.doc, CLUSTER_KEYS, file, facts);
  for (const doc of own.filter((d) => d.kind === "Machine")) {
    unknownKeys(doc, ["kind", "name", "patches"], file, facts);
  }
  const machines = new Map(own.filter((d) => d.kind === "Machine").map((d) => [String(d.name), d]));
  for (const doc of own) {
    if (doc.kind !== "ControlPlane" && doc.kind !== "Workers") continue;
    const found = setOf(doc, file, tree, facts);
    const name = doc.kind === "Workers" ? String(doc.name ?? "workers") : undefined;
    if (doc.kind === "ControlPlane") facts.controlPlane = found.set;
    else if (name === "workers") facts.workers = found.set;
    else facts.workerSets[name!] = found.set;
    const role = doc.kind === "ControlPlane" ? "controlplane" : "worker";
    facts.nodes.push(
      ...setNodes(role, name === "workers" ? undefined : name, found, machines, tree, facts),
    );
  }
  return facts;
}
