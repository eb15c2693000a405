/**
 * `deno task crash [--trials 50]`: kills renders at random moments and shows
 * that after the next run the tree is always the old render or the new one,
 * never a mix, a truncated file or a leftover temporary.
 *
 * Two variants of the benchmark's synthetic fleet (20 clusters, 30 and 40 apps
 * each: thousands of files created, changed and removed between them) are
 * rendered in turn into a scratch folder; each trial starts a render of the
 * other variant, sends it SIGKILL after a random delay (up to 1.2 times a full
 * render), lets a recovery run finish or roll back what it left, and compares
 * the whole tree with both variants' trees.
 */
import "./_quiet.ts";
import { parseArgs } from "node:util";
import { join } from "node:path";
import { readTree, ROOTS, wantsHelp } from "./_cli.ts";

const USAGE = "usage: deno task crash [--trials N] (N >= 1)";
if (
  wantsHelp(`${USAGE}

Kills renders at random moments and checks that after the next run the tree is the old render or
the new one, never a mix.
  --trials N  how many kills (default 50)`)
) Deno.exit(0);

const { values } = parseArgs({ args: Deno.args, options: { trials: { type: "string" } } });
const trials = Number(values.trials ?? 50);
if (!Number.isInteger(trials) || trials < 1) {
  console.error(USAGE);
  Deno.exit(1);
}
const VARIANTS = ["30", "40"] as const;
const base = Deno.makeTempDirSync({ dir: ".bench", prefix: "crash-" });

function child(args: string[]): Deno.ChildProcess {
  return new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--frozen",
      "--cached-only",
      "--no-prompt",
      "--unstable-worker-options",
      "--allow-read",
      `--allow-write=${base},.hydrate`,
      "scripts/_crash_child.ts",
      base,
      ...args,
    ],
    stdout: "null",
    stderr: "piped",
  }).spawn();
}

async function render(apps: string): Promise<number> {
  const start = performance.now();
  const status = await child([apps]).status;
  if (!status.success) throw new Error(`render of ${apps} apps failed`);
  return performance.now() - start;
}

/** Every file under the roots, temporaries and the journal included. */
function everything(): Map<string, string> {
  const tree = readTree(ROOTS, base);
  const walk = (dir: string) => {
    for (const entry of Deno.readDirSync(join(base, dir))) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory) walk(path);
      else if (entry.name.includes(".hydrate-")) tree.set(path, "(bookkeeping left behind)");
    }
  };
  for (const root of ROOTS) {
    try {
      walk(root);
    } catch { /* not there */ }
  }
  return tree;
}

const same = (a: Map<string, string>, b: Map<string, string>) =>
  a.size === b.size && [...a].every(([path, content]) => b.get(path) === content);

try {
  await render(VARIANTS[1]);
  const trees = [new Map<string, string>(), everything()];
  const fullMs = await render(VARIANTS[0]);
  trees[0] = everything();
  let state = 0;
  const outcomes = { old: 0, new: 0 };
  for (let trial = 1; trial <= trials; trial++) {
    const target = 1 - state;
    const running = child([VARIANTS[target]]);
    const delay = Math.random() * fullMs * 1.2;
    await new Promise((resolve) => setTimeout(resolve, delay));
    try {
      running.kill("SIGKILL");
    } catch { /* already done */ }
    await running.status;
    const recovery = await child([VARIANTS[target], "--recover"]).status;
    if (!recovery.success) throw new Error(`trial ${trial}: the recovery run failed`);
    const now = everything();
    if (same(now, trees[state])) outcomes.old++;
    else if (same(now, trees[target])) {
      outcomes.new++;
      state = target;
    } else {
      const mixed = [...now].filter(([p, c]) => trees[0].get(p) !== c && trees[1].get(p) !== c);
      throw new Error(
        `trial ${trial} (killed after ${Math.round(delay)} ms): the tree is neither render: ${
          mixed.slice(0, 5).map(([p]) => p).join(", ")
        }`,
      );
    }
  }
  console.log(
    `${trials} renders of ${trees[1].size} files killed at random moments (0-${
      Math.round(fullMs * 1.2)
    } ms): after recovery ${outcomes.old} left the old tree, ${outcomes.new} the new one, none a mix.`,
  );
} finally {
  Deno.removeSync(base, { recursive: true });
}
