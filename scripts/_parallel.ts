/**
 * Renders many clusters, all or nothing: every cluster file runs in a sandbox
 * Worker (`_sandbox.ts`: it may read the repository's sources and nothing else,
 * so a cluster file can neither write nor run anything), one sandbox per core
 * from 16 clusters on; the main thread, which alone writes, never imports a
 * cluster file. It reads the rendered folders, plans, and writes only when no
 * cluster has an error: new files in place, changed ones beside themselves,
 * moved into place once every write succeeded.
 */
import { isGenerated, planWrites, type WritePlan } from "../lib/output/write.ts";
import {
  finishReport,
  layerFiles,
  NO_CLUSTERS,
  readTree,
  type Report,
  reportCluster,
  ROOTS,
} from "./_cli.ts";
import { type ClusterJob, renderInSandboxes } from "./_sandbox.ts";
import { applyJournaled, lock, recover } from "./_journal.ts";
import { removeStaleSnapshots } from "./_snapshot.ts";

export type { ClusterJob } from "./_sandbox.ts";

/** The plan, as paths. */
export interface PlanSummary {
  create: string[];
  update: string[];
  unchanged: number;
  remove: string[];
  conflicts: string[];
  /** Files without Hydrate's header in a rendered cluster's folders (Argo CD would sync them). */
  unmanaged: string[];
  /** Symbolic links under the rendered roots (a write would follow them). */
  symlinks: string[];
}

/** A rendered tree, planned but not written. */
export interface TreeRender {
  /** The rendered clusters' names, in the order of their files. */
  clusters: string[];
  errors: string[];
  warnings: string[];
  plan: PlanSummary;
  /** How many sandboxes rendered it. */
  threads: number;
  /** Writes the plan, all or nothing; throws with nothing written. */
  write(): Promise<void>;
  /** Releases the render lock (the sandboxes are gone once the render returns). */
  close(): void;
  /** What finishing an interrupted render did, if one was found. */
  recovered?: string;
}

function summary(plan: WritePlan, stale: readonly string[], symlinks: string[]): PlanSummary {
  return {
    unmanaged: plan.unmanaged,
    symlinks,
    create: plan.create.map((file) => file.path).sort(),
    update: plan.update.map((file) => file.path).sort(),
    unchanged: plan.unchanged.length,
    remove: [...plan.remove, ...stale].sort(),
    conflicts: [...plan.conflicts].sort(),
  };
}

/**
 * Renders `jobs` (sorted by source) in sandboxes and plans their writes under `base`.
 *
 * @param threads how many sandboxes; by default one per core, and one for a few clusters
 */
export async function renderTree(
  jobs: readonly ClusterJob[],
  options: { strict: boolean; base?: string; threads?: number; lock?: boolean },
): Promise<TreeRender> {
  const base = options.base ?? ".";
  const threads = Math.max(
    1,
    Math.min(
      // One sandbox per cluster file, as many at once as there are cores.
      options.threads ?? jobs.length,
      navigator.hardwareConcurrency,
      Math.max(jobs.length, 1),
    ),
  );
  // One render at a time; what a killed one left is finished first (rolled back or forward).
  const held = options.lock === false ? undefined : await lock(
    base,
    (path) => console.error(`Waiting for another render or check to finish (it holds ${path})...`),
  );
  const recovered = held ? recover(base, ROOTS) : undefined;
  if (held) removeStaleSnapshots(Deno.cwd());
  // The sandboxes start rendering at once; meanwhile this thread reads the rendered roots.
  const rendering = jobs.length === 0
    ? Promise.resolve([])
    : renderInSandboxes(Deno.cwd(), jobs, { threads, layers: await layerFiles() });
  // Symbolic links are found in the same walk (a directory entry says whether it is one).
  const symlinks: string[] = [];
  const disk = readTree(ROOTS, base, undefined, symlinks);
  const results = await rendering;
  const out: TreeRender = {
    clusters: [],
    errors: [],
    warnings: [],
    plan: {
      create: [],
      update: [],
      unchanged: 0,
      remove: [],
      conflicts: [],
      unmanaged: [],
      symlinks: [],
    },
    threads,
    write: async () => {},
    close: () => held?.close(),
    recovered,
  };
  if (jobs.length === 0) out.errors.push(NO_CLUSTERS);
  const report: Report = { errors: out.errors, warnings: out.warnings, owners: new Map() };
  const files = [];
  for (const result of results) {
    reportCluster(report, result.source, result, options.strict);
    if (result.files.length > 0) {
      out.clusters.push(result.name!);
      files.push(...result.files);
    }
  }
  finishReport(report);
  const names = new Set(out.clusters);
  const mine = new Map([...disk].filter(([path]) => names.has(path.split("/")[1])));
  const plan = planWrites(files, mine);
  const others = [...disk].filter(([path]) => !names.has(path.split("/")[1]));
  const stale = others.filter(([, content]) => isGenerated(content)).map(([path]) => path).sort();
  // Another folder's file without the header is no cluster's to remove, but Argo CD may read it.
  const foreign = others.filter(([, content]) => !isGenerated(content)).map(([path]) => path);
  plan.unmanaged = [...plan.unmanaged, ...foreign].sort();
  out.plan = summary(plan, stale, symlinks);
  out.write = () => {
    try {
      if (symlinks.length > 0) throw new Error(`symbolic links under ${ROOTS.join(", ")}`);
      applyJournaled(plan.create, plan.update, [...plan.remove, ...stale], ROOTS, base);
      return Promise.resolve();
    } catch (cause) {
      return Promise.reject(cause);
    }
  };
  return out;
}
