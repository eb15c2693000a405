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
import {
  exitWith,
  paint,
  printProblems,
  readTree,
  renderAll,
  ROOTS,
  symlinksUnder,
  wantsHelp,
} from "./_cli.ts";
import { SourcesRefused } from "./_snapshot.ts";
import { defaultBase, GitError, readTreeAt, resolve } from "./_git.ts";
import { diffTrees, hasChanges } from "../lib/output/diff.ts";
import {
  type DiffFailure,
  formatMarkdown,
  formatMarkdownFailure,
  formatText,
  type Painter,
  withCaution,
} from "../lib/output/diff_format.ts";
import { isClean, planWrites } from "../lib/output/write.ts";

const USAGE = "usage: deno task diff [--base REF] [--format text|markdown]";
const HELP = `${USAGE}

The rendered change of the working tree against the render committed at a base, per cluster, app
and resource, with risk flags.
  --base REF   compare with the tree committed at REF (default: the merge base of HEAD with
               origin/main, else main)
  --format     text (default) or markdown (a pull request comment, in numbered parts)
Exit codes: 0 no change, 2 changes, 1 an error.`;

const STYLES = { add: "32", remove: "31", change: "33", risk: "1;31", head: "1" } as const;

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

async function main(): Promise<number> {
  if (wantsHelp(HELP)) return 0;
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
    const message = cause instanceof GitError ? cause.message : "git is not installed";
    console.error(message);
    return failMarkdown(format, {
      what: "`deno task diff` found no base to compare with.",
      problems: [message],
      advice: "The job's checkout needs the base branch's history (`actions/checkout` with " +
        "`fetch-depth: 0`).",
    });
  }

  let rendered;
  try {
    rendered = await renderAll(false);
  } catch (cause) {
    if (!(cause instanceof SourcesRefused)) throw cause;
    console.error(cause.message);
    return failMarkdown(format, {
      what: "Hydrate refused the sources.",
      problems: [cause.message],
      advice: BROKEN_ADVICE,
    });
  }
  printProblems(rendered.errors, rendered.warnings);
  if (rendered.errors.length > 0) {
    return failMarkdown(format, {
      what: `Hydrate refused the cluster files (${rendered.errors.length} problem(s)).`,
      problems: rendered.errors,
      advice: BROKEN_ADVICE,
    });
  }
  const head = new Map(rendered.files.map((file) => [file.path, file.content]));
  const report = diffTrees(baseTree, head);

  const stale = planWrites(rendered.files, readTree());
  const links = symlinksUnder(ROOTS);
  for (const path of stale.unmanaged) {
    console.error(
      paint("31", `${path}: not generated by Hydrate, in a folder Argo CD syncs`, Deno.stderr),
    );
  }
  for (const link of links) {
    console.error(paint("31", `${link}: a symbolic link under the rendered roots`, Deno.stderr));
  }
  const current = isClean(stale) && links.length === 0;
  const count = stale.create.length + stale.update.length + stale.remove.length +
    stale.conflicts.length + stale.unmanaged.length + links.length;
  const notCurrent = `The committed apps/ and omni/ are not a fresh render of clusters/ ` +
    `(${count} file(s) differ): run \`deno task render\` and commit the result.`;
  if (format === "markdown") {
    const parts = formatMarkdown(report, label);
    console.log((current ? parts : withCaution(parts, notCurrent)).join("\n"));
  } else {
    const painter: Painter = (style, text) => paint(STYLES[style], text, Deno.stdout);
    console.log(formatText(report, label, painter).trimEnd());
  }
  if (!current) {
    console.error(paint("31", notCurrent, Deno.stderr));
    return 1;
  }
  return hasChanges(report) ? 2 : 0;
}

await exitWith(main);
