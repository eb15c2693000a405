/**
 * The repository a render writes into, as the rules see it: the URL its `origin`
 * remote names (the tasks read it from `.git/config`), and the Git URL forms that
 * name one repository. Also the placeholders `deno task new-cluster` writes for
 * the facts only the user knows.
 *
 * @module
 */

/** The repository URL a scaffolded cluster file states until the user states theirs. */
export const PLACEHOLDER_REPO_URL = "https://github.com/YOUR-ORG/YOUR-REPO.git";

/** The ACME contact a scaffolded cluster file states until the user states theirs. */
export const PLACEHOLDER_EMAIL = "you@example.com";

/** What a render knows of the repository it writes into. */
export interface RepositoryContext {
  /** The URL of the repository's `origin` remote, when it has one. */
  origin?: string;
  /** The shared layer that states the value at a field path, when the cluster inherits it. */
  inherited(path: string): string | undefined;
  /** The names in a folder of the repository (relative to its root), or `undefined` without one. */
  folder(path: string): string[] | undefined;
  /** The text of a file of the repository (relative to its root), or `undefined` without one. */
  file(path: string): string | undefined;
}

/**
 * The host and path a Git URL names, lowercased, without `.git` or a trailing
 * slash, so the https, ssh and scp-like (`git@host:org/repo`) forms of one
 * repository compare equal; `undefined` for a local path or anything that is not
 * a network URL. Argo CD compares repositories the same way, lowercased and
 * without `.git` (argo-cd v3.2.0 util/git/git.go, NormalizeGitURL), but keeps the
 * scheme: this asks "the same repository?", not "the same credentials?".
 *
 * @example
 * ```ts
 * import { repositoryOf } from "./repository.ts";
 * import assert from "node:assert/strict";
 * assert.equal(repositoryOf("git@github.com:Me/Infra.git"), "github.com/me/infra");
 * assert.equal(repositoryOf("https://github.com/me/infra/"), "github.com/me/infra");
 * assert.equal(repositoryOf("/srv/git/infra"), undefined);
 * ```
 */
export function repositoryOf(url: string): string | undefined {
  let text = url.trim().toLowerCase();
  const scp = /^[a-z0-9._-]+@([a-z0-9.-]+):(?!\/\/)(.+)$/.exec(text);
  if (scp) text = `ssh://${scp[1]}/${scp[2]}`;
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return undefined;
  }
  if (!["https:", "http:", "ssh:", "git:"].includes(parsed.protocol) || !parsed.hostname) {
    return undefined;
  }
  const path = parsed.pathname.replace(/\/+$/, "").replace(/\.git$/, "").replace(/^\/+/, "");
  return path === "" ? undefined : `${parsed.hostname}/${path}`;
}
