/**
 * The sandbox: the only place a cluster file runs. A fresh Worker per cluster
 * file imports it (and the shared layers) and sends back its default export as
 * plain data, nothing else: the main thread parses, checks and renders that data
 * with code no cluster file has touched. The Worker's permissions
 * (`_sandbox.ts`) allow reading the snapshot of the sources and nothing else.
 */
import "./_quiet.ts";
import { nonData } from "../lib/model/plain_data.ts";
import { encodeMarkers } from "../lib/model/transfer.ts";
import { statingLayer } from "../lib/model/layers.ts";
import type { SandboxReply, SandboxRequest } from "./_sandbox.ts";

/** The worker's side of the channel (the project is type-checked with the main thread's globals). */
const scope = self as unknown as {
  onmessage: (event: MessageEvent<SandboxRequest>) => void;
  postMessage(message: unknown): void;
};

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

async function evaluate(request: SandboxRequest): Promise<SandboxReply> {
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
  const problems = nonData(loaded.data).map((problem) => {
    const layer = statingLayer(problem, loaded.data, loadedLayers);
    return layer ? { ...problem, layer } : problem;
  });
  if (problems.length > 0) return { ok: true, source: request.source, problems, layers };
  return { ok: true, source: request.source, data: encodeMarkers(loaded.data), layers };
}

scope.onmessage = async (event) => {
  let reply: SandboxReply;
  try {
    reply = await evaluate(event.data);
  } catch (cause) {
    reply = { ok: false, message: cause instanceof Error ? cause.message : String(cause) };
  }
  scope.postMessage(reply);
};
