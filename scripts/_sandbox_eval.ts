/**
 * The evaluator: the only place a cluster file runs. The sandbox's host
 * (`_sandbox_worker.ts`) starts it as a Node worker, with the host's permissions
 * (read the snapshot of the sources, nothing else) and a bounded heap. It makes
 * its realm a pure function's (`_sandbox_purity.ts`), imports the cluster file
 * (and the shared layers), and sends back its default export as plain data,
 * nothing else: the main thread parses, checks and renders that data with code
 * no cluster file has touched.
 */
import { purify } from "./_sandbox_purity.ts";
import type { SandboxReply, SandboxRequest } from "./_sandbox.ts";
import type { Problem } from "../lib/model/problem.ts";

// As scripts/_quiet.ts does (a Node worker may read only this file and the purity module):
// Node's deprecation notices from dependencies are not the user's business.
(process as { noDeprecation?: boolean }).noDeprecation = true;
// Taken from the process, not imported: the import map may refuse these modules to the
// sandbox, and the purity module closes what they would give a cluster file.
const { parentPort, threadId, Worker, workerData } = process.getBuiltinModule(
  "node:worker_threads",
) as typeof import("node:worker_threads");
const vm = process.getBuiltinModule("node:vm") as typeof import("node:vm");

/** What the evaluator uses of lib/, imported from the snapshot (which is all it may read). */
interface Lib {
  /** lib/model/plain_data.ts */
  nonData(value: unknown): Problem[];
  /** lib/model/transfer.ts */
  encodeMarkers(value: unknown): unknown;
  /** lib/model/layers.ts */
  statingLayer(
    problem: Problem,
    cluster: unknown,
    layers: readonly [string, unknown][],
  ): string | undefined;
}

/** lib/'s checks, from the snapshot at `root`. */
async function libOf(root: string): Promise<Lib> {
  const [plain, transfer, layers] = await Promise.all(
    ["plain_data", "transfer", "layers"].map((name) =>
      import(new URL(`lib/model/${name}.ts`, root).href)
    ),
  );
  return {
    nonData: plain.nonData,
    encodeMarkers: transfer.encodeMarkers,
    statingLayer: layers.statingLayer,
  };
}

/**
 * Where an error comes from in the cluster files, as `path:line:column`: Deno puts
 * it in a syntax error's message (as a URL) and the sandbox's stack traces in
 * their first frame (relative to the root).
 */
function location(cause: Error, root: string): string | undefined {
  const text = `${cause.message}\n${cause.stack ?? ""}`;
  for (
    const match of text.matchAll(/(file:\/\/\/[^\s):]+|(?<![\w/.])clusters\/[^\s):]+):(\d+):(\d+)/g)
  ) {
    const file = match[1].startsWith(root) ? match[1].slice(root.length) : match[1];
    // A place in the cluster files, never in Hydrate's own code.
    if (file.startsWith("clusters/")) return `${file}:${match[2]}:${match[3]}`;
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

/** A module's default export, or why it cannot be had (never a stack trace). */
async function load(url: string, root: string): Promise<{ data?: unknown; error?: string }> {
  try {
    const module = await import(url);
    if (module.default === undefined) {
      return { error: "has no default export (export default { name: ..., ... })" };
    }
    return { data: module.default };
  } catch (cause) {
    return { error: loadError(cause, root) };
  }
}

/** The cluster file's data and its layers', or why there is none. */
async function evaluate(
  request: SandboxRequest,
  { nonData, encodeMarkers, statingLayer }: Lib,
): Promise<SandboxReply> {
  // Every layer as loaded (what states a value that is not data, too); only data crosses.
  const loadedLayers: [string, unknown][] = [];
  for (const layer of request.layers ?? []) {
    const loaded = await load(new URL(layer, request.root).href, request.root);
    if (loaded.data !== undefined) loadedLayers.push([layer, loaded.data]);
  }
  const layers = loadedLayers.filter(([, data]) => nonData(data).length === 0)
    .map(([path, data]) => [path, encodeMarkers(data)] as [string, unknown]);
  const loaded = await load(new URL(request.source, request.root).href, request.root);
  if (loaded.error !== undefined) {
    return { ok: true, source: request.source, loadError: loaded.error };
  }
  // What is not data cannot cross to the main thread: it is named here, by path, and by the
  // layer that states it.
  const problems = nonData(loaded.data).map((problem: Problem) => {
    const layer = statingLayer(problem, loaded.data, loadedLayers);
    return layer ? { ...problem, layer } : problem;
  });
  if (problems.length > 0) return { ok: true, source: request.source, problems, layers };
  return { ok: true, source: request.source, data: encodeMarkers(loaded.data), layers };
}

const port = parentPort!;
const post = port.postMessage.bind(port);
const request = workerData as SandboxRequest;
// Deno interrupts the synchronous JavaScript of a worker it terminates only when the worker
// holds a Web Lock (deno v2.9.5 runtime/ops/worker_host.rs, `impl Drop for WorkerThread`):
// held for the whole evaluation, so that the host's timeout stops a loop that never ends.
const locks = (navigator as unknown as {
  locks: { request(name: string, hold: () => Promise<void>): Promise<void> };
}).locks;
await new Promise<void>((held) =>
  locks.request(`hydrate-sandbox-${threadId}`, () => {
    held();
    return new Promise<void>(() => {});
  })
);
let reply: SandboxReply;
try {
  // Before anything of the snapshot runs (its lib/ too): nothing in it ever sees the originals.
  purify(request.root, { worker: Worker, vm });
  const lib = await libOf(request.root);
  reply = await evaluate(request, lib);
} catch (cause) {
  reply = { ok: false, message: cause instanceof Error ? cause.message : String(cause) };
}
post(reply);
