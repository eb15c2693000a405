/**
 * `deno task bench`: renders a synthetic fleet through the real library and
 * times each phase, the check mode and the floor (the same objects as JSON,
 * written, no validation), then says whether each target holds.
 *
 * Usage: deno task bench [--sizes 1x30,10x100,50x400] [--runs N] [--threads N] [--no-wait] [--short]
 *
 * Exit codes: 0 every target holds, 2 a target is missed (its verdict says MISSED), 1 bad
 * arguments or a failed run.
 *   --threads N  at most N sandboxes at once (the synthetic fleet has no cluster file to sandbox:
 *                it renders on the main thread, as every cluster's data does)
 *   --no-wait    start at once, even within six minutes of the last bench's cleanup
 *   --short      one small size, one run, no waits (what the tests run, so the bench never rots)
 *
 * Output goes to .bench/, a fresh folder per run, removed only at the end:
 * on these machines creating files in the minutes after deleting tens of
 * thousands is many times slower (this disk's ext4 has no journal, and its
 * inode allocator then steps over every recently freed inode:
 * `recently_deleted` in fs/ext4/ialloc.c, which only runs without a journal).
 * Measured on a scratch file system here: 60,000 files took 1.0 s to create,
 * and 32 s right after 120,000 had been deleted; with a journal, 1.0 s both
 * times. The kernel counts a freed inode as recent for 60 s, and for 6 minutes
 * while its inode table block is dirty, which it is as soon as new files are
 * created beside it. So the bench notes when its cleanup ended and how many
 * files it deleted (.bench/last-cleanup.json), and the next run waits until six
 * minutes after a big one, saying so (Deno cannot read /proc without
 * --allow-all, so the bench cannot tell which file system it writes to). After
 * deleting a big tree yourself, wait as long. For the same reason every timed
 * run first waits (`sync`) until the kernel has written back what the runs
 * before it left in memory: creating 60,000 files takes 1.5-2 s on an idle
 * disk here and 5-7 s while the last tree is still being flushed, so without
 * the wait the bench measures its own previous run.
 */
import "./_quiet.ts";
import { parseArgs } from "node:util";
import { join } from "node:path";
import { syntheticFleet } from "../lib/bench/fleet.ts";
import { parseCluster } from "../lib/model/parse.ts";
import { components, syncWaves } from "../lib/build/components.ts";
import { buildDocuments, emitBuild } from "../lib/output/files.ts";
import { applyPatches } from "../lib/build/patches.ts";
import { buildCluster } from "../lib/build/cluster.ts";
import { allResources, type Build, type PlannedFile } from "../lib/model/build.ts";
import { checkBuilt, checkInput, checkUpstream, RULES } from "../lib/rules/mod.ts";
import { repositoryUpstream } from "./_vendor.ts";

// The schema phase times the upstream-schema rule on its own.
const BUILT_RULES = RULES.filter((rule) => rule.id !== "upstream-schema");
import { jsYamlDump, toYaml } from "../lib/model/yaml.ts";
import { schemaViolations } from "../lib/model/resource.ts";
import { applyWrites } from "./_write.ts";
import { renderTree } from "./_parallel.ts";
import { wantsHelp } from "./_cli.ts";

const OUT = ".bench";

/** Where the bench notes its last cleanup (when it ended, how many files it deleted), kept in OUT. */
const CLEANUP_NOTE = join(OUT, "last-cleanup.json");
/** How long creating files stays slow after a big delete, on ext4 without a journal. */
const QUIET_AFTER_DELETE_MS = 6 * 60_000;
/** Deleting fewer files than this does not slow the next run measurably. */
const BIG_DELETE = 10_000;

/** How many files this bench run has written, to be deleted at its end. */
let written = 0;

/** Removes what runs left in OUT, keeping the note of the last cleanup; whether there was any. */
async function clearOutput(): Promise<boolean> {
  let entries: Deno.DirEntry[];
  try {
    entries = [...Deno.readDirSync(OUT)];
  } catch {
    return false;
  }
  const runs = entries.map((entry) => join(OUT, entry.name)).filter((path) =>
    path !== CLEANUP_NOTE
  );
  for (const path of runs) await Deno.remove(path, { recursive: true });
  return runs.length > 0;
}

interface CleanupNote {
  /** When the cleanup ended, in ms since the epoch. */
  ended: number;
  /** How many files it deleted; `null` when unknown (what an interrupted run left). */
  files: number | null;
}

function writeCleanupNote(note: CleanupNote): void {
  Deno.mkdirSync(OUT, { recursive: true });
  Deno.writeTextFileSync(CLEANUP_NOTE, `${JSON.stringify(note)}\n`);
}

function readCleanupNote(): CleanupNote | undefined {
  try {
    const note = JSON.parse(Deno.readTextFileSync(CLEANUP_NOTE));
    return typeof note?.ended === "number" ? note : undefined;
  } catch {
    return undefined;
  }
}

const minutes = (ms: number) => {
  const seconds = Math.round(ms / 1000);
  return seconds >= 60 ? `${Math.floor(seconds / 60)} min ${seconds % 60} s` : `${seconds} s`;
};

/**
 * Waits until six minutes after the last big cleanup of the bench, saying why
 * (with `wait` false, only says the times may suffer); returns how long it
 * waited.
 */
async function waitAfterLastCleanup(wait: boolean): Promise<number> {
  const note = readCleanupNote();
  if (!note || (note.files !== null && note.files < BIG_DELETE)) return 0;
  const left = note.ended + QUIET_AFTER_DELETE_MS - Date.now();
  if (left <= 0) return 0;
  const what = note.files === null ? "the files an interrupted run left" : `${note.files} files`;
  const why = `the last bench deleted ${what} ${minutes(Date.now() - note.ended)} ago, and on` +
    " some file systems (ext4 without a journal, as on this project's machines) new files are" +
    " created many times slower for six minutes after a big delete";
  if (!wait) {
    console.log(`--no-wait: ${why}; the times of this run may include that.`);
    return 0;
  }
  console.log(`Waiting ${minutes(left)} first: ${why}. --no-wait skips the wait.`);
  await new Promise((resolve) => setTimeout(resolve, left));
  return left;
}
const PHASES = ["parse", "validate", "build", "schema", "pinned", "emit", "write"] as const;
type Phase = typeof PHASES[number] | "check" | "floor" | "render";

interface Size {
  clusters: number;
  apps: number;
}

function parseSizes(text: string): Size[] {
  return text.split(",").map((part) => {
    const match = /^(\d+)x(\d+)$/.exec(part.trim());
    if (!match) throw new Error(`--sizes ${part}: expected CxA, like 10x100`);
    return { clusters: Number(match[1]), apps: Number(match[2]) };
  });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

let peakRss = 0;
function sample() {
  peakRss = Math.max(peakRss, Deno.memoryUsage().rss);
}

/** A full collection where the bench runs with --expose-gc (deno task bench does), else nothing. */
function collectGarbage() {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Stats of waiting for the disk: how often, how long in all, and whether `sync` could run. */
const settled = { waits: 0, ms: 0, failed: false };

/**
 * Runs `sync` (the bench may run only that command): it returns once the kernel
 * has written back every earlier run, so a timed run starts on an idle disk,
 * as a user's render does.
 */
async function settleDisk(enabled: boolean): Promise<void> {
  if (!enabled || settled.failed) return;
  const start = performance.now();
  try {
    const { success } = await new Deno.Command("sync", { stdout: "null", stderr: "null" }).output();
    if (!success) settled.failed = true;
  } catch {
    settled.failed = true;
  }
  settled.waits++;
  settled.ms += performance.now() - start;
}

/** The peak RSS of the process (its workers included) while the real render and check run. */
let renderPeak = 0;
function sampleRender() {
  renderPeak = Math.max(renderPeak, Deno.memoryUsage().rss);
  sample();
}

/** One full render of the fleet, phase by phase; returns the times and the files. */
function renderOnce(fleet: unknown[], dir: string) {
  const times = {} as Record<Phase, number>;
  const time = <T>(phase: Phase, work: () => T): T => {
    const start = performance.now();
    const out = work();
    times[phase] = (times[phase] ?? 0) + performance.now() - start;
    sample();
    return out;
  };
  const parsed = time("parse", () =>
    fleet.map((input) => {
      const result = parseCluster(input);
      if (!result.ok) throw new Error(JSON.stringify(result.problems));
      return result.cluster;
    }));
  const problems = time("validate", () => parsed.flatMap((cluster) => checkInput(cluster)));
  const builds: Build[] = time("build", () =>
    parsed.map((cluster) => {
      const list = components(cluster);
      const waves = syncWaves(list);
      if (!waves.ok) throw new Error(waves.message);
      const build = buildCluster(cluster, list, waves.waves);
      problems.push(...applyPatches(build));
      return build;
    }));
  time(
    "validate",
    () => builds.forEach((build) => problems.push(...checkBuilt(build, BUILT_RULES))),
  );
  time(
    "schema",
    () =>
      builds.forEach((build) =>
        allResources(build).forEach(({ resource }) =>
          problems.push(
            ...schemaViolations(resource).map((message) => ({
              path: "",
              message,
              severity: "error" as const,
            })),
          )
        )
      ),
  );
  // The version-true checks (rules 28-31) against vendor/: Helm values, CRDs with CEL, Talos.
  time(
    "pinned",
    () => builds.forEach((build) => problems.push(...checkUpstream(build, repositoryUpstream()))),
  );
  if (problems.some((problem) => problem.severity === "error")) {
    throw new Error(JSON.stringify(problems.slice(0, 5)));
  }
  const files: PlannedFile[] = time(
    "emit",
    () => builds.flatMap((build) => emitBuild(build, "clusters/fleet.ts")),
  );
  const start = performance.now();
  applyWrites(files, [], ["apps", "omni"], dir);
  times.write = performance.now() - start;
  written += files.length;
  sample();
  times.render = PHASES.reduce((sum, phase) => sum + times[phase], 0);
  return { times, files, builds };
}

/** The floor: the built objects serialised as JSON and written, nothing checked. */
function floorOnce(builds: Build[], dir: string): number {
  const start = performance.now();
  const files: PlannedFile[] = builds.flatMap((build) =>
    buildDocuments(build).map(({ path, documents }) => ({
      path: `${path}.json`,
      content: JSON.stringify(documents.length === 1 ? documents[0] : documents),
    }))
  );
  applyWrites(files, [], ["apps", "omni"], dir);
  sample();
  written += files.length;
  return performance.now() - start;
}

/**
 * The documents of `builds` whose YAML differs from js-yaml's own dump of them
 * (the rendered YAML must stay exactly as safe as js-yaml makes it), and how
 * many documents were compared.
 */
function yamlMismatches(builds: Build[]): { compared: number; differ: string[] } {
  const differ: string[] = [];
  let compared = 0;
  for (const build of builds) {
    for (const { path, documents } of buildDocuments(build)) {
      for (const document of documents) {
        compared++;
        if (toYaml(document) !== jsYamlDump(document)) differ.push(path);
      }
    }
  }
  return { compared, differ };
}

/** The fleet as the jobs of a parallel render: each thread builds its clusters itself. */
function fleetJobs(size: Size) {
  return Array.from({ length: size.clusters }, (_, index) => ({
    source: `clusters/fleet-${index}.ts`,
    synthetic: { index, apps: size.apps },
  }));
}

/** The real render, as `deno task render` runs it: every check on, written all or nothing. */
async function parallelRender(size: Size, dir: string, threads: number | undefined) {
  const start = performance.now();
  const tree = await renderTree(fleetJobs(size), { strict: false, base: dir, threads });
  try {
    if (tree.errors.length > 0) throw new Error(tree.errors.slice(0, 5).join("\n"));
    await tree.write();
    written += tree.plan.create.length;
  } finally {
    tree.close();
  }
  return { ms: performance.now() - start, files: tree.plan.create.length, threads: tree.threads };
}

/** The real check: the same render in memory, compared with the tree just written. */
async function parallelCheck(
  size: Size,
  dir: string,
  threads: number | undefined,
): Promise<number> {
  const start = performance.now();
  const tree = await renderTree(fleetJobs(size), { strict: false, base: dir, threads });
  tree.close();
  const { plan } = tree;
  if (plan.create.length + plan.update.length + plan.remove.length + plan.conflicts.length > 0) {
    throw new Error("check: the tree on disk differs from the render");
  }
  return performance.now() - start;
}

const HELP =
  `usage: deno task bench [--sizes 1x30,10x100,50x400] [--runs N] [--threads N] [--no-wait] [--short]

Renders a synthetic fleet through the real library and times each phase, render, check and the
JSON floor; prints each target's verdict.
  --sizes     clusters x apps, comma-separated
  --runs N    timed runs per size (default: 3 to 15 by size)
  --threads N at most N sandboxes at once
  --no-wait   start at once, even within six minutes of the last bench's cleanup
  --short     one small size, one run, no waits (what the tests run)
Exit codes: 0 every target holds, 2 a target is missed, 1 bad arguments.`;

async function main(): Promise<number> {
  if (wantsHelp(HELP)) return 0;
  let sizes: Size[];
  let runs: number | undefined;
  let threads: number | undefined;
  let settle = true;
  let wait = true;
  try {
    const { values } = parseArgs({
      args: Deno.args,
      options: {
        sizes: { type: "string" },
        runs: { type: "string" },
        threads: { type: "string" },
        short: { type: "boolean" },
        "no-wait": { type: "boolean" },
      },
    });
    sizes = parseSizes(values.short ? "1x30" : values.sizes ?? "1x30,10x100,50x400");
    runs = values.short ? 1 : values.runs !== undefined ? Number(values.runs) : undefined;
    if (runs !== undefined && (!Number.isInteger(runs) || runs < 1)) {
      throw new Error(`--runs ${values.runs}: a whole number >= 1`);
    }
    settle = !values.short;
    wait = settle && !values["no-wait"];
    // By default as many threads as `deno task render` would use; --short uses two, so the tests
    // run the parallel path.
    threads = values.threads ? Number(values.threads) : values.short ? 2 : undefined;
    if (threads !== undefined && (!Number.isInteger(threads) || threads < 1)) {
      throw new Error("--threads: a whole number >= 1");
    }
  } catch (cause) {
    console.error(
      `${
        (cause as Error).message
      }\nusage: deno task bench [--sizes 1x30,10x100,50x400] [--runs N] [--threads N] [--no-wait] [--short]`,
    );
    return 1;
  }
  // What an interrupted run left is a big delete of unknown size.
  if (await clearOutput() && settle) writeCleanupNote({ ended: Date.now(), files: null });
  const waited = settle ? await waitAfterLastCleanup(wait) : 0;
  const rows: string[] = [];
  const verdicts: string[] = [];
  const cpuPerFile: { label: string; objects: number; ms: number }[] = [];
  const pad = (text: string, n: number) => text.padEnd(n);
  const num = (n: number, digits = 1) => n.toFixed(digits).padStart(10);
  rows.push(
    `${pad("size", 8)}${pad("phase", 10)}${"median ms".padStart(10)}${
      "ms/object".padStart(12)
    }  notes`,
  );
  try {
    for (const size of sizes) {
      const label = `${size.clusters}x${size.apps}`;
      const fleet = syntheticFleet(size.clusters, size.apps);
      // A tiny fleet renders in milliseconds: more runs, for a median the JIT and the disk's
      // jitter move less.
      const apps = size.clusters * size.apps;
      const count = runs ?? (apps >= 10_000 ? 3 : apps >= 1_000 ? 5 : 15);
      const samples: Record<string, number[]> = {};
      let objects = 0;
      // One uncounted run first: the JIT warms up, as it would in a long-lived editor or CI job.
      const warm = renderOnce(fleet, join(OUT, `${label}-warmup`));
      floorOnce(warm.builds, join(OUT, `${label}-warmup-floor`));
      await parallelRender(size, join(OUT, `${label}-warmup-parallel`), threads);
      // The real render and check first, every run, before the one-thread breakdown fills the
      // heap: their memory is sampled while they run, after a full collection.
      const real: { render: number; check: number }[] = [];
      for (let run = 0; run < count; run++) {
        collectGarbage();
        const dir = join(OUT, `${label}-${run}`, "render");
        await settleDisk(settle);
        const sampler = setInterval(sampleRender, 10);
        const parallel = await parallelRender(size, dir, threads);
        clearInterval(sampler);
        await settleDisk(settle);
        const checkSampler = setInterval(sampleRender, 10);
        const check = await parallelCheck(size, dir, threads);
        clearInterval(checkSampler);
        sampleRender();
        objects = parallel.files;
        real.push({ render: parallel.ms, check });
      }
      for (let run = 0; run < count; run++) {
        const dir = join(OUT, `${label}-${run}`);
        await settleDisk(settle);
        const { times, builds } = renderOnce(fleet, join(dir, "phases"));
        times.render = real[run].render;
        times.check = real[run].check;
        await settleDisk(settle);
        times.floor = floorOnce(builds, join(dir, "floor"));
        for (const [phase, ms] of Object.entries(times)) (samples[phase] ??= []).push(ms);
      }
      const m = Object.fromEntries(
        Object.entries(samples).map(([phase, values]) => [phase, median(values)]),
      );
      const cpu = (m.parse + m.validate + m.build + m.schema + m.pinned + m.emit) / objects;
      cpuPerFile.push({ label, objects, ms: cpu });
      // After the timed runs: every document rendered, compared with js-yaml's own dump.
      const yaml = yamlMismatches(warm.builds);
      for (const phase of [...PHASES, "render", "check", "floor"]) {
        const note = phase === "render"
          ? `main thread (no cluster file to sandbox), every check on, written; ${
            (m.render / m.floor).toFixed(2)
          }x the floor`
          : phase === "check"
          ? `main thread, compared with the tree on disk`
          : phase === "floor"
          ? "JSON, written, unchecked, one thread"
          : `one thread (where the time goes)`;
        rows.push(
          `${pad(label, 8)}${pad(phase, 10)}${num(m[phase])}${
            num(m[phase] / objects, 4).padStart(12)
          }  ${note}`,
        );
      }
      rows.push(
        `${pad(label, 8)}${pad("files", 10)}${String(objects).padStart(10)}${
          "".padStart(12)
        }  peak RSS: render/check ${(renderPeak / 2 ** 20).toFixed(0)} MiB, bench ${
          (peakRss / 2 ** 20).toFixed(0)
        } MiB; ${count} run(s)`,
      );
      verdicts.push(
        `${label}: YAML of ${yaml.compared} documents byte for byte js-yaml's dump (YAML 1.1 ` +
          `booleans and dates quoted, no anchors): ${
            yaml.differ.length === 0
              ? "holds"
              : `MISSED (${yaml.differ.length}, first ${yaml.differ[0]})`
          }`,
      );
      const ratio = m.render / m.floor;
      verdicts.push(
        `${label}: full render ${ratio.toFixed(2)}x the JSON floor (target <= 2.5x): ${
          ratio <= 2.5 ? "holds" : "MISSED"
        }`,
      );
      if (label === "50x400") {
        verdicts.push(
          `50x400: full render ${m.render.toFixed(0)} ms (target < 3000 ms): ${
            m.render < 3000 ? "holds" : "MISSED"
          }`,
        );
        verdicts.push(
          `50x400: check ${m.check.toFixed(0)} ms (target < 2000 ms): ${
            m.check < 2000 ? "holds" : "MISSED"
          }`,
        );
        verdicts.push(
          `50x400: peak RSS of render and check ${
            (renderPeak / 2 ** 20).toFixed(0)
          } MiB (target < 1024 MiB): ${renderPeak < 2 ** 30 ? "holds" : "MISSED"}`,
        );
      }
    }
    // Cost linear in objects: the CPU per file must not grow with the fleet.
    const bySize = [...cpuPerFile].sort((a, b) => a.objects - b.objects);
    for (let i = 1; i < bySize.length; i++) {
      const [small, large] = [bySize[i - 1], bySize[i]];
      const growth = large.ms / small.ms;
      verdicts.push(
        `cost linear in objects: one-thread CPU per file ${
          small.ms.toFixed(4)
        } ms at ${small.label}, ` +
          `${large.ms.toFixed(4)} ms at ${large.label} (x${growth.toFixed(2)}, target <= 1.5x): ${
            growth <= 1.5 ? "holds" : "MISSED"
          }`,
      );
    }
  } finally {
    await clearOutput();
    await settleDisk(settle);
    if (settle && written >= BIG_DELETE) writeCleanupNote({ ended: Date.now(), files: written });
    // Nothing to remember (--short, or small sizes and no earlier note): leave no folder behind.
    if (!readCleanupNote()) await Deno.remove(OUT, { recursive: true }).catch(() => {});
  }
  console.log(rows.join("\n"));
  console.log("");
  if (settled.failed) {
    console.log(
      "`sync` could not run: timed runs may have met the disk still writing earlier ones.\n",
    );
  } else if (settled.waits > 0) {
    console.log(
      `\`sync\` (before each timed run, and after the cleanup) waited ${
        (settled.ms / 1000).toFixed(1)
      } s in all (${settled.waits} times) for the disk to write back earlier runs.${
        waited > 0 ? ` The bench waited ${minutes(waited)} after the last one's cleanup.` : ""
      }`,
    );
    if (settle && written >= BIG_DELETE) {
      console.log(
        `This run deleted the ${written} files it wrote: the next one starts six minutes after` +
          " (see bench.ts, or pass --no-wait).\n",
      );
    } else console.log("");
  }
  console.log(verdicts.join("\n"));
  // A missed target fails the run, as a failing test would.
  return verdicts.some((verdict) => verdict.endsWith("MISSED")) ? 2 : 0;
}

Deno.exit(await main());
