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
import type { SandboxReply, SandboxRequest, SandboxResult } from "./_sandbox.ts";

/** The worker's side of the channel (the project is type-checked with the main thread's globals). */
const scope = self as unknown as {
  onmessage: (event: MessageEvent<SandboxRequest>) => void;
  postMessage(message: unknown): void;
};

/** A cluster file's default export, or why it cannot be had (never a stack trace). */
async function load(url: string): Promise<{ data?: unknown; error?: string }> {
  try {
    const module = await import(url);
    if (module.default === undefined) {
      return { error: "has no default export (export default { name: ..., ... })" };
    }
    return { data: module.default };
  } catch (cause) {
    const text = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    return { error: `cannot be loaded: ${text.split("\n")[0]}` };
  }
}

async function render(request: SandboxRequest): Promise<SandboxResult[]> {
  const results: SandboxResult[] = [];
  for (const job of request.jobs) {
    const loaded = job.synthetic
      ? { data: syntheticCluster(job.synthetic.index, job.synthetic.apps) }
      : await load(new URL(job.source, request.root).href);
    if (loaded.error !== undefined) {
      results.push({ source: job.source, loadError: loaded.error, problems: [], files: [] });
      continue;
    }
    const result = renderBuild(loaded.data, job.source);
    results.push({
      source: job.source,
      name: result.name,
      problems: result.problems,
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
