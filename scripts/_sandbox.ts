/**
 * Runs cluster files in the sandbox (`_sandbox_worker.ts`): a Worker that may
 * read the repository's clusters/, lib/, mod.ts and vendor/ and nothing else.
 * A cluster file is code from whoever wrote the pull request: evaluating it must
 * give it no more power than a pure function of the repository. The tasks add
 * what a Worker cannot take away on its own: `--frozen` and `--cached-only`
 * (no import of anything not locked and cached, no lock file rewrite) and
 * `--no-prompt` (no permission prompt).
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
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

export { SANDBOX_READ } from "./_sandbox_paths.ts";

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
 * How long a cluster file may take to load: a loop or a top-level await that
 * never ends would hang the task. The main thread's timer stops the Worker.
 */
export const LOAD_TIMEOUT_MS = 10_000;

/** The permissions of the sandbox: read the repository's sources, nothing else. */
export function sandboxPermissions(root: string): Deno.PermissionOptionsObject {
  return {
    read: SANDBOX_READ.map((path) => join(root, path)),
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
 */
export function evaluateInSandbox(root: string, request: SandboxRequest): Promise<SandboxReply> {
  const worker = new Worker(new URL("./_sandbox_worker.ts", import.meta.url).href, {
    type: "module",
    deno: { permissions: sandboxPermissions(root) },
  });
  return new Promise<SandboxReply>((resolve) => {
    const timer = setTimeout(() =>
      resolve({
        ok: true,
        source: request.source,
        loadError: `cannot be loaded: did not finish loading in ${
          LOAD_TIMEOUT_MS / 1000
        } s (a loop or a top-level await that never ends?)`,
      }), LOAD_TIMEOUT_MS);
    const answer = (reply: SandboxReply) => {
      clearTimeout(timer);
      resolve(reply);
    };
    worker.onmessage = (event: MessageEvent<unknown>) => answer(checkedReply(event.data, request));
    worker.onerror = (event) => {
      event.preventDefault();
      // The Worker died while evaluating the file (a module it imports cannot be had, say).
      const message = String(event.message ?? "the sandbox stopped");
      // The frozen lock refuses every import in the run once one file asked for a module not in it.
      const why = /lockfile is out of date/.test(message)
        ? "not evaluated: a cluster file imports a module that is not in deno.lock (its own error names it), and the frozen lock then refuses every later import"
        : message.split("\n")[0];
      answer({ ok: true, source: request.source, loadError: `cannot be loaded: ${why}` });
    };
    worker.postMessage(request);
  }).finally(() => worker.terminate());
}

const isText = (value: unknown): value is string => typeof value === "string";

/** A reply as the main thread may use it: for the cluster it asked about, in the shape it expects. */
function checkedReply(value: unknown, request: SandboxRequest): SandboxReply {
  const reply = (value ?? {}) as SandboxReply;
  // A cluster file can post to the channel itself: what does not fit is its load error.
  const wrong = (why: string): SandboxReply => ({
    ok: true,
    source: request.source,
    loadError: `cannot be loaded: the sandbox answered ${why} (does the file post messages?)`,
  });
  if (typeof value !== "object" || reply.source !== request.source) {
    return wrong("for another file");
  }
  if (!reply.ok) {
    const why = isText(reply.message) ? reply.message.split("\n")[0] : "the sandbox failed";
    return { ok: true, source: request.source, loadError: `cannot be loaded: ${why}` };
  }
  if (reply.loadError !== undefined) {
    return isText(reply.loadError)
      ? { ok: true, source: request.source, loadError: reply.loadError }
      : wrong("an error that is not text");
  }
  const layers = (Array.isArray(reply.layers) ? reply.layers : []).filter((entry) =>
    Array.isArray(entry) && (request.layers ?? []).includes(entry[0])
  );
  // Walked only once known to be a bounded tree: a posted cycle or a shared-reference bomb is refused.
  const why = [reply.data, ...layers.map((entry) => entry[1])].map(notATree).find(Boolean);
  if (why) return wrong(`with data that is not a tree of plain data: ${why}`);
  if (reply.problems !== undefined) {
    const problems = Array.isArray(reply.problems) ? reply.problems : [];
    const valid = problems.length > 0 &&
      problems.every((p) => isText(p?.path) && isText(p?.message));
    if (!valid) return wrong("with problems that are not problems");
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
  return { ok: true, source: request.source, layers, data: reply.data };
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
    let next = 0;
    const lane = async () => {
      while (next < jobs.length) {
        const i = next++;
        const job = jobs[i];
        if (job.synthetic) {
          const data = syntheticCluster(job.synthetic.index, job.synthetic.apps);
          results[i] = renderData(job.source, data, [], context);
          continue;
        }
        const request = { root: rootUrl(root), source: job.source, layers: options.layers };
        const reply = await evaluateInSandbox(root, request);
        results[i] = resultOf(reply, job.source, context, options.dataOnly);
      }
    };
    const count = Math.max(1, Math.min(options.threads ?? 1, jobs.length));
    await Promise.all(Array.from({ length: count }, lane));
    return results;
  } finally {
    snapshot?.remove();
  }
}
