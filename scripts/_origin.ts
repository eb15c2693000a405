/**
 * The URL of the repository's `origin` remote, read from its git config (no git
 * process: render and check may not run one), for rule 32's comparison with the
 * `git.repoURL` a cluster inherits.
 */
import { isAbsolute, join } from "node:path";

function read(path: string): string | undefined {
  try {
    return Deno.readTextFileSync(path);
  } catch {
    return undefined;
  }
}

/** The config file of the repository at `root`: `.git/config`, or a worktree's common one. */
function configPath(root: string): string | undefined {
  const dotGit = join(root, ".git");
  const file = read(dotGit);
  if (file === undefined) return join(dotGit, "config");
  // A worktree or submodule: `.git` is a file naming the git directory.
  const gitdir = /^gitdir:\s*(.+)$/m.exec(file)?.[1]?.trim();
  if (!gitdir) return undefined;
  const dir = isAbsolute(gitdir) ? gitdir : join(root, gitdir);
  const common = read(join(dir, "commondir"))?.trim();
  return join(common ? (isAbsolute(common) ? common : join(dir, common)) : dir, "config");
}

/**
 * The `url` of `[remote "origin"]` in the git config of the repository at `root`;
 * `undefined` without one (no repository, no origin).
 */
export function originUrl(root: string): string | undefined {
  const path = configPath(root);
  const text = path === undefined ? undefined : read(path);
  if (text === undefined) return undefined;
  let inOrigin = false;
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line.startsWith("[")) {
      inOrigin = /^\[remote\s+"origin"\]$/.test(line);
      continue;
    }
    const url = inOrigin ? /^url\s*=\s*(.+?)\s*$/.exec(line)?.[1] : undefined;
    if (url) return url.replace(/^"(.*)"$/, "$1");
  }
  return undefined;
}
