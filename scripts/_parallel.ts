/**
 * Renders many clusters on a thread per core (the main thread and workers), all
 * or nothing: every share renders and plans first; only when no share found an
 * error does any write, and a write that fails in one share rolls back every
 * share.
 *
 * Clusters are independent (each owns `apps/<name>/` and `omni/<name>/`), so a
 * share is a set of clusters. Up to 15 clusters render on the main thread alone:
 * a worker costs more to start and warm up (about 0.3 s here) than it saves them.
 */
import { join } from "node:path";
import { isGenerated } from "../lib/output/write.ts";
import { NO_CLUSTERS, readTree, type Report, reportCluster, ROOTS } from "./_cli.ts";
import {
  type ClusterJob,
  handle,
  type PlanSummary,
  type Reply,
  type Request,
  type Share,
} from "./_render_job.ts";
import { commitWrites, makeDirs, rollbackWrites } from "./_write.ts";

/** Clusters per thread below which another thread is not worth starting (measured: README, performance). */
const CLUSTERS_PER_THREAD = 8;

/** Runs a share's steps: in a worker, or on the main thread. */
interface Runner {
  call(request: Request): Promise<Reply>;
  close(): void;
}

function inProcess(): Runner {
  const share: Share = { base: "." };
  return { call: (request) => handle(share, request), close() {} };
}

function inWorker(): Runner {
  const worker = new Worker(new URL("./_render_worker.ts", import.meta.url).href, {
    type: "module",
  });
  let answer: ((reply: Reply) => void) | undefined;
  const reply = (value: Reply) => {
    const resolve = answer;
    answer = undefined;
    resolve?.(value);
  };
  worker.onmessage = (event: MessageEvent<Reply>) => reply(event.data);
  worker.onerror = (event) => {
    event.preventDefault();
    reply({ ok: false, message: event.message });
  };
  return {
    call: (request) =>
      new Promise((resolve) => {
        answer = resolve;
        worker.postMessage(request);
      }),
    close: () => worker.terminate(),
  };
}

/** A rendered tree, planned but not written. */
export interface TreeRender {
  /** The rendered clusters' names, in the order of their files. */
  clusters: string[];
  errors: string[];
  warnings: string[];
  /** Every share's plan, plus the generated files of clusters no longer rendered. */
  plan: PlanSummary;
  /** How many threads rendered it: the main thread and `threads - 1` workers. */
  threads: number;
  /** Writes the plan, all or nothing; throws with nothing written. */
  write(): Promise<void>;
  /** Stops the workers. */
  close(): void;
}

/** The generated files under the roots outside the folders of `clusters`: what a removed cluster left. */
function leftovers(clusters: ReadonlySet<string>, base: string): string[] {
  const others = readTree(ROOTS, base, (path) => !clusters.has(path.split("/")[1]));
  return [...others].filter(([, content]) => isGenerated(content)).map(([path]) => path).sort();
}

/**
 * Renders `jobs` (sorted by source) and plans their writes under `base`.
 *
 * @param threads how many threads (the main one and workers); by default one per core, and one
 *   for a few clusters
 */
export async function renderTree(
  jobs: readonly ClusterJob[],
  options: { strict: boolean; base?: string; threads?: number },
): Promise<TreeRender> {
  const base = options.base ?? ".";
  const count = Math.max(
    1,
    Math.min(
      options.threads ?? Math.floor(jobs.length / CLUSTERS_PER_THREAD),
      navigator.hardwareConcurrency,
      jobs.length,
    ),
  );
  // The main thread renders a share too: it would only wait otherwise, and one fewer worker is one
  // fewer heap and JIT to warm. Workers come first, so each has its share before the main thread
  // starts on its own (which may not yield until it is done).
  const runners = [...Array.from({ length: count - 1 }, inWorker), inProcess()];
  const close = () => runners.forEach((runner) => runner.close());
  const shares = runners.map((_, i) => jobs.filter((_, j) => j % count === i));
  const replies = await Promise.all(
    runners.map((runner, i) => runner.call({ type: "render", base, jobs: shares[i] })),
  );
  const out: TreeRender = {
    clusters: [],
    errors: [],
    warnings: [],
    plan: { create: [], update: [], unchanged: 0, remove: [], conflicts: [] },
    threads: count,
    write: async () => {},
    close,
  };
  if (jobs.length === 0) out.errors.push(NO_CLUSTERS);
  const failed = replies.find((reply) => !reply.ok);
  if (failed) {
    close();
    throw new Error(failed.message);
  }
  const results = new Map(replies.flatMap((reply) => reply.results!).map((r) => [r.source, r]));
  const report: Report = { errors: out.errors, warnings: out.warnings, owners: new Map() };
  for (const { source } of jobs) {
    const result = results.get(source)!;
    reportCluster(report, source, result, options.strict);
    if (result.rendered) out.clusters.push(result.name!);
  }
  for (const reply of replies) {
    const plan = reply.plan!;
    out.plan.create.push(...plan.create);
    out.plan.update.push(...plan.update);
    out.plan.unchanged += plan.unchanged;
    out.plan.remove.push(...plan.remove);
    out.plan.conflicts.push(...plan.conflicts);
  }
  const stale = leftovers(new Set(out.clusters), base);
  out.plan.remove.push(...stale);
  for (const list of [out.plan.create, out.plan.update, out.plan.remove, out.plan.conflicts]) {
    list.sort();
  }
  out.write = async () => {
    // The folders every share writes under are made here, so a share's rollback never meets another's.
    const shared = { createdDirs: [] as string[], createdFiles: [], temps: [] };
    for (const root of ROOTS) makeDirs(join(base, root), shared.createdDirs);
    const prepared = await Promise.all(runners.map((runner) => runner.call({ type: "prepare" })));
    const failure = prepared.find((reply) => !reply.ok);
    if (failure) {
      await Promise.all(runners.map((runner) => runner.call({ type: "rollback" })));
      rollbackWrites(shared);
      throw new Error(failure.message);
    }
    const committed = await Promise.all(runners.map((runner) => runner.call({ type: "commit" })));
    const broken = committed.find((reply) => !reply.ok);
    if (broken) throw new Error(broken.message);
    commitWrites({ createdDirs: [], createdFiles: [], temps: [] }, stale, ROOTS, base);
  };
  return out;
}
