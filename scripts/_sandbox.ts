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
import { SANDBOX_READ } from "./_sandbox_paths.ts";
import { takeSnapshot } from "./_snapshot.ts";

export { SANDBOX_READ } from "./_sandbox_paths.ts";

/** A cluster to render: a cluster file, or a cluster of the benchmark's synthetic fleet. */
export interface ClusterJob {
  source: string;
  /** A cluster of the benchmark's synthetic fleet, built in the sandbox instead of a file. */
  synthetic?: { index: number; apps: number };
}

/** What the sandbox is asked: render these clusters of the repository at `root`. */
export interface SandboxRequest {
  /** The repository root, as a file URL ending in `/`. */
  root: string;
  jobs: ClusterJob[];
  /** The shared layers (`clusters/_*.ts`): a problem with a value one states is the layer's. */
  layers?: string[];
  /** Whether to send back what was built (the bootstrap steps read it). */
  builds?: boolean;
}

/** What rendering one cluster in the sandbox gave. */
export interface SandboxResult {
  source: string;
  name?: string;
  /** Why the file could not be loaded, if it could not. */
  loadError?: string;
  problems: Problem[];
  files: PlannedFile[];
  build?: Build;
}

/** The sandbox's answer. */
export interface SandboxReply {
  ok: boolean;
  message?: string;
  results?: SandboxResult[];
}

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

/** A sandbox Worker: render requests in, results out, one at a time. */
export interface Sandbox {
  render(request: SandboxRequest): Promise<SandboxReply>;
  close(): void;
}

/** Starts a sandbox for the repository at `root` (an absolute path). */
export function startSandbox(root: string): Sandbox {
  const worker = new Worker(new URL("./_sandbox_worker.ts", import.meta.url).href, {
    type: "module",
    deno: { permissions: sandboxPermissions(root) },
  });
  let answer: ((reply: SandboxReply) => void) | undefined;
  const reply = (value: SandboxReply) => {
    const resolve = answer;
    answer = undefined;
    resolve?.(value);
  };
  worker.onmessage = (event: MessageEvent<SandboxReply>) => reply(event.data);
  worker.onerror = (event) => {
    event.preventDefault();
    reply({ ok: false, message: event.message });
  };
  return {
    render: (request) =>
      new Promise((resolve) => {
        answer = resolve;
        worker.postMessage(request);
      }),
    close: () => worker.terminate(),
  };
}

/** The repository root of the current directory, as the file URL the sandbox resolves sources against. */
export function rootUrl(root: string): string {
  return pathToFileURL(join(root, "/")).href;
}

/**
 * Renders jobs in `threads` sandboxes at once (clusters are independent) and
 * returns their results in the order of `jobs`. The sandboxes import a snapshot
 * of the repository's sources (`_snapshot.ts`), taken once for the render.
 */
export async function renderInSandboxes(
  repository: string,
  jobs: readonly ClusterJob[],
  options: { threads?: number; builds?: boolean; layers?: string[] } = {},
): Promise<SandboxResult[]> {
  const count = Math.max(1, Math.min(options.threads ?? 1, jobs.length));
  const snapshot = takeSnapshot(repository);
  const root = snapshot.dir;
  const sandboxes = Array.from({ length: count }, () => startSandbox(root));
  try {
    const replies = await Promise.all(sandboxes.map((sandbox, i) =>
      sandbox.render({
        root: rootUrl(root),
        jobs: jobs.filter((_, j) => j % count === i),
        layers: options.layers,
        builds: options.builds,
      })
    ));
    const failed = replies.find((reply) => !reply.ok);
    if (failed) throw new Error(failed.message);
    const bySource = new Map(replies.flatMap((r) => r.results!).map((r) => [r.source, r]));
    return jobs.map((job) => bySource.get(job.source)!);
  } finally {
    sandboxes.forEach((sandbox) => sandbox.close());
    snapshot.remove();
  }
}
