/**
 * One render of the crash test (`scripts/crash.ts`): renders the benchmark's
 * synthetic fleet with `apps` apps per cluster into `base`, journaled and locked
 * like `deno task render`; with `--recover`, only finishes what a killed render
 * left. The crash test kills it at random moments.
 */
import "./_quiet.ts";
import { renderTree } from "./_parallel.ts";
import { lock, recover } from "./_journal.ts";
import { ROOTS } from "./_cli.ts";

const [base, apps, mode] = Deno.args;
if (mode === "--recover") {
  const held = await lock(base);
  console.log(recover(base, ROOTS) ?? "nothing to recover");
  held.close();
} else {
  const jobs = Array.from({ length: 20 }, (_, index) => ({
    source: `clusters/crash-${index}.ts`,
    synthetic: { index, apps: Number(apps) },
  }));
  const tree = await renderTree(jobs, { strict: false, base, threads: 2 });
  try {
    if (tree.errors.length > 0) throw new Error(tree.errors.slice(0, 3).join("\n"));
    await tree.write();
  } finally {
    tree.close();
  }
}
