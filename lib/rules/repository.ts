/**
 * Rule 32: Argo CD reads the rendered tree from this repository. `git.repoURL`
 * is not the scaffold's placeholder, and a URL a cluster inherits from a shared
 * layer names the repository's own `origin`: a cluster that never stated its
 * repository must not silently sync another one (the layer's authors' own, when
 * the repository was forked or copied). A URL the cluster file states itself is
 * the user's choice (a mirror Argo CD reads, say) and is not compared. A Git app
 * of this repository reads a folder that exists, and its kustomization's Helm
 * charts are inflated only with `--enable-helm`, which the app must state.
 *
 * @module
 */
import type { ClusterConfig } from "../model/schema.ts";
import { error, type Problem } from "../model/problem.ts";
import { PLACEHOLDER_REPO_URL, type RepositoryContext, repositoryOf } from "../model/repository.ts";
import type { Rule } from "./rule.ts";
import { inflatingKustomization, KUSTOMIZATIONS } from "../build/synced.ts";

function input(cluster: ClusterConfig): Problem[] {
  if (repositoryOf(cluster.git.repoURL) !== repositoryOf(PLACEHOLDER_REPO_URL)) return [];
  return [
    error(
      "git.repoURL",
      `${cluster.git.repoURL} is the scaffold's placeholder: state the Git repository Argo CD reads apps/${cluster.name}/ from (this repository, as Argo CD reaches it)`,
    ),
  ];
}

/**
 * A Git app of this repository reads a folder that exists; with kustomize options, a folder
 * Argo CD renders with kustomize (it holds a kustomization), or the options do nothing.
 */
function localFolders(cluster: ClusterConfig, context: RepositoryContext): Problem[] {
  const own = repositoryOf(cluster.git.repoURL);
  return Object.entries(cluster.apps).flatMap(([name, app]) => {
    if (app.kind !== "git") return [];
    if (app.repoURL !== undefined && repositoryOf(app.repoURL) !== own) return [];
    const names = context.folder(app.path);
    if (names === undefined) {
      return [
        error(
          `apps.${name}.path`,
          `${app.path} is not a folder of this repository: Argo CD would find nothing to sync there`,
        ),
      ];
    }
    const kustomization = KUSTOMIZATIONS.find((file) => names.includes(file));
    if (app.kustomize && kustomization === undefined) {
      return [
        error(
          `apps.${name}.kustomize`,
          `${app.path} holds no ${
            KUSTOMIZATIONS.join(", ")
          }: Argo CD renders it as plain manifests and ignores kustomize options`,
        ),
      ];
    }
    if (kustomization === undefined) return [];
    return helmCharts(name, app, `${app.path}/${kustomization}`, context);
  });
}

/**
 * A kustomization that inflates Helm charts (itself, or a local base or component it
 * builds) needs `--enable-helm`, which the app states (`kustomize.enableHelm`) so that
 * Argo CD's argocd-cm gets it; without it kustomize fails ("must specify --enable-helm",
 * its HelmChartInflationGenerator) and Argo CD syncs nothing.
 */
function helmCharts(
  name: string,
  app: Extract<ClusterConfig["apps"][string], { kind: "git" }>,
  path: string,
  context: RepositoryContext,
): Problem[] {
  const found = inflatingKustomization(path, context);
  if (typeof found === "object") {
    return [error(`apps.${name}.path`, `${found.path} is not valid YAML: ${found.message}`)];
  }
  if (found === undefined || app.kustomize?.enableHelm === true) return [];
  return [
    error(
      `apps.${name}.kustomize.enableHelm`,
      `${found} inflates Helm charts (helmCharts), which kustomize does only with --enable-helm: state kustomize: { enableHelm: true } so that Argo CD builds with it`,
    ),
  ];
}

function repository(cluster: ClusterConfig, context: RepositoryContext): Problem[] {
  return [...localFolders(cluster, context), ...inheritedRepository(cluster, context)];
}

/** A repository URL inherited from a layer names this repository's origin remote. */
function inheritedRepository(cluster: ClusterConfig, context: RepositoryContext): Problem[] {
  if (context.origin === undefined) return [];
  const origin = repositoryOf(context.origin);
  const stated = repositoryOf(cluster.git.repoURL);
  const layer = context.inherited("git.repoURL");
  if (!origin || !layer || stated === origin) return [];
  return [
    error(
      "git.repoURL",
      `${cluster.git.repoURL} is not this repository (its origin is ${context.origin}): Argo CD would sync apps/${cluster.name}/ from another repository than the one this render writes; state this repository's URL in ${layer} (or, for Argo CD to read another repository such as a mirror, that URL in the cluster file)`,
    ),
  ];
}

/** Rule 32. */
export const rule: Rule = {
  id: "repository",
  number: 32,
  statement:
    "`git.repoURL` is not the scaffold's placeholder, and one inherited from a shared layer names the repository's `origin` remote; a Git app of this repository reads a folder it has, with a kustomization when it states kustomize options, and states `kustomize.enableHelm` when that kustomization (or a local base or component of it) inflates `helmCharts`; what such a folder syncs (each file its kustomization lists, or each manifest of a plain folder) exists and is Kubernetes resources, which rules 23, 24, 27, 30, 34 and 35 check like the rendered ones",
  prevents:
    "Argo CD syncs another repository's tree (a forked or copied repository still naming its authors' URL), or none at all",
  severity: "error",
  upstream:
    "argoproj/argo-cd v3.2.0 util/git/git.go (NormalizeGitURL: repositories compared lowercased, without .git), util/kustomize/kustomize.go (KustomizationNames)",
  input,
  repository,
};
