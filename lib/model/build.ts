/**
 * What the build stage makes and every later stage reads: the components of a
 * cluster, the resources and files built for it, the Omni patches and template,
 * and the bootstrap manifests. Types only (and one accessor), so that builders,
 * rules and output share them without importing each other.
 *
 * @module
 */
import type { ApplicationConfig, ClusterConfig } from "./schema.ts";
import type { Resource } from "./resource.ts";

/** A file the renderer plans to write: its path relative to the repository root, and its bytes. */
export interface PlannedFile {
  /** The folder Argo CD reads. */
  path: string;
  /** Its bytes, as text. */
  content: string;
}

/** A built resource and the file it goes to. */
export interface PlacedFile {
  path: string;
  resource: Resource;
}

/** Everything built for one cluster, before it is checked and emitted. */
export interface Build {
  cluster: ClusterConfig;
  components: Component[];
  waves: Map<string, number>;
  /** Every Kubernetes resource (root and component Applications included), with its file. */
  resources: PlacedFile[];
  /**
   * Helm values files: path and values; `chart` and `field` for a further chart of a component
   * (its chart, and the cluster-file field its values come from).
   */
  values: {
    path: string;
    component: string;
    values: Record<string, unknown>;
    chart?: { repoURL: string; chart: string; version: string };
    field?: string;
  }[];
  /** Cluster-wide Omni patches and the per-node ones, by node name. */
  patches: Patch[];
  nodePatches: Map<string, Patch>;
  /** The patches of one machine set only, by its Omni name (`control-planes`, `workers`, ...). */
  setPatches: Map<string, Patch[]>;
  /** The folder the patch files go to, relative to the repository root. */
  patchDir: string;
  templatePath: string;
  template: Record<string, unknown>[];
  /** What Omni applies once to the bare cluster (`omni/<cluster>/bootstrap/`), in order. */
  bootstrap: BootstrapFile[];
  /** The template's `kubernetes.manifests`: the bootstrap files. */
  manifests: OmniManifest[];
  /** What Argo CD syncs from this repository's folders that Git apps name, by file (never emitted). */
  synced?: PlacedFile[];
}

/** Every Kubernetes resource of a build: the tree Argo CD syncs, then the bootstrap files'. */
export function allResources(build: Build): PlacedFile[] {
  return [...build.resources, ...build.bootstrap.flatMap((file) => file.resources)];
}

/**
 * Every resource the rules check: the build's own, and what Argo CD syncs from the
 * folders of this repository its Git apps name (read when the render knows the repository).
 */
export function checkedResources(build: Build): PlacedFile[] {
  return [...allResources(build), ...(build.synced ?? [])];
}

/** Every Talos patch of a build: the cluster's, each machine set's, each node's. */
export function allPatches(build: Build): Patch[] {
  return [
    ...build.patches,
    ...[...build.setPatches.values()].flat(),
    ...build.nodePatches.values(),
  ];
}

/** A YAML file of a build: its path and its documents, in order. */
export interface BuildFile {
  path: string;
  documents: unknown[];
}

/** A resource and the file (in its component's folder) it is written to. */
export interface PlacedResource {
  file: string;
  resource: Resource;
}

/** One component: an Argo CD Application and its folder. */
export interface Component {
  name: string;
  /** The namespace its resources go to. */
  namespace: string;
  /** The components that must be synced and healthy first. */
  dependsOn: string[];
  /** The Argo CD project of its Application. */
  project: string;
  /** The Helm chart, when the component is one; its values are written to `values.yaml`. */
  chart?: { repoURL: string; chart: string; version: string };
  /** The Helm release name, when not the component's name. */
  releaseName?: string;
  values?: Record<string, unknown>;
  /** Further charts its Application installs, each a release of its own with its values. */
  charts?: {
    chart: { repoURL: string; chart: string; version: string };
    releaseName: string;
    values: Record<string, unknown>;
  }[];
  /** Another repository's path Argo CD reads, for a Git app. */
  gitSource?: {
    repoURL: string;
    revision: string;
    path: string;
    kustomize?: Record<string, unknown>;
  };
  /** Plain manifests in the component's folder. */
  resources: PlacedResource[];
  /** Whether deleting its Application may delete its resources (never for the CNI, Argo CD or storage). */
  cascadeDelete: boolean;
  syncOptions?: string[];
  ignoreDifferences?: Record<string, unknown>[];
  namespaceLabels?: Record<string, string>;
  /** The cluster file's Application settings of an app (the sync wave among them). */
  application?: ApplicationConfig;
}

/** One bootstrap file: the objects that install one component's Helm release. */
export interface BootstrapFile {
  /** The manifest's name in the Omni template. */
  name: string;
  /** The component (and Argo CD Application) it installs. */
  component: string;
  path: string;
  /** Its objects, in file order (each with this file's path). */
  resources: PlacedFile[];
}

/** An entry of the Omni Cluster document's `kubernetes.manifests`. */
export interface OmniManifest {
  name: string;
  /** `one-time`: applied once, then left to what adopts it (Argo CD). */
  mode: "one-time" | "full";
  /** Relative to the repository root (the template names it as its Omni version resolves it). */
  file: string;
}

/** A patch: its Omni name, the file it is written to (under `omni/<cluster>/patches/`) and its body. */
export interface Patch {
  name: string;
  file: string;
  body: Record<string, unknown>;
  /** The cluster-file field that states it, when the cluster file does (`omni.workers.patches.x`). */
  field?: string;
}
