/**
 * `deno task diff`: the rendered change of the working tree against the render
 * committed at a base ref, per cluster, app and resource, with risk flags. No
 * cluster, no Argo CD, no network.
 *
 * Usage: deno task diff [--base REF] [--format text|markdown]
 *   --base REF   compare with the tree committed at REF (default: the merge base
 *                of HEAD with origin/main, else main)
 *   --format     text (default, coloured on a terminal) or markdown (a pull
 *                request comment, split into numbered parts when over GitHub's limit)
 *
 * Exit codes: 0 no change, 2 changes, 1 error (including committed apps/ and
 * omni/ that are not a fresh render of clusters/).
 */
import "./_quiet.ts";
import { parseArgs } from "node:util";
import { paint, printProblems, readTree, renderAll } from "./_cli.ts";
import { defaultBase, GitError, readTreeAt, resolve } from "./_git.ts";
import { diffTrees, hasChanges } from "../lib/output/diff.ts";
import { formatMarkdown, formatText, type Painter } from "../lib/output/diff_format.ts";
import { isClean, planWrites } from "../lib/output/write.ts";

const USAGE = "usage: deno task diff [--base REF] [--format text|markdown]";

const STYLES = { add: "32", remove: "31", change: "33", risk: "1;31", head: "1" } as const;

async function main(): Promise<number> {
  let base: string | undefined;
  let format = "text";
  try {
    const { values } = parseArgs({
      args: Deno.args,
      options: { base: { type: "string" }, format: { type: "string", default: "text" } },
    });
    base = values.base;
    format = values.format!;
    if (format !== "text" && format !== "markdown") {
      throw new Error(`--format ${format}: must be text or markdown`);
    }
  } catch (cause) {
    console.error(`${(cause as Error).message}\n${USAGE}`);
    return 1;
  }

  let label: string;
  let baseTree: Map<string, string>;
  try {
    let commit: string;
    if (base !== undefined) {
      const resolved = await resolve(base);
      if (!resolved) throw new GitError(`--base ${base}: no such commit, branch or tag`);
      [label, commit] = [base, resolved];
    } else {
      const found = await defaultBase();
      [label, commit] = [found.ref, found.commit];
    }
    label = `${label} (${commit.slice(0, 12)})`;
    baseTree = await readTreeAt(commit);
  } catch (cause) {
    if (!(cause instanceof GitError) && !(cause instanceof Deno.errors.NotFound)) throw cause;
    console.error(cause instanceof GitError ? cause.message : "git is not installed");
    return 1;
  }

  const rendered = await renderAll(false);
  printProblems(rendered.errors, rendered.warnings);
  if (rendered.errors.length > 0) return 1;
  const head = new Map(rendered.files.map((file) => [file.path, file.content]));
  const report = diffTrees(baseTree, head);

  if (format === "markdown") {
    console.log(formatMarkdown(report, label).join("\n"));
  } else {
    const painter: Painter = (style, text) => paint(STYLES[style], text, Deno.stdout);
    console.log(formatText(report, label, painter).trimEnd());
  }

  const stale = planWrites(rendered.files, readTree());
  if (!isClean(stale)) {
    const count = stale.create.length + stale.update.length + stale.remove.length +
      stale.conflicts.length;
    console.error(
      paint(
        "31",
        `The committed apps/ and omni/ are not a fresh render of clusters/ (${count} file(s) differ): run \`deno task render\` and commit the result.`,
        Deno.stderr,
      ),
    );
    return 1;
  }
  return hasChanges(report) ? 2 : 0;
}

Deno.exit(await main());
