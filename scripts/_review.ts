/**
 * A pull request reviewed with a Hydrate it did not write: its tree is read from git objects (no
 * checkout, no filter, no hook, nothing of it runs) into `.hydrate/review-*`, without Hydrate's
 * own code (`lib/`, `scripts/`, `mod.ts`, `deno.json`, `deno.lock`, tests, CI), and the
 * reviewer's `lib/` and `mod.ts` are put in their place. Its cluster files then run in the sandbox
 * like any others, importing the reviewer's `mod.ts`; the rest of it is data.
 */
import { dirname, join } from "node:path";
import { GitError, listTreeAt, readObjects, type TreeEntry } from "./_git.ts";
import { BOOKKEEPING, ensureOwnBookkeeping, makeBookkeeping } from "./_bookkeeping.ts";
import { originUrl } from "./_origin.ts";
import { copy, SourcesRefused } from "./_snapshot.ts";

/** What the review does not take from the pull request: Hydrate itself, and git's own folder. */
const NOT_DATA =
  /^(lib|scripts|tests|\.github|\.ci|\.hydrate|\.git|mod\.ts|deno\.json|deno\.lock)(\/|$)/i;

/** What the reviewer's checkout lends the review: the code the cluster files import. */
const TRUSTED = ["lib", "mod.ts"];

/** The pull request's tree, ready to render. */
export interface ReviewTree {
  /** The folder holding it (absolute). */
  dir: string;
  /** Symbolic links of the pull request under the folders Hydrate reads (never written). */
  links: string[];
  /** The paths of the pull request's git submodules. */
  gitlinks: Set<string>;
  remove(): void;
}

/** Whether a git path is one this writes: relative, no `.`/`..`/empty segment, no NUL. */
const writable = (path: string) =>
  !path.includes("\0") && !path.startsWith("/") &&
  path.split("/").every((part) => part !== "" && part !== "." && part !== "..");

/**
 * Writes the entries' blobs under `dir`; returns the paths this machine cannot hold as the pull
 * request names them (too long, or two names one file system takes for one), which the review
 * then cannot show and so refuses.
 */
async function writeEntries(dir: string, entries: TreeEntry[]): Promise<string[]> {
  const blobs = await readObjects(entries.map((entry) => entry.object));
  const refused: string[] = [];
  entries.forEach((entry, i) => {
    const target = join(dir, entry.path);
    try {
      Deno.mkdirSync(dirname(target), { recursive: true });
      Deno.writeFileSync(target, blobs[i], { createNew: true });
    } catch (cause) {
      const why = (cause as Error).message.split(" (os error")[0];
      refused.push(`${entry.path}: cannot be reviewed on this machine (${why})`);
    }
  });
  return refused;
}

/** The most a review writes out of a pull request's tree (a hostile one may be any size). */
const MAX_TREE_BYTES = 1 << 30;

/** The folders a link matters in: what the render reads and what Argo CD syncs. */
const READ = /^(apps|omni|clusters|vendor)\//;

/**
 * Writes the data of `commit`'s tree into a new folder under `root`'s `.hydrate/`, with the
 * reviewer's `lib/` and `mod.ts` and a git config naming the reviewer's `origin` (rule 32).
 */
export async function reviewTree(root: string, commit: string): Promise<ReviewTree> {
  ensureOwnBookkeeping(root);
  makeBookkeeping(root);
  const dir = Deno.makeTempDirSync({ dir: join(root, BOOKKEEPING), prefix: "review-" });
  const remove = () => Deno.removeSync(dir, { recursive: true });
  try {
    const entries = await listTreeAt(commit);
    const links = [
      ...entries.filter((e) => e.mode === "120000" && READ.test(e.path)).map((e) =>
        `${e.path}: a symbolic link in the pull request (Hydrate reads no link; Argo CD's repo server refuses one that leaves the repository)`
      ),
      // argo-cd v3.2.0 util/git/client.go Checkout: submodules are checked out unless
      // ARGOCD_GIT_MODULES_ENABLED (common/common.go) turns them off.
      ...entries.filter((e) => e.mode === "160000" && READ.test(e.path)).map((e) =>
        `${e.path}: a git submodule in the pull request: Argo CD checks it out, and its content is in another repository, out of this review`
      ),
    ];
    const data = entries.filter((entry) =>
      (entry.mode === "100644" || entry.mode === "100755") && !NOT_DATA.test(entry.path) &&
      writable(entry.path)
    );
    const total = data.reduce((sum, entry) => sum + entry.size, 0);
    if (total > MAX_TREE_BYTES) {
      throw new GitError(
        `the pull request's tree holds ${total} bytes of data, more than a review reads (${MAX_TREE_BYTES})`,
      );
    }
    links.push(...await writeEntries(dir, data));
    const refused: string[] = [];
    for (const path of TRUSTED) copy(join(root, path), join(dir, path), refused, path);
    if (refused.length > 0) {
      throw new SourcesRefused(
        `${refused.join(", ")}: a symbolic link among this checkout's sources`,
      );
    }
    const origin = originUrl(root);
    if (origin !== undefined) {
      Deno.mkdirSync(join(dir, ".git"));
      Deno.writeTextFileSync(
        join(dir, ".git", "config"),
        `[remote "origin"]\n\turl = ${origin.replace(/[\r\n]/g, "")}\n`,
      );
    }
    const gitlinks = new Set(entries.filter((e) => e.mode === "160000").map((e) => e.path));
    return { dir, links, gitlinks, remove };
  } catch (cause) {
    remove();
    throw cause;
  }
}
