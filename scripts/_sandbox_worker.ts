/**
 * The sandbox's host: a Worker whose permissions (`_sandbox.ts`) allow reading
 * the snapshot of the sources and nothing else. It runs no cluster file itself:
 * it starts the evaluator (`_sandbox_eval.ts`) as a Node worker, which takes
 * these permissions and a bounded heap, and passes its first answer on. It
 * stops the evaluator when the cluster file takes too long, outgrows its heap,
 * or grows the process beyond the sandbox's budget; each is the file's load
 * error, and the process goes on.
 */
import "./_quiet.ts";
import type { SandboxReply, SandboxRequest } from "./_sandbox.ts";
import {
  HEAP_ERROR,
  HEAP_LIMIT_MIB,
  LOAD_TIMEOUT_MS,
  MEMORY_CHECK_MS,
  memoryError,
  stoppedError,
  TIMEOUT_ERROR,
} from "./_sandbox_bounds.ts";

// Taken from the process, not imported: the import map may refuse the module to the sandbox.
const { Worker } = process.getBuiltinModule(
  "node:worker_threads",
) as typeof import("node:worker_threads");

/** The host's side of the channel (the project is type-checked with the main thread's globals). */
const scope = self as unknown as {
  onmessage: (event: MessageEvent<SandboxRequest>) => void;
  postMessage(message: unknown): void;
};

/** The evaluator's answer, or why there is none. */
function evaluate(request: SandboxRequest): Promise<SandboxReply> {
  const evaluator = new Worker(new URL("./_sandbox_eval.ts", import.meta.url), {
    workerData: request,
    // Node's resourceLimits: V8 stops the evaluator near this heap (deno v2.9.5
    // cli/lib/worker.rs installs a near-heap-limit callback for workers that have limits).
    resourceLimits: { maxOldGenerationSizeMb: HEAP_LIMIT_MIB },
  });
  const failed = (loadError: string, overMemory = false): SandboxReply => ({
    ok: true,
    source: request.source,
    loadError,
    ...(overMemory ? { overMemory } : {}),
  });
  return new Promise<SandboxReply>((resolve) => {
    const answer = (reply: SandboxReply) => {
      clearTimeout(timer);
      clearInterval(watch);
      resolve(reply);
    };
    const timer = setTimeout(() => answer(failed(TIMEOUT_ERROR)), LOAD_TIMEOUT_MS);
    // Buffers and WebAssembly memory are outside the heap: the process's resident memory counts them.
    const watch = setInterval(() => {
      if (request.memoryLimit !== undefined && Deno.memoryUsage().rss > request.memoryLimit) {
        answer(failed(memoryError(request.memoryBudgetMib ?? 0), true));
      }
    }, MEMORY_CHECK_MS);
    evaluator.once("message", answer);
    evaluator.on("error", (error: Error & { code?: string }) => {
      answer(
        failed(
          error.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? HEAP_ERROR
            : stoppedError(String(error.message)),
        ),
      );
    });
    evaluator.on("exit", () => answer(failed(stoppedError("the sandbox stopped"))));
  }).finally(() => evaluator.terminate());
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
