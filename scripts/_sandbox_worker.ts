/**
 * The sandbox: the only place a cluster file runs. It imports each cluster file
 * (and what it imports), renders it with the pure library and sends back the
 * planned files and problems. It runs in a Worker whose permissions
 * (`_sandbox.ts`) allow reading the repository's clusters/, lib/, mod.ts and
 * vendor/ and nothing else: no writes, processes, network, environment or
 * system information.
 */
import "./_quiet.ts";
import { renderBuild } from "../lib/render.ts";
import { syntheticCluster } from "../lib/bench/fleet.ts";
import { statingLayer } from "../lib/model/layers.ts";
import type { SandboxReply, SandboxRequest, SandboxResult } from "./_sandbox.ts";

/** The worker's side of the channel (the project is type-checked with the main thread's globals). */
const scope = self as unknown as {
  onmessage: (event: MessageEvent<SandboxRequest>) => void;
  postMessage(message: unknown): void;
};

/** How long a cluster file may take to load (a top-level await that never resolves would hang the task). */
export const LOAD_TIMEOUT_MS = 10_000;

/**
 * Where an error comes from in the cluster files, as `path:line:column`: Deno puts
 * it in a syntax error's message and in the first stack frame of a runtime error.
 */
function location(cause: Error, root: string): string | undefined {
  const text = `${cause.message}\n${cause.stack ?? ""}`;
  for (const match of text.matchAll(/(file:\/\/\/[^\s):]+):(\d+):(\d+)/g)) {
    // A place in the cluster files, never in Hydrate's own code.
    if (match[1].startsWith(`${root}clusters/`)) {
      return `${match[1].slice(root.length)}:${match[2]}:${match[3]}`;
    }
  }
  return undefined;
}

/** Why a cluster file did not load, in one line: the error, and where it is. */
function loadError(cause: unknown, root: string): string {
  if (!(cause instanceof Error)) return `cannot be loaded: threw ${String(cause).split("\n")[0]}`;
  const first = cause.message.split("\n")[0];
  const what = /^(SyntaxError|TypeError|ReferenceError|RangeError): /.test(first)
    ? first
    : `${cause.name}: ${first}`;
  const where = location(cause, root);
  return `cannot be loaded: ${what}${where ? ` (${where})` : ""}`;
}

/** A cluster file's default export, or why it cannot be had (never a stack trace). */
async function load(url: string, root: string): Promise<{ data?: unknown; error?: string }> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(
            `did not finish loading in ${
              LOAD_TIMEOUT_MS / 1000
            } s (a top-level await that never resolves?)`,
          ),
        ),
      LOAD_TIMEOUT_MS,
    );
  });
  try {
    const module = await Promise.race([import(url), timeout]);
    if (module.default === undefined) {
      return { error: "has no default export (export default { name: ..., ... })" };
    }
    return { data: module.default };
  } catch (cause) {
    return { error: loadError(cause, root) };
  } finally {
    clearTimeout(timer);
  }
}

async function render(request: SandboxRequest): Promise<SandboxResult[]> {
  const results: SandboxResult[] = [];
  const layers: [string, unknown][] = [];
  for (const layer of request.layers ?? []) {
    const loaded = await load(new URL(layer, request.root).href, request.root);
    if (loaded.data !== undefined) layers.push([layer, loaded.data]);
  }
  for (const job of request.jobs) {
    const loaded = job.synthetic
      ? { data: syntheticCluster(job.synthetic.index, job.synthetic.apps) }
      : await load(new URL(job.source, request.root).href, request.root);
    if (loaded.error !== undefined) {
      results.push({ source: job.source, loadError: loaded.error, problems: [], files: [] });
      continue;
    }
    const result = renderBuild(loaded.data, job.source);
    results.push({
      source: job.source,
      name: result.name,
      problems: result.problems.map((problem) => {
        const layer = statingLayer(problem, loaded.data, layers);
        return layer ? { ...problem, layer } : problem;
      }),
      files: result.files,
      build: request.builds ? result.build : undefined,
    });
  }
  return results;
}

scope.onmessage = async (event) => {
  let reply: SandboxReply;
  try {
    reply = { ok: true, results: await render(event.data) };
  } catch (cause) {
    reply = { ok: false, message: cause instanceof Error ? cause.message : String(cause) };
  }
  scope.postMessage(reply);
};
