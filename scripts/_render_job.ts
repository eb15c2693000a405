/**
 * One share of a render, as a worker (or the main thread) runs it: load the
 * share's clusters, render each, read their folders from disk and plan the
 * writes; then, on the coordinator's word, prepare, commit or roll back. The
 * coordinator (`_parallel.ts`) writes nothing until every share rendered clean.
 */
import { renderCluster } from "../lib/render.ts";
import type { Problem } from "../lib/model/problem.ts";
import { planWrites, type WritePlan } from "../lib/output/write.ts";
import { syntheticCluster } from "../lib/bench/fleet.ts";
import { loadCluster, readTree, ROOTS } from "./_cli.ts";
import { commitWrites, type PreparedWrites, prepareWrites, rollbackWrites } from "./_write.ts";

/** A cluster to render: a cluster file, or a cluster of the benchmark's synthetic fleet. */
export interface ClusterJob {
  source: string;
  /** A cluster of the benchmark's synthetic fleet, built where it renders, instead of the file. */
  synthetic?: { index: number; apps: number };
}

/** What rendering one cluster gave, for the coordinator to report. */
export interface JobResult {
  source: string;
  name?: string;
  /** Why the file could not be loaded, if it could not. */
  loadError?: string;
  problems: Problem[];
  rendered: boolean;
}

/** The share's plan, as paths (the files stay with the share until it writes them). */
export interface PlanSummary {
  create: string[];
  update: string[];
  unchanged: number;
  remove: string[];
  conflicts: string[];
}

/** A share of a render and its state between the coordinator's steps. */
export interface Share {
  base: string;
  plan?: WritePlan;
  prepared?: PreparedWrites;
}

/** Renders the share's clusters and plans their writes against the folders on disk. */
export async function renderShare(
  share: Share,
  jobs: readonly ClusterJob[],
): Promise<{ results: JobResult[]; plan: PlanSummary }> {
  const results: JobResult[] = [];
  const files = [];
  for (const job of jobs) {
    let data: unknown;
    if (job.synthetic) data = syntheticCluster(job.synthetic.index, job.synthetic.apps);
    else {
      const loaded = await loadCluster(job.source);
      if (loaded.error !== undefined) {
        results.push({
          source: job.source,
          loadError: loaded.error,
          problems: [],
          rendered: false,
        });
        continue;
      }
      data = loaded.data;
    }
    const result = renderCluster(data, job.source);
    results.push({
      source: job.source,
      name: result.name,
      problems: result.problems,
      rendered: result.files.length > 0,
    });
    files.push(...result.files);
  }
  const names = results.filter((r) => r.rendered).map((r) => r.name!);
  const tree = readTree(
    names.flatMap((name) => ROOTS.map((root) => `${root}/${name}`)),
    share.base,
  );
  share.plan = planWrites(files, tree);
  return {
    results,
    plan: {
      create: share.plan.create.map((file) => file.path),
      update: share.plan.update.map((file) => file.path),
      unchanged: share.plan.unchanged.length,
      remove: share.plan.remove,
      conflicts: share.plan.conflicts,
    },
  };
}

/** Writes the share's new and changed files (temporaries beside existing ones); throws having undone them. */
export function prepareShare(share: Share): void {
  const plan = share.plan!;
  share.prepared = prepareWrites([...plan.create, ...plan.update], share.base);
}

/** Makes the share's writes final and removes its stale generated files. */
export function commitShare(share: Share): void {
  commitWrites(share.prepared!, share.plan!.remove, ROOTS, share.base);
}

/** Undoes the share's prepared writes. */
export function rollbackShare(share: Share): void {
  if (share.prepared) rollbackWrites(share.prepared);
}

/** A step the coordinator asks of a share. */
export type Request = { type: "render"; base: string; jobs: ClusterJob[] } | {
  type: "prepare" | "commit" | "rollback";
};

/** A share's answer: whether the step went through, and what rendering found. */
export interface Reply {
  ok: boolean;
  message?: string;
  results?: JobResult[];
  plan?: PlanSummary;
}

/** Runs one step of a share, in a worker or on the main thread; never throws. */
export async function handle(share: Share, request: Request): Promise<Reply> {
  try {
    if (request.type === "render") {
      share.base = request.base;
      return { ok: true, ...(await renderShare(share, request.jobs)) };
    }
    if (request.type === "prepare") prepareShare(share);
    else if (request.type === "commit") commitShare(share);
    else rollbackShare(share);
    return { ok: true };
  } catch (cause) {
    return { ok: false, message: cause instanceof Error ? cause.message : String(cause) };
  }
}
