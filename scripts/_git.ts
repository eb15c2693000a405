/**
 * Reading the committed tree at a git revision: the one place Hydrate runs git.
 */
import { ROOTS, textOf } from "./_cli.ts";
import { normalizePath } from "../lib/build/synced.ts";

/** A git failure the user can act on (no such ref, not a repository). */
export class GitError extends Error {}

async function git(args: string[], input?: Uint8Array): Promise<Uint8Array> {
  const child = new Deno.Command("git", {
    args,
    stdin: input ? "piped" : "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  // Read while writing: a large input fills git's output pipe before git has read all of it.
  const reading = child.output();
  if (input) {
    const writer = child.stdin.getWriter();
    await writer.write(input);
    await writer.close();
  }
  const output = await reading;
  if (!output.success) {
    const message = new TextDecoder().decode(output.stderr).trim().split("\n")[0];
    throw new GitError(`git ${args[0]}: ${message || `exit code ${output.code}`}`);
  }
  return output.stdout;
}

async function text(args: string[]): Promise<string> {
  return new TextDecoder().decode(await git(args)).trim();
}

/** Output as git wrote it (NUL-separated listings: a path may end in a space). */
async function raw(args: string[]): Promise<string> {
  return new TextDecoder().decode(await git(args));
}

/** Resolves a ref to a commit, or `undefined` when there is no such ref. */
export async function resolve(ref: string): Promise<string | undefined> {
  try {
    return await text(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  } catch {
    return undefined;
  }
}

/**
 * The default base of a diff: the merge base of HEAD with `origin/main`, else
 * with `main`. Returns the ref used and the commit.
 */
export async function defaultBase(): Promise<{ ref: string; commit: string }> {
  for (const ref of ["origin/main", "main"]) {
    if (!(await resolve(ref))) continue;
    try {
      return { ref: `merge-base with ${ref}`, commit: await text(["merge-base", "HEAD", ref]) };
    } catch {
      continue;
    }
  }
  const shallow = (await text(["rev-parse", "--is-shallow-repository"]).catch(() => "")) === "true";
  throw new GitError(
    shallow
      ? "no base: this is a shallow clone, which has no merge base with origin/main; fetch the base first (`git fetch --unshallow origin main`, or in GitHub Actions `actions/checkout` with `fetch-depth: 0`), or pass --base REF"
      : "no base: neither origin/main nor main has a merge base with HEAD; pass --base REF",
  );
}

/** An entry of a commit's tree: its mode (`100644`, `100755`, `120000` a link, `160000` a submodule). */
export interface TreeEntry {
  mode: string;
  object: string;
  /** A blob's size in bytes (0 for a link's or submodule's entry). */
  size: number;
  path: string;
}

/** The entries of `commit`'s tree under `paths` (all of it without), recursively. */
export async function listTreeAt(
  commit: string,
  paths: readonly string[] = [],
): Promise<TreeEntry[]> {
  // Each entry: "<mode> <type> <object>\t<path>"; -z: paths as they are, unquoted.
  // -l: "<mode> <type> <object> <size, padded>\t<path>".
  const listing = await raw(["ls-tree", "-r", "-l", "-z", "--full-tree", commit, "--", ...paths]);
  return listing.split("\0").filter((entry) => entry !== "").map((entry) => {
    const tab = entry.indexOf("\t");
    const [mode, , object, size] = entry.slice(0, tab).split(/ +/);
    return { mode, object, size: Number(size) || 0, path: entry.slice(tab + 1) };
  });
}

/** The bytes of each object, in order. Asking for objects, not `commit:path`, keeps git from
 * searching the tree once per file (quadratic in a folder of thousands); no filter or driver runs. */
export async function readObjects(objects: readonly string[]): Promise<Uint8Array[]> {
  if (objects.length === 0) return [];
  const request = new TextEncoder().encode(objects.map((object) => `${object}\n`).join(""));
  const out = await git(["cat-file", "--batch"], request);
  // Each answer: "<sha> <type> <size>\n<size bytes>\n".
  const decoder = new TextDecoder();
  const blobs: Uint8Array[] = [];
  let offset = 0;
  for (let i = 0; i < objects.length; i++) {
    const newline = out.indexOf(10, offset);
    const size = Number(decoder.decode(out.subarray(offset, newline)).split(" ")[2]);
    const start = newline + 1;
    blobs.push(out.subarray(start, start + size));
    offset = start + size + 1;
  }
  return blobs;
}

/**
 * Reads the files at `commit` that `keep` takes (every file under the rendered roots by default),
 * as `path -> content`. The whole tree is listed and filtered here: no path becomes a pathspec
 * (git would read `:(glob)...` as magic) or an argument (a long list would not fit).
 */
export async function readTreeAt(
  commit: string,
  keep: (path: string) => boolean = (path) => ROOTS.some((root) => path.startsWith(`${root}/`)),
): Promise<Map<string, string>> {
  const all = await listTreeAt(commit);
  const entries = all.filter((entry) => entry.mode !== "040000" && keep(entry.path));
  const blobs = entries.filter((entry) => entry.mode !== "160000");
  const texts = (await readObjects(blobs.map((entry) => entry.object))).map(textOf);
  const byPath = new Map(blobs.map((entry, i) => [entry.path, texts[i]]));
  const out = new Map<string, string>();
  for (const entry of entries) {
    if (entry.mode === "160000") {
      out.set(
        entry.path,
        `(a git submodule at commit ${entry.object}: its content is in another repository)\n`,
      );
    } else if (entry.mode === "120000") {
      out.set(entry.path, await linkText(entry.path, byPath.get(entry.path)!, all));
    } else out.set(entry.path, byPath.get(entry.path)!);
  }
  return out;
}

/**
 * A link as the review shows it: its target and, when that is a file of the same tree, the
 * target's bytes (argo-cd v3.2.0 reposerver/repository/repository.go reads a link that stays in
 * the repository as its target).
 */
async function linkText(path: string, target: string, all: readonly TreeEntry[]): Promise<string> {
  // A target outside the repository (absolute, or climbing out of it) is no file of the tree.
  const folder = path.slice(0, Math.max(0, path.lastIndexOf("/")));
  const resolved = target.startsWith("/") ? undefined : normalizePath(`${folder}/${target}`);
  const file = all.find((entry) => entry.path === resolved && entry.mode.startsWith("100"));
  const head = `(a symbolic link to ${target}: Argo CD reads its target)\n`;
  return file ? head + textOf((await readObjects([file.object]))[0]) : head;
}

/** The paths that differ between two commits (added, changed, removed), renames as two paths. */
export async function changedPaths(from: string, to: string): Promise<string[]> {
  const out = await raw(["diff", "--name-only", "-z", "--no-renames", "--no-ext-diff", from, to]);
  return out.split("\0").filter((path) => path !== "");
}

/** The merge base of two commits, or `undefined` without one. */
export async function mergeBase(a: string, b: string): Promise<string | undefined> {
  try {
    return await text(["merge-base", a, b]);
  } catch {
    return undefined;
  }
}
