/**
 * How far a sandbox may go, and how it is told that it went too far: time,
 * heap, and the memory of the process. Shared by the main thread
 * (`_sandbox.ts`) and the sandbox's host (`_sandbox_worker.ts`).
 */

/**
 * How long a cluster file may take to load: a loop or a top-level await that
 * never ends would hang the task. The sandbox's host stops the evaluator.
 */
export const LOAD_TIMEOUT_MS = 10_000;

/**
 * The evaluator's JavaScript heap, in MiB (a cluster file and all it imports
 * take about 30). Beyond it V8 stops the evaluator instead of the process.
 */
export const HEAP_LIMIT_MIB = 512;

/**
 * What one sandbox may add to the process's memory, in MiB: buffers and
 * WebAssembly memory live outside the heap, and only the process's resident
 * memory counts them.
 */
export const MEMORY_BUDGET_MIB = 1024;

/** How often the host looks at the process's memory, in ms. */
export const MEMORY_CHECK_MS = 25;

/** The load error of a cluster file that did not finish loading in time. */
export const TIMEOUT_ERROR = `cannot be loaded: did not finish loading in ${
  LOAD_TIMEOUT_MS / 1000
} s (a loop or a top-level await that never ends?)`;

/** The load error of a cluster file whose evaluation outgrew its heap. */
export const HEAP_ERROR =
  `cannot be loaded: used more than ${HEAP_LIMIT_MIB} MiB of memory while loading (an allocation without bound?)`;

/** The load error of a cluster file evaluated while the process outgrew its memory budget. */
export function memoryError(budgetMib: number): string {
  return `cannot be loaded: the sandbox grew the process by more than ${budgetMib} MiB of memory while loading (buffers without bound?)`;
}

/** The load error of a sandbox that stopped on its own: why, in one line. */
export function stoppedError(message: string): string {
  // The frozen lock refuses every import in the run once one file asked for a module not in it.
  const why = /lockfile is out of date/.test(message)
    ? "not evaluated: a cluster file imports a module that is not in deno.lock (its own error names it), and the frozen lock then refuses every later import"
    : message.split("\n")[0];
  return `cannot be loaded: ${why}`;
}
