/**
 * `deno task bootstrap <cluster>`: prints the ordered steps that take the
 * cluster from bare machines to synced apps (Omni template sync, nodes, Cilium,
 * Argo CD, the root Application, the seed's verify commands), with the cluster's
 * own names and paths. Reads only: it refuses when the committed tree is not a
 * fresh render, since every step uses the committed files.
 *
 * Usage: deno task bootstrap <cluster> [--format text|markdown]
 */
import "./_quiet.ts";
import { parseArgs } from "node:util";
import { exitWith, printProblems, readTree, renderAll, ROOTS, wantsHelp } from "./_cli.ts";
import { isClean, planWrites } from "../lib/output/write.ts";
import { bootstrapSteps, stepsMarkdown, stepsText } from "../lib/build/bootstrap/steps.ts";

const USAGE = "usage: deno task bootstrap <cluster> [--format text|markdown]";
const HELP = `${USAGE}

Prints the ordered steps from bare machines to synced apps for one cluster, with its own names
and paths (without a cluster: the clusters there are).
  --format  text (default) or markdown
Exit codes: 0 printed, 1 an unknown cluster, a broken one, or a committed tree that is stale.`;

async function main(): Promise<number> {
  if (wantsHelp(HELP)) return 0;
  let name: string | undefined;
  let format: string;
  try {
    const { values, positionals } = parseArgs({
      args: Deno.args,
      allowPositionals: true,
      options: { format: { type: "string", default: "text" } },
    });
    if (positionals.length > 1) throw new Error("name one cluster");
    if (values.format !== "text" && values.format !== "markdown") {
      throw new Error(`--format ${values.format}: expected text or markdown`);
    }
    [name] = positionals;
    format = values.format;
  } catch (cause) {
    console.error(`${(cause as Error).message}\n${USAGE}`);
    return 1;
  }
  const rendered = await renderAll(false);
  const clusters = `clusters: ${rendered.clusters.join(", ") || "none renders"}`;
  if (name === undefined) {
    printProblems(rendered.errors, []);
    console.error(`name one cluster (${clusters})\n${USAGE}`);
    return 1;
  }
  const build = rendered.builds.get(name);
  if (!build) {
    printProblems(rendered.errors, rendered.warnings);
    console.error(`${name}: no such cluster, or it does not render (${clusters})\n${USAGE}`);
    return 1;
  }
  // Another cluster file's problems are its own: they do not stop this cluster's steps.
  printProblems([], rendered.warnings);
  if (rendered.errors.length > 0) {
    console.error(
      `Note: ${rendered.errors.length} problem(s) in other cluster files (\`deno task check\` lists them); ${name} renders.`,
    );
  }
  const own = (path: string) => ROOTS.some((root) => path.startsWith(`${root}/${name}/`));
  const tree = new Map([...readTree(ROOTS)].filter(([path]) => own(path)));
  const plan = planWrites(rendered.files.filter((file) => own(file.path)), tree);
  if (!isClean(plan)) {
    const paths = [
      ...plan.create.map((file) => file.path),
      ...plan.update.map((file) => file.path),
      ...plan.remove,
      ...plan.conflicts,
      ...plan.unmanaged,
    ];
    for (const path of paths) console.error(`${path}: differs from a fresh render`);
    console.error(
      `The steps use the committed files of ${name}: run \`deno task render\`, commit, then run this again.`,
    );
    return 1;
  }
  const steps = bootstrapSteps(build);
  console.log(
    format === "markdown"
      ? [`# Bootstrap of ${name}`, "", ...stepsMarkdown(steps, 2)].join("\n")
      : stepsText(name, steps),
  );
  return 0;
}

await exitWith(main);
