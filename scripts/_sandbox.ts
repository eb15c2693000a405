/**
 * Runs cluster files in the sandbox (`_sandbox_worker.ts`): a Worker that may
 * read the repository's clusters/, lib/, mod.ts and vendor/ and nothing else,
 * and evaluates each file in a realm without the clock, randomness or the
 * machine (`_sandbox_purity.ts`), with bounded time and memory
 * (`_sandbox_bounds.ts`). A cluster file is code from whoever wrote the pull
 * request: evaluating it must give it no more power than a pure function of the
 * repository. The tasks add what a Worker cannot take away on its own:
 * `--frozen` and `--cached-only` (no import of anything not locked and cached,
 * no lock file rewrite) and `--no-prompt` (no permission prompt).
 */
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Problem } from "../lib/model/problem.ts";
import type { Build, PlannedFile } from "../lib/model/build.ts";
import { renderBuild } from "../lib/render.ts";
import type { RepositoryContext } from "../lib/model/repository.ts";
import { diskVendor, repositoryUpstream, VENDOR_DIR } from "./_vendor.ts";
import { type Upstream, upstreamFor } from "../lib/model/upstream/vendor.ts";
import { syntheticCluster } from "../lib/bench/fleet.ts";
import { statingLayer } from "../lib/model/layers.ts";
import { originUrl } from "./_origin.ts";
import { decodeMarkers, notATree } from "../lib/model/transfer.ts";
import { SANDBOX_READ } from "./_sandbox_paths.ts";
import { takeSnapshot } from "./_snapshot.ts";
import {
  LOAD_TIMEOUT_MS,
  MEMORY_BUDGET_MIB,
  stoppedError,
  TIMEOUT_ERROR,
} from "./_sandbox_bounds.ts";

export { SANDBOX_READ } from "./_sandbox_paths.ts";
export { LOAD_TIMEOUT_MS } from "./_sandbox_bounds.ts";

/** A cluster to render: a cluster file, or a cluster of the benchmark's synthetic fleet. */
export interface ClusterJob {
  source: string;
  /** A cluster of the benchmark's synthetic fleet, built on the main thread instead of a file. */
  synthetic?: { index: number; apps: number };
}

/** What a sandbox is asked: evaluate this cluster file of the repository at `root`. */
export interface SandboxRequest {
  /** The repository root, as a file URL ending in `/`. */
  root: string;
  /** The cluster file, relative to the root. */
  source: string;
  /** The shared layers (`clusters/_*.ts`): a problem with a value one states is the layer's. */
  layers?: string[];
  /** The process's resident memory, in bytes, beyond which the sandbox stops the file. */
  memoryLimit?: number;
  /** What the limit allows the sandboxes running at once, in MiB (for the message). */
  memoryBudgetMib?: number;
}

/**
 * A sandbox's answer: the cluster file's default export as plain data
 * (`transfer.ts`), or why there is none. Nothing in it is trusted beyond that:
 * the main thread checks its shape and renders the data itself.
 */
export interface SandboxReply {
  ok: boolean;
  message?: string;
  source?: string;
  loadError?: string;
  problems?: Problem[];
  data?: unknown;
  layers?: [string, unknown][];
  /** Stopped when the process outgrew the sandboxes' budget: another sandbox may have grown it. */
  overMemory?: boolean;
}

/** What rendering one cluster gave. */
export interface SandboxResult {
  source: string;
  name?: string;
  /** Why the file could not be loaded, if it could not. */
  loadError?: string;
  problems: Problem[];
  files: PlannedFile[];
  build?: Build;
  /** The cluster file's data, unrendered (with `dataOnly`). */
  data?: unknown;
}

/**
 * The evaluator, which the sandbox's host starts as a Node worker, and the one module it
 * imports from scripts/ (a Node worker must read the files it loads; it imports lib/ from
 * the snapshot).
 */
const EVALUATOR = ["_sandbox_eval.ts", "_sandbox_purity.ts"].map((name) =>
  fileURLToPath(new URL(`./${name}`, import.meta.url))
);

/** How long the main thread waits for a host that does not answer (its own timer stops the file first). */
const HOST_TIMEOUT_MS = LOAD_TIMEOUT_MS + 5_000;

/** The permissions of the sandbox: read the repository's sources (and the evaluator), nothing else. */
export function sandboxPermissions(root: string): Deno.PermissionOptionsObject {
  return {
    read: [...SANDBOX_READ.map((path) => join(root, path)), ...EVALUATOR],
    write: false,
    net: false,
    run: false,
    env: false,
    sys: false,
    ffi: false,
    import: false,
  };
}

/** The repository root of the current directory, as the file URL the sandbox resolves sources against. */
export function rootUrl(root: string): string {
  return pathToFileURL(join(root, "/")).href;
}

/**
 * Evaluates one cluster file in a fresh Worker (no module instance is shared
 * with another cluster file) and takes its first answer only; a Worker that
 * does not answer in time is stopped.
 *
 * @param running how many sandboxes run at once: together they may grow the process by
 *   `MEMORY_BUDGET_MIB` each
 */
export function evaluateInSandbox(
  root: string,
  request: SandboxRequest,
  running = 1,
): Promise<SandboxReply> {
  const worker = new Worker(new URL("./_sandbox_worker.ts", import.meta.url).href, {
    type: "module",
    deno: { permissions: sandboxPermissions(root) },
  });
  const budget = MEMORY_BUDGET_MIB * running;
  return new Promise<SandboxReply>((resolve) => {
    const timer = setTimeout(
      () => resolve({ ok: true, source: request.source, loadError: TIMEOUT_ERROR }),
      HOST_TIMEOUT_MS,
    );
    const answer = (reply: SandboxReply) => {
      clearTimeout(timer);
      resolve(reply);
    };
    worker.onmessage = (event: MessageEvent<unknown>) => answer(checkedReply(event.data, request));
    worker.onerror = (event) => {
      event.preventDefault();
      // The host died (a module it imports cannot be had, say).
      const message = String(event.message ?? "the sandbox stopped");
      answer({ ok: true, source: request.source, loadError: stoppedError(message) });
    };
    worker.postMessage({
      ...request,
      memoryLimit: Deno.memoryUsage().rss + budget * 2 ** 20,
      memoryBudgetMib: budget,
    });
  }).finally(() => worker.terminate());
}

const isText = (value: unknown): value is string => typeof value === "string";

/** What a sandbox's answer must not hold: where the sources were copied to (a random folder). */
function snapshotMarks(root: string): string[] {
  const folder = root.replace(/\/$/, "");
  const name = folder.slice(folder.lastIndexOf("/") + 1);
  const marks = [folder, fileURLToPath(folder)];
  return name.startsWith("sources-") ? [...marks, name] : marks;
}

/** Where in a tree of plain data a key or a text holds one of `marks`, or `undefined`. */
function markedAt(value: unknown, marks: string[], at = ""): string | undefined {
  if (isText(value)) {
    return marks.some((mark) => value.includes(mark)) ? at || "(the data)" : undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const here = Array.isArray(value) ? `${at}[${key}]` : at ? `${at}.${key}` : key;
    if (marks.some((mark) => key.includes(mark))) return here;
    const found = markedAt(item, marks, here);
    if (found) return found;
  }
  return undefined;
}

/** A load error with the paths of the snapshot made relative to it (they are the repository's). */
function relative(loadError: string, root: string): string {
  return loadError.replaceAll(root, "").replaceAll(fileURLToPath(root), "");
}

/** A reply as the main thread may use it: for the cluster it asked about, in the shape it expects. */
function checkedReply(value: unknown, request: SandboxRequest): SandboxReply {
  const reply = (value ?? {}) as SandboxReply;
  if (typeof value !== "object" || reply.source !== request.source) {
    return wrongReply(request, "for another file");
  }
  if (!reply.ok) {
    const why = isText(reply.message) ? reply.message.split("\n")[0] : "the sandbox failed";
    return {
      ok: true,
      source: request.source,
      loadError: relative(`cannot be loaded: ${why}`, request.root),
    };
  }
  if (reply.loadError !== undefined) {
    if (!isText(reply.loadError)) return wrongReply(request, "an error that is not text");
    const loadError = relative(reply.loadError, request.root);
    return { ok: true, source: request.source, loadError, overMemory: reply.overMemory === true };
  }
  return checkedData(reply, request);
}

/** A cluster file can post to the channel itself: what does not fit is its load error. */
function wrongReply(request: SandboxRequest, why: string): SandboxReply {
  return {
    ok: true,
    source: request.source,
    loadError: `cannot be loaded: the sandbox answered ${why} (does the file post messages?)`,
  };
}

/** The data of a reply (and its layers'), as plain data that does not depend on where the sources were. */
function checkedData(reply: SandboxReply, request: SandboxRequest): SandboxReply {
  const layers = (Array.isArray(reply.layers) ? reply.layers : []).filter((entry) =>
    Array.isArray(entry) && (request.layers ?? []).includes(entry[0])
  );
  // Walked only once known to be a bounded tree: a posted cycle or a shared-reference bomb is refused.
  const trees = [reply.data, ...layers.map((entry) => entry[1])];
  const why = trees.map(notATree).find(Boolean);
  if (why) return wrongReply(request, `with data that is not a tree of plain data: ${why}`);
  // import.meta.url and stack traces show the random folder the sources were copied to.
  const marked = trees.map((tree) => markedAt(tree, snapshotMarks(request.root))).find(Boolean);
  if (marked) {
    return {
      ok: true,
      source: request.source,
      loadError:
        `cannot be loaded: its data holds the path the sources were copied to for this render (at ${marked}: import.meta.url?); the same repository must render the same bytes wherever it is`,
    };
  }
  if (reply.problems === undefined) {
    return { ok: true, source: request.source, layers, data: reply.data };
  }
  const problems = Array.isArray(reply.problems) ? reply.problems : [];
  const valid = problems.length > 0 &&
    problems.every((p) => isText(p?.path) && isText(p?.message));
  if (!valid) return wrongReply(request, "with problems that are not problems");
  return {
    ok: true,
    source: request.source,
    layers,
    problems: problems.map((p) => ({
      path: p.path,
      message: p.message,
      severity: "error",
      // A layer only as one of those asked about.
      ...((request.layers ?? []).includes(p.layer!) ? { layer: p.layer } : {}),
    })),
  };
}

/** What every cluster of one render is rendered with. */
interface RenderContext {
  builds: boolean;
  upstream: Upstream;
  /** The repository's `origin` remote, when it has one (rule 32). */
  origin?: string;
  /** The repository's root, whose folders its own Git apps read (rule 32). */
  root?: string;
}

/** The names in a folder of the repository at `root`, or `undefined` when there is none. */
function folderOf(root: string, path: string): string[] | undefined {
  try {
    return [...Deno.readDirSync(join(root, path))].map((entry) => entry.name);
  } catch {
    return undefined;
  }
}

/** The largest repository file a rule reads (a kustomization is a few KiB). */
const MAX_REPOSITORY_FILE = 1 << 20;

/** The text of a file of the repository at `root`, or `undefined` when there is none (or too big). */
function fileOf(root: string, path: string): string | undefined {
  try {
    const full = join(root, path);
    if (!Deno.statSync(full).isFile || Deno.statSync(full).size > MAX_REPOSITORY_FILE) {
      return undefined;
    }
    return Deno.readTextFileSync(full);
  } catch {
    return undefined;
  }
}

/** What a render knows of the repository at `root`: its folders and files, its `origin`. */
export function localRepository(
  root: string,
  origin: string | undefined,
  inherited: (path: string) => string | undefined = () => undefined,
): RepositoryContext {
  return {
    origin,
    inherited,
    folder: (path: string) => folderOf(root, path),
    file: (path: string) => fileOf(root, path),
  };
}

/** Renders one cluster's data on the main thread, with the layers that state its values. */
function renderData(
  source: string,
  data: unknown,
  layers: [string, unknown][],
  { builds, upstream, origin, root }: RenderContext,
): SandboxResult {
  const repository = root === undefined ? undefined : localRepository(
    root,
    origin,
    (path: string) => statingLayer({ path, message: "", severity: "error" }, data, layers),
  );
  const result = renderBuild(data, source, upstream, repository);
  return {
    source,
    name: result.name,
    problems: result.problems.map((problem) => {
      const layer = statingLayer(problem, data, layers);
      return layer ? { ...problem, layer } : problem;
    }),
    files: result.files,
    build: builds ? result.build : undefined,
  };
}

/** What a sandbox's reply renders to (or its data, unrendered, with `dataOnly`). */
function resultOf(
  reply: SandboxReply,
  source: string,
  context: RenderContext,
  dataOnly = false,
): SandboxResult {
  if (!reply.ok) throw new Error(reply.message ?? `the sandbox of ${source} failed`);
  if (reply.loadError !== undefined) {
    return { source, loadError: reply.loadError, problems: [], files: [] };
  }
  const layers = (reply.layers ?? []).map(([path, data]) =>
    [path, decodeMarkers(data)] as [string, unknown]
  );
  if (reply.problems !== undefined) return { source, problems: reply.problems, files: [] };
  if (dataOnly) return { source, problems: [], files: [], data: decodeMarkers(reply.data) };
  return renderData(source, decodeMarkers(reply.data), layers, context);
}

/** How long a render waits for stopped sandboxes to give their memory back, at most. */
const SETTLE_MS = 3_000;

/** Waits until the process is back near `baseline` bytes (the stopped sandboxes' memory given back), or a while. */
async function settled(baseline: number): Promise<void> {
  const near = baseline + MEMORY_BUDGET_MIB * 2 ** 19;
  for (let waited = 0; waited < SETTLE_MS && Deno.memoryUsage().rss > near; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Renders jobs, at most `threads` sandboxes at once (clusters are independent),
 * and returns their results in the order of `jobs`. The sandboxes import a
 * snapshot of the repository's sources (`_snapshot.ts`), taken once for the
 * render; what they send back is data, rendered here.
 */
export async function renderInSandboxes(
  repository: string,
  jobs: readonly ClusterJob[],
  options: { threads?: number; builds?: boolean; layers?: string[]; dataOnly?: boolean } = {},
): Promise<SandboxResult[]> {
  const builds = options.builds ?? false;
  const files = jobs.filter((job) => !job.synthetic);
  const snapshot = files.length > 0 ? takeSnapshot(repository) : undefined;
  try {
    const root = snapshot?.dir ?? repository;
    // The vendored artifacts are read from the same snapshot as the cluster files.
    const upstream = snapshot
      ? upstreamFor(diskVendor(join(snapshot.dir, VENDOR_DIR)))
      : repositoryUpstream();
    const context: RenderContext = {
      builds,
      upstream,
      origin: originUrl(repository),
      root: repository,
    };
    const results: SandboxResult[] = new Array(jobs.length);
    const baseline = Deno.memoryUsage().rss;
    const count = Math.max(1, Math.min(options.threads ?? 1, jobs.length));
    // Stopped while the process outgrew the budget of the sandboxes running at once: any of
    // them may have grown it, so each is evaluated again alone, and only the culprit fails.
    const again: number[] = [];
    const evaluate = async (i: number, running: number) => {
      const request = { root: rootUrl(root), source: jobs[i].source, layers: options.layers };
      const reply = await evaluateInSandbox(root, request, running);
      if (reply.overMemory && running > 1) again.push(i);
      else results[i] = resultOf(reply, jobs[i].source, context, options.dataOnly);
    };
    let next = 0;
    const lane = async () => {
      while (next < jobs.length) {
        const i = next++;
        const job = jobs[i];
        if (!job.synthetic) await evaluate(i, count);
        else {
          const data = syntheticCluster(job.synthetic.index, job.synthetic.apps);
          results[i] = renderData(job.source, data, [], context);
        }
      }
    };
    await Promise.all(Array.from({ length: count }, lane));
    for (const i of again.sort((a, b) => a - b)) {
      await settled(baseline);
      await evaluate(i, 1);
    }
    return results;
  } finally {
    snapshot?.remove();
  }
}
