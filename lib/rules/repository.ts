/**
 * Rule 32: Argo CD reads the rendered tree from this repository. `git.repoURL`
 * is not the scaffold's placeholder, and a URL a cluster inherits from a shared
 * layer names the repository's own `origin`: a cluster that never stated its
 * repository must not silently sync another one (the layer's authors' own, when
 * the repository was forked or copied). A URL the cluster file states itself is
 * the user's choice (a mirror Argo CD reads, say) and is not compared.
 *
 * @module
 */
import type { ClusterConfig } from "../model/schema.ts";
import { error, type Problem } from "../model/problem.ts";
import { PLACEHOLDER_REPO_URL, type RepositoryContext, repositoryOf } from "../model/repository.ts";
import type { Rule } from "./rule.ts";

function input(cluster: ClusterConfig): Problem[] {
  if (repositoryOf(cluster.git.repoURL) !== repositoryOf(PLACEHOLDER_REPO_URL)) return [];
  return [
    error(
      "git.repoURL",
      `${cluster.git.repoURL} is the scaffold's placeholder: state the Git repository Argo CD reads apps/${cluster.name}/ from (this repository, as Argo CD reaches it)`,
    ),
  ];
}

function repository(cluster: ClusterConfig, context: RepositoryContext): Problem[] {
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
    "`git.repoURL` is not the scaffold's placeholder, and one inherited from a shared layer names the repository's `origin` remote",
  prevents:
    "Argo CD syncs another repository's tree (a forked or copied repository still naming its authors' URL), or none at all",
  severity: "error",
  upstream:
    "argoproj/argo-cd v3.2.0 util/git/git.go (NormalizeGitURL: repositories compared lowercased, without .git)",
  input,
  repository,
};
