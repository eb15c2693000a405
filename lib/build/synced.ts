/**
 * What Argo CD syncs from the folders of this repository that Git apps name: the
 * resources of each folder, read as Argo CD's repo server would find them, so
 * that the rules check them like the rendered ones (their schemas and CRDs,
 * secrets committed in the clear, two resources of one identity). Never emitted.
 *
 * - A folder with a kustomization: the files and folders its `resources` and
 *   `components` list (local ones; each listed folder by its own kustomization),
 *   in its `namespace`. Patches, generators and `helmCharts` make resources
 *   kustomize computes, which are not read.
 * - A plain folder: each `.yaml`, `.yml` and `.json` file in it, not in its
 *   subfolders (argo-cd v3.2.0 reposerver/repository/repository.go,
 *   getPotentiallyValidManifests: no recursion unless `directory.recurse`); a
 *   file that neither holds nor looks like a manifest is skipped, as Argo CD does.
 *
 * @module
 */
import { loadAllBounded } from "../model/bounded_yaml.ts";
import type { ClusterConfig } from "../model/schema.ts";
import type { PlacedFile } from "../model/build.ts";
import type { Resource } from "../model/resource.ts";
import { type RepositoryContext, repositoryOf } from "../model/repository.ts";
import { error, type Problem } from "../model/problem.ts";

/** Argo CD v3.2.0 util/kustomize/kustomize.go (KustomizationNames): what makes a kustomize folder. */
export const KUSTOMIZATIONS = ["kustomization.yaml", "kustomization.yml", "Kustomization"];
const MANIFEST = /\.(ya?ml|json)$/;

interface Reader {
  context: RepositoryContext;
  files: PlacedFile[];
  problems: Problem[];
  seen: Set<string>;
}

/** A repository path without `.` and `..` segments; `undefined` when it leaves the repository. */
export function normalizePath(path: string): string | undefined {
  const out: string[] = [];
  for (const part of path.split("/")) {
    if (part === "..") {
      if (out.pop() === undefined) return undefined;
    } else if (part !== "." && part !== "") out.push(part);
  }
  return out.join("/");
}

/**
 * Where a folder's resources land: `forced` by a kustomization on the way (its namespace
 * transformer overrides a resource's own, an outer one an inner one's), else a resource's own,
 * else `fallback` (the app's destination).
 */
interface Namespaces {
  forced?: string;
  fallback?: string;
}

/** Whether a file that holds no resource looks like one (argo-cd v3.2.0 getObjsFromYAMLOrJSON). */
const looksLikeResource = (text: string) =>
  text.includes("apiVersion:") && text.includes("kind:") && text.includes("metadata:");

const isResource = (doc: unknown) => {
  const object = doc as Partial<Resource> | null;
  return typeof object?.apiVersion === "string" && typeof object.kind === "string" &&
    typeof object.metadata?.name === "string";
};

/** The YAML documents of a file, or `undefined` (said) when it is none or does not parse. */
function documentsOf(path: string, reader: Reader): { text: string; docs: unknown[] } | undefined {
  const text = reader.context.file(path);
  if (text === undefined) {
    reader.problems.push(
      error(
        path,
        "is listed by a kustomization but is no file of this repository: kustomize build fails",
      ),
    );
    return undefined;
  }
  const docs = loadAllBounded(text);
  if (typeof docs === "string") {
    const why = docs.startsWith("not YAML: ")
      ? `is not valid YAML: ${docs.slice(10)}`
      : `holds ${docs}`;
    reader.problems.push(error(path, why));
    return undefined;
  }
  return { text, docs };
}

/**
 * The resources of one manifest file. A plain folder's file that neither holds nor looks like a
 * manifest is skipped, as Argo CD skips it (argo-cd v3.2.0 reposerver/repository/repository.go,
 * getObjsFromYAMLOrJSON); one a kustomization lists must be resources.
 */
function readFile(path: string, ns: Namespaces, reader: Reader, listed: boolean): void {
  const found = documentsOf(path, reader);
  if (found === undefined) return;
  if (!listed && !found.docs.some(isResource) && !looksLikeResource(found.text)) return;
  found.docs.forEach((doc, i) => {
    if (!isResource(doc)) {
      const who = listed ? "kustomize build fails" : "Argo CD refuses to sync it";
      reader.problems.push(
        error(
          path,
          `document ${
            i + 1
          } is not a Kubernetes resource (apiVersion, kind and metadata.name): ${who}`,
        ),
      );
      return;
    }
    const object = doc as Resource;
    const namespace = ns.forced ?? object.metadata.namespace ?? ns.fallback;
    const metadata = { ...object.metadata, namespace };
    if (namespace === undefined) delete metadata.namespace;
    reader.files.push({ path, resource: { ...object, metadata } });
  });
}

/** The resources a kustomization at `folder` lists, and those of the folders it lists. */
function readKustomization(folder: string, file: string, ns: Namespaces, reader: Reader): void {
  if (reader.seen.has(folder)) return;
  reader.seen.add(folder);
  const found = documentsOf(`${folder}/${file}`, reader);
  if (found === undefined) return;
  const doc = found.docs[0] as
    | { namespace?: unknown; resources?: unknown; components?: unknown }
    | undefined;
  const own = typeof doc?.namespace === "string" ? doc.namespace : undefined;
  const here = { ...ns, forced: ns.forced ?? own };
  const refs = [doc?.resources, doc?.components].flatMap((list) => Array.isArray(list) ? list : []);
  for (const ref of refs) {
    if (typeof ref !== "string" || ref.includes("://") || ref.startsWith("github.com/")) continue;
    const path = normalizePath(`${folder}/${ref}`);
    if (path === undefined) continue;
    if (reader.context.folder(path) === undefined) readFile(path, here, reader, true);
    else readFolder(path, here, reader);
  }
}

/** A folder's resources: through its kustomization, or each manifest file in it. */
function readFolder(folder: string, ns: Namespaces, reader: Reader): void {
  const names = reader.context.folder(folder) ?? [];
  const kustomization = KUSTOMIZATIONS.find((name) => names.includes(name));
  if (kustomization !== undefined) return readKustomization(folder, kustomization, ns, reader);
  for (const name of names.filter((n) => MANIFEST.test(n)).sort()) {
    if (reader.context.folder(`${folder}/${name}`) === undefined) {
      readFile(`${folder}/${name}`, ns, reader, false);
    }
  }
}

/** The first kustomization of this repository the one at `path` builds that lists `helmCharts`. */
export function inflatingKustomization(
  path: string,
  context: RepositoryContext,
  seen: Set<string> = new Set(),
): string | { path: string; message: string } | undefined {
  if (seen.has(path) || seen.size > 64) return undefined;
  seen.add(path);
  const docs = loadAllBounded(context.file(path) ?? "");
  if (typeof docs === "string") return { path, message: docs };
  const doc = (docs[0] ?? null) as Record<string, unknown> | null;
  if (Array.isArray(doc?.helmCharts) && doc.helmCharts.length > 0) return path;
  const folder = path.slice(0, path.lastIndexOf("/"));
  const refs = [doc?.resources, doc?.components].flatMap((list) => Array.isArray(list) ? list : []);
  for (const ref of refs) {
    if (typeof ref !== "string" || ref.includes("://")) continue;
    const dir = normalizePath(`${folder}/${ref}`);
    if (dir === undefined) continue;
    const file = KUSTOMIZATIONS.find((name) => context.folder(dir)?.includes(name));
    const found = file === undefined
      ? undefined
      : inflatingKustomization(`${dir}/${file}`, context, seen);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The resources Argo CD syncs from the folders of this repository the cluster's
 * Git apps name, with the problems of reading them.
 */
export function syncedResources(
  cluster: ClusterConfig,
  context: RepositoryContext,
): { files: PlacedFile[]; problems: Problem[] } {
  const reader: Reader = { context, files: [], problems: [], seen: new Set() };
  const own = repositoryOf(cluster.git.repoURL);
  for (const app of Object.values(cluster.apps)) {
    if (app.kind !== "git") continue;
    if (app.repoURL !== undefined && repositoryOf(app.repoURL) !== own) continue;
    if (context.folder(app.path) === undefined) continue; // rule 32 says so
    // Each app builds its bases itself: two overlays of one base in one namespace do collide.
    reader.seen = new Set();
    const ns = { forced: app.kustomize?.namespace, fallback: app.namespace };
    readFolder(normalizePath(app.path) ?? app.path, ns, reader);
  }
  return reader;
}
