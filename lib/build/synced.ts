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
 *   getPotentiallyValidManifests: no recursion unless `directory.recurse`).
 *
 * @module
 */
import { loadAll } from "js-yaml";
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

/** The resources of one manifest file, in `namespace` when they state none. */
function readFile(path: string, namespace: string | undefined, reader: Reader): void {
  const text = reader.context.file(path);
  if (text === undefined) {
    reader.problems.push(
      error(
        path,
        "is listed by a kustomization but is no file of this repository: kustomize build fails",
      ),
    );
    return;
  }
  let docs: unknown[];
  try {
    docs = loadAll(text);
  } catch (cause) {
    reader.problems.push(
      error(path, `is not valid YAML: ${(cause as Error).message.split("\n")[0]}`),
    );
    return;
  }
  docs.forEach((doc, i) => {
    if (doc === null || doc === undefined) return;
    const object = doc as Partial<Resource>;
    if (
      typeof object.apiVersion !== "string" || typeof object.kind !== "string" ||
      typeof object.metadata?.name !== "string"
    ) {
      reader.problems.push(
        error(
          path,
          `document ${
            i + 1
          } is not a Kubernetes resource (apiVersion, kind and metadata.name): Argo CD refuses to sync it`,
        ),
      );
      return;
    }
    const metadata = { ...object.metadata, namespace: object.metadata.namespace ?? namespace };
    if (metadata.namespace === undefined) delete metadata.namespace;
    reader.files.push({ path, resource: { ...object, metadata } as Resource });
  });
}

/** The resources a kustomization at `folder` lists, and those of the folders it lists. */
function readKustomization(
  folder: string,
  file: string,
  namespace: string | undefined,
  reader: Reader,
): void {
  if (reader.seen.has(folder)) return;
  reader.seen.add(folder);
  let doc: { namespace?: unknown; resources?: unknown; components?: unknown } | null;
  try {
    doc = loadAll(reader.context.file(`${folder}/${file}`) ?? "")[0] as typeof doc;
  } catch (cause) {
    reader.problems.push(
      error(`${folder}/${file}`, `is not valid YAML: ${(cause as Error).message.split("\n")[0]}`),
    );
    return;
  }
  const here = typeof doc?.namespace === "string" ? doc.namespace : namespace;
  const refs = [doc?.resources, doc?.components].flatMap((list) => Array.isArray(list) ? list : []);
  for (const ref of refs) {
    if (typeof ref !== "string" || ref.includes("://") || ref.startsWith("github.com/")) continue;
    const path = normalizePath(`${folder}/${ref}`);
    if (path === undefined) continue;
    const names = reader.context.folder(path);
    if (names === undefined) readFile(path, here, reader);
    else readFolder(path, here, reader);
  }
}

/** A folder's resources: through its kustomization, or each manifest file in it. */
function readFolder(folder: string, namespace: string | undefined, reader: Reader): void {
  const names = reader.context.folder(folder) ?? [];
  const kustomization = KUSTOMIZATIONS.find((name) => names.includes(name));
  if (kustomization !== undefined) {
    return readKustomization(folder, kustomization, namespace, reader);
  }
  for (const name of names.filter((n) => MANIFEST.test(n)).sort()) {
    if (reader.context.folder(`${folder}/${name}`) === undefined) {
      readFile(`${folder}/${name}`, namespace, reader);
    }
  }
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
    readFolder(
      normalizePath(app.path) ?? app.path,
      app.kustomize?.namespace ?? app.namespace,
      reader,
    );
  }
  return reader;
}
