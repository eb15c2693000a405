/**
 * What Argo CD's repo server does with a file of a folder it syncs, read in
 * argo-cd v3.2.0, so that a file Hydrate did not write is reported with the
 * reason it matters. Every file counts: besides the names below, a Jsonnet file
 * may `import` or `importstr` any file of the repository, and a
 * config-management plugin's discovery may match any name (both are set up
 * outside the folder, where a reviewer of the rendered tree cannot see them).
 *
 * @module
 */

/** A file name and what Argo CD v3.2.0 does with it, in the order it decides. */
const RULES: readonly { test: (name: string) => boolean; use: string }[] = [
  {
    // reposerver/repository/repository.go: repoSourceFile, appSourceFile (mergeSourceParameters).
    test: (name) => /^\.argocd-source(-.+)?\.yaml$/.test(name),
    use: "a parameter override that Argo CD merges into the Application's source " +
      "(argo-cd v3.2.0 reposerver/repository/repository.go, .argocd-source.yaml)",
  },
  {
    // util/kustomize/kustomize.go: KustomizationNames, compared by the whole name.
    test: (name) => ["kustomization.yaml", "kustomization.yml", "Kustomization"].includes(name),
    use: "a kustomization: the folder becomes a kustomize app that can pull remote bases and " +
      "patch every other file (argo-cd v3.2.0 util/kustomize/kustomize.go, KustomizationNames)",
  },
  {
    // util/app/discovery/discovery.go: Discover, strings.HasSuffix(base, "Chart.yaml").
    test: (name) => name.endsWith("Chart.yaml"),
    use: "a Helm chart marker: the folder becomes a Helm app " +
      "(argo-cd v3.2.0 util/app/discovery/discovery.go, a name ending in Chart.yaml)",
  },
  {
    // reposerver/repository/repository.go: manifestFile `^.*\.(yaml|yml|json|jsonnet)$`.
    test: (name) => /\.(yaml|yml|json|jsonnet)$/.test(name),
    use: "a manifest Argo CD applies (argo-cd v3.2.0 reposerver/repository/repository.go, " +
      "manifestFile)",
  },
];

/** What nothing above names: Jsonnet imports and plugin discovery may still read it. */
const ANY_FILE = "a file Argo CD may read: a Jsonnet import or a config-management plugin's " +
  "discovery can match any file (argo-cd v3.2.0 reposerver/repository/repository.go " +
  "makeJsonnetVM; util/app/discovery/discovery.go DetectConfigManagementPlugin)";

/**
 * What Argo CD v3.2.0 does with a file, by its path, in a folder it syncs.
 *
 * @example
 * ```ts
 * import { argocdUse } from "./argocd_reads.ts";
 * import assert from "node:assert/strict";
 * assert.match(argocdUse("apps/lab/Kustomization"), /kustomization/);
 * assert.match(argocdUse("apps/lab/zz.hydrate-x.yaml"), /manifest/);
 * assert.match(argocdUse("apps/lab/notes.txt"), /Jsonnet import/);
 * ```
 */
export function argocdUse(path: string): string {
  const name = path.slice(path.lastIndexOf("/") + 1);
  return RULES.find((rule) => rule.test(name))?.use ?? ANY_FILE;
}
