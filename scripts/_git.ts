/**
 * Reading the committed tree at a git revision: the one place Hydrate runs git.
 */
import { ROOTS } from "./_cli.ts";

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

/** Reads every file under the rendered roots at `commit`, as `path -> content`. */
export async function readTreeAt(commit: string): Promise<Map<string, string>> {
  // Each entry: "<mode> <type> <object>\t<path>". Asking for objects, not `commit:path`, keeps
  // git from searching the tree once per file (quadratic in a folder of thousands).
  const listing = await text(["ls-tree", "-r", "-z", commit, "--", ...ROOTS]);
  const entries = listing.split("\0").filter((entry) => entry !== "").map((entry) => {
    const tab = entry.indexOf("\t");
    return { object: entry.slice(0, tab).split(" ")[2], path: entry.slice(tab + 1) };
  });
  const paths = entries.map((entry) => entry.path);
  const tree = new Map<string, string>();
  if (paths.length === 0) return tree;
  const request = new TextEncoder().encode(entries.map((entry) => `${entry.object}\n`).join(""));
  const out = await git(["cat-file", "--batch"], request);
  // Each answer: "<sha> <type> <size>\n<size bytes>\n".
  const decoder = new TextDecoder();
  let offset = 0;
  for (const path of paths) {
    const newline = out.indexOf(10, offset);
    const header = decoder.decode(out.subarray(offset, newline)).split(" ");
    const size = Number(header[2]);
    const start = newline + 1;
    tree.set(path, decoder.decode(out.subarray(start, start + size)));
    offset = start + size + 1;
  }
  return tree;
}
