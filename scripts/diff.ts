/**
 * `deno task diff`: the rendered change against the render committed at a base ref, per cluster,
 * app and resource, with risk flags. No cluster, no Argo CD, no network.
 *
 * Usage: deno task diff [--pr REF] [--base REF] [--format text|markdown]
 *   --pr REF     review the pull request at REF with THIS checkout's Hydrate: its tree is read from
 *                git as data (its cluster files run in the sandbox, importing this checkout's
 *                mod.ts; its own lib/, scripts/ and deno.json never run), and its committed apps/
 *                and omni/ must be exactly what this Hydrate renders from its cluster files
 *   --base REF   compare with the tree committed at REF (default: the merge base with origin/main,
 *                else main)
 *   --format     text (default, coloured on a terminal) or markdown (a pull request comment, split
 *                into numbered parts when over GitHub's limit)
 *
 * Exit codes: 0 no change, 2 changes, 1 error (including a committed tree that is not a fresh
 * render of its cluster files).
 */
import "./_quiet.ts";
import { parseArgs } from "node:util";
import {
  exitWith,
  paint,
  printProblems,
  readTree,
  type RenderAll,
  renderAll,
  ROOTS,
  unmanagedLine,
  wantsHelp,
} from "./_cli.ts";
import { SourcesRefused } from "./_snapshot.ts";
import { changedPaths, defaultBase, GitError, mergeBase, readTreeAt, resolve } from "./_git.ts";
import { reviewTree } from "./_review.ts";
import { sha256 } from "../lib/model/upstream/vendor.ts";
import { diffTrees, hasChanges, tooLarge } from "../lib/output/diff.ts";
import {
  type DiffFailure,
  formatMarkdown,
  formatMarkdownFailure,
  formatText,
  GITHUB_COMMENT_LIMIT,
  type Painter,
  withCaution,
} from "../lib/output/diff_format.ts";
import { planWrites } from "../lib/output/write.ts";
import {
  hydrateCodeChanges,
  type LockDigests,
  lockDigests,
  type ReviewFindings,
  reviewLines,
  reviewMarkdown,
  syncedFolders,
  unvouchedArtifacts,
  withReview,
} from "../lib/output/review.ts";

const USAGE = "usage: deno task diff [--pr REF] [--base REF] [--format text|markdown]";
const HELP = `${USAGE}

The rendered change against the render committed at a base, per cluster, app and resource, with
risk flags.
  --pr REF     review the pull request at REF with this checkout's Hydrate (the pull request's
               lib/, scripts/, deno.json and lock never run; its cluster files run in the sandbox)
  --base REF   compare with the tree committed at REF (default: the merge base with origin/main,
               else main)
  --format     text (default) or markdown (a pull request comment, in numbered parts)
Exit codes: 0 no change, 2 changes, 1 an error.`;

const STYLES = { add: "32", remove: "31", change: "33", risk: "1;31", head: "1" } as const;

interface Options {
  pr?: string;
  base?: string;
  format: "text" | "markdown";
}

function options(): Options {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      pr: { type: "string" },
      base: { type: "string" },
      format: { type: "string", default: "text" },
    },
  });
  const format = values.format!;
  if (format !== "text" && format !== "markdown") {
    throw new Error(`--format ${format}: must be text or markdown`);
  }
  return { pr: values.pr, base: values.base, format };
}

/**
 * A failure as markdown on stdout, under the comment marker (so the pull request's comment is
 * updated in place, saying what failed and what to do), the problems having gone to stderr.
 */
function failMarkdown(format: string, failure: DiffFailure): number {
  if (format === "markdown") console.log(formatMarkdownFailure(failure).join("\n"));
  return 1;
}

const BROKEN_ADVICE =
  "Nothing was rendered: Hydrate refuses a cluster whose facts are wrong. Fix each problem above " +
  "(each names the file, the field, the value and the rule) and push; `deno task render` shows " +
  "the same problems locally.";

/** The base commit and its label: `--base`, else the merge base of the head with origin/main. */
async function baseOf(opts: Options, head?: string): Promise<{ label: string; commit: string }> {
  if (opts.base !== undefined) {
    const resolved = await resolve(opts.base);
    if (!resolved) throw new GitError(`--base ${opts.base}: no such commit, branch or tag`);
    return { label: `${opts.base} (${resolved.slice(0, 12)})`, commit: resolved };
  }
  if (head !== undefined) {
    for (const ref of ["origin/main", "main", "HEAD"]) {
      const commit = (await resolve(ref)) && await mergeBase(ref, head);
      if (commit) return { label: `merge-base with ${ref} (${commit.slice(0, 12)})`, commit };
    }
  }
  const found = await defaultBase();
  return { label: `${found.ref} (${found.commit.slice(0, 12)})`, commit: found.commit };
}

/** Whether a path is at or under one of `folders`. */
const within = (folders: readonly string[]) => (path: string) =>
  folders.some((folder) => folder === "." || path === folder || path.startsWith(`${folder}/`));

/**
 * What the review names instead of diffing: Hydrate's own code (TypeScript and JavaScript, which
 * Argo CD reads as no manifest), its lock, and the rendered roots (diffed as resources). Every
 * other file a pull request changes, in Hydrate's folders too (a nested Application may sync
 * tests/), is shown byte for byte.
 */
const NAMED_ONLY =
  /^(apps|omni)\/|^(lib|scripts|tests|\.github|\.ci)\/.*\.(ts|js|cjs|mjs)$|^(mod\.ts|deno\.json|deno\.lock)$/;

/**
 * What a review refuses outright in a pull request's change: bookkeeping it commits, how git writes
 * files on checkout (Argo CD's repo server checks out with git: eol, ident, working-tree-encoding
 * of a .gitattributes change the bytes it reads, not the blobs reviewed), and a submodule it adds
 * or moves (argo-cd v3.2.0 util/git/client.go checks submodules out; their content is elsewhere).
 */
function refusedChanges(changed: readonly string[], gitlinks: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const path of changed) {
    if (/^\.hydrate(\/|$)/.test(path)) {
      out.push(`${path}: committed to .hydrate/, which is a machine's bookkeeping`);
    } else if (/(^|\/)\.gitattributes$/.test(path)) {
      out.push(
        `${path}: changes how git writes files on checkout (what Argo CD reads): review it by hand`,
      );
    } else if (gitlinks.has(path)) {
      out.push(
        `${path}: a git submodule the pull request adds or moves: its content is in another repository, out of this review`,
      );
    }
  }
  return out;
}

/**
 * Whether a changed path is a file of an artifact the pull request's lock lists (the render checks
 * its digest; the review names the artifacts the trusted lock does not vouch for): not diffed. Any
 * other file under vendor/ is shown like any data file.
 */
function lockedFile(path: string, lock: LockDigests): boolean {
  if (!path.startsWith("vendor/")) return false;
  const rest = path.slice("vendor/".length);
  return rest === "lock.json" ||
    [...lock].some(([dir, files]) =>
      rest.startsWith(`${dir}/`) && files.has(rest.slice(dir.length + 1))
    );
}

/** The folders of this repository that rendered Applications sync (Git apps), sorted. */
const repositoryFolders = (rendered: RenderAll) =>
  syncedFolders([...rendered.builds.values()].flatMap((build) => build.resources), ROOTS);

await exitWith(async () => {
  if (wantsHelp(HELP)) return 0;
  let opts: Options;
  try {
    opts = options();
  } catch (cause) {
    console.error(paint("31", `${(cause as Error).message}\n${USAGE}`, Deno.stderr));
    return 1;
  }
  return opts.pr === undefined ? await workingTree(opts) : await review(opts, opts.pr);
});

/** Says a git failure (no base, no such ref) and what to do. */
function gitFailure(opts: Options, cause: unknown): number {
  if (!(cause instanceof GitError) && !(cause instanceof Deno.errors.NotFound)) throw cause;
  const message = cause instanceof GitError ? cause.message : "git is not installed";
  console.error(paint("31", message, Deno.stderr));
  return failMarkdown(opts.format, {
    what: "`deno task diff` found no base to compare with.",
    problems: [message],
    advice: "The job's checkout needs the base branch's history (`actions/checkout` with " +
      "`fetch-depth: 0`).",
  });
}

/** Renders, or says why not; `undefined` after a failure was told. */
async function renderOrFail(opts: Options, root?: string): Promise<RenderAll | number> {
  let rendered;
  try {
    rendered = await renderAll(false, root);
  } catch (cause) {
    if (!(cause instanceof SourcesRefused)) throw cause;
    console.error(paint("31", cause.message, Deno.stderr));
    return failMarkdown(opts.format, {
      what: "Hydrate refused the sources.",
      problems: [cause.message],
      advice: BROKEN_ADVICE,
    });
  }
  printProblems(rendered.errors, rendered.warnings);
  if (rendered.errors.length === 0) return rendered;
  return failMarkdown(opts.format, {
    what: `Hydrate refused the cluster files (${rendered.errors.length} problem(s)).`,
    problems: rendered.errors,
    advice: BROKEN_ADVICE,
  });
}

/** Where the committed tree differs from the render, one line per file (links included). */
function drift(
  rendered: RenderAll,
  committed: Map<string, string>,
  links: string[],
): { lines: string[]; foreign: string[]; unmanaged: string[] } {
  const plan = planWrites(rendered.files, committed);
  // What no render explains: files a person put there and links. Always said one by one.
  const foreign = [
    ...plan.conflicts.map((path) => `${path}: not generated by Hydrate, but the render wants it`),
    ...plan.unmanaged.map(unmanagedLine),
    ...links.map((link) => `${link}: a symbolic link under the rendered roots`),
  ];
  const lines = [
    ...plan.create.map((file) => `${file.path}: missing (the render makes it)`),
    ...plan.update.map((file) => `${file.path}: differs from the render`),
    ...plan.remove.map((path) => `${path}: committed, but the render no longer makes it`),
    ...foreign,
  ];
  return { lines, foreign, unmanaged: [...plan.conflicts, ...plan.unmanaged] };
}

/** Prints the report (and the review's findings first, when there are some). */
function print(
  opts: Options,
  report: ReturnType<typeof diffTrees>,
  label: string,
  notCurrent: string | undefined,
  findings?: ReviewFindings,
): void {
  if (opts.format === "markdown") {
    // The review's findings stand in part 1: its room is taken from the comment's limit.
    const review = findings ? reviewMarkdown(findings).join("\n").length + 2 : 0;
    let parts = formatMarkdown(report, label, GITHUB_COMMENT_LIMIT - Math.min(review, 30_000));
    if (findings) {
      parts = withReview(parts, findings);
      // Every entry, for the job log: escaped for a terminal (no workflow command).
      console.error(paint("33", reviewLines(findings, true).join("\n"), Deno.stderr));
    }
    console.log((notCurrent ? withCaution(parts, notCurrent) : parts).join("\n"));
    return;
  }
  if (findings) console.log(`${paint("1", reviewLines(findings, true).join("\n"), Deno.stdout)}\n`);
  const painter: Painter = (style, text) => paint(STYLES[style], text, Deno.stdout);
  console.log(formatText(report, label, painter).trimEnd());
}

/** The change of the working tree's cluster files against the base (the reviewer's own tree). */
async function workingTree(opts: Options): Promise<number> {
  let base;
  try {
    base = await baseOf(opts);
  } catch (cause) {
    return gitFailure(opts, cause);
  }
  const rendered = await renderOrFail(opts);
  if (typeof rendered === "number") return rendered;
  // The repository's root as a Git app's folder is left to the review (--pr), which diffs every
  // changed file; here it would read the whole working tree.
  const folders = repositoryFolders(rendered).filter((folder) => folder !== ".");
  const baseTree = await readTreeAt(base.commit, within([...ROOTS, ...folders]));
  const links: string[] = [];
  const committed = readTree(ROOTS, ".", undefined, links);
  // The render's change, with the bytes of every file on disk no render explains (Argo CD reads them).
  const differ = drift(rendered, committed, links);
  const head = new Map(rendered.files.map((file) => [file.path, file.content]));
  for (const path of differ.unmanaged) head.set(path, committed.get(path)!);
  for (const [path, content] of readTree(folders)) head.set(path, content);
  const report = diffTrees(baseTree, head);
  for (const line of differ.foreign) console.error(paint("31", line, Deno.stderr));
  const notCurrent = differ.lines.length === 0
    ? undefined
    : `The committed apps/ and omni/ are not a ` +
      `fresh render of clusters/ (${differ.lines.length} file(s) differ): run \`deno task render\` and commit the result.`;
  print(opts, report, base.label, notCurrent);
  if (notCurrent) {
    console.error(paint("31", notCurrent, Deno.stderr));
    return 1;
  }
  return refuseTooLarge(report) ?? (hasChanges(report) ? 2 : 0);
}

/** Exit 1, said, when a change was too large to show: what cannot be shown is refused. */
function refuseTooLarge(report: ReturnType<typeof diffTrees>): number | undefined {
  if (!tooLarge(report)) return undefined;
  console.error(paint(
    "31",
    "A changed file is too large to show line by line (marked above): the review refuses it.",
    Deno.stderr,
  ));
  return 1;
}

/** Hydrate's own files and unvouched vendored artifacts the pull request changes. */
function provenance(changed: string[], dir: string) {
  const code = hydrateCodeChanges(changed);
  const vendor = unvouchedArtifacts(
    lockDigests(readText("vendor/lock.json")),
    lockDigests(readText(`${dir}/vendor/lock.json`)),
  );
  return { code, vendor };
}

/**
 * The changed files of locked artifacts whose bytes are not what the pull request's own lock says:
 * the render checks only the artifacts a cluster pins, and these are not diffed, so the review
 * checks every one it leaves out (an unpinned chart's files are still what a nested Application or
 * a values file could read).
 */
function unlockedVendorFiles(changed: readonly string[], lock: LockDigests, dir: string): string[] {
  const out: string[] = [];
  for (const path of changed.filter((p) => p !== "vendor/lock.json" && lockedFile(p, lock))) {
    const rest = path.slice("vendor/".length);
    const [artifact, files] = [...lock].find(([d]) => rest.startsWith(`${d}/`))!;
    let digest: string | undefined;
    try {
      digest = sha256(Deno.readFileSync(`${dir}/${path}`));
    } catch { /* removed by the pull request: not what its lock lists either */ }
    if (digest !== files.get(rest.slice(artifact.length + 1))) {
      out.push(`${path}: does not match its sha256 in the pull request's vendor/lock.json`);
    }
  }
  return out;
}

/** A file's text, or `undefined` without one. */
function readText(path: string): string | undefined {
  try {
    return Deno.readTextFileSync(path);
  } catch {
    return undefined;
  }
}

/** The pull request at `ref`, reviewed with this checkout's Hydrate. */
async function review(opts: Options, ref: string): Promise<number> {
  let head: string, base;
  try {
    const resolved = await resolve(ref);
    if (!resolved) throw new GitError(`--pr ${ref}: no such commit, branch or tag`);
    head = resolved;
    base = await baseOf(opts, head);
  } catch (cause) {
    return gitFailure(opts, cause);
  }
  let tree;
  try {
    tree = await reviewTree(Deno.cwd(), head);
  } catch (cause) {
    return gitFailure(opts, cause);
  }
  try {
    const rendered = await renderOrFail(opts, tree.dir);
    if (typeof rendered === "number") return rendered;
    const links = [...tree.links];
    const committed = readTree(ROOTS, tree.dir, undefined, links);
    // What Argo CD applies once it merges: the rendered roots, the folders Git apps sync, and every
    // other data file the pull request changes (a kustomize base, a Helm values file, a folder an
    // Application outside Hydrate's names): shown, byte for byte.
    const changed = await changedPaths(base.commit, head);
    const prLock = lockDigests(readText(`${tree.dir}/vendor/lock.json`));
    const other = new Set(
      changed.filter((path) => !NAMED_ONLY.test(path) && !lockedFile(path, prLock)),
    );
    const keep = within([...ROOTS, ...repositoryFolders(rendered)]);
    const [baseTree, prTree] = await Promise.all(
      [base.commit, head].map((commit) => readTreeAt(commit, (p) => keep(p) || other.has(p))),
    );
    const report = diffTrees(baseTree, prTree);
    const findings: ReviewFindings = {
      head: `${ref} (${head.slice(0, 12)})`,
      ...provenance(changed, tree.dir),
      drift: [
        ...drift(rendered, committed, links).lines,
        ...refusedChanges(changed, tree.gitlinks),
        ...unlockedVendorFiles(changed, prLock, tree.dir),
      ],
    };
    const notCurrent = findings.drift.length === 0 ? undefined : `The review refuses ` +
      `${findings.drift.length} file(s) of the pull request (listed first): a committed tree that is ` +
      `not what this Hydrate renders from its cluster files (run \`deno task render\` on its branch ` +
      `and commit the result), or what a review cannot show.`;
    print(opts, report, base.label, notCurrent, findings);
    if (notCurrent) return 1;
    return refuseTooLarge(report) ?? (hasChanges(report) ? 2 : 0);
  } finally {
    tree.remove();
  }
}
