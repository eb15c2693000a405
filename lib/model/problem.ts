/**
 * Problems found in a cluster file, and how they read.
 *
 * A problem names the field path, the offending value and the rule:
 * `clusters/homelab.ts: gateways.internal.address: 192.168.10.60 is outside LoadBalancer pool ...`.
 *
 * @module
 */

/** One thing wrong (or risky) in a cluster file. */
export interface Problem {
  /** The field path in the cluster file, such as `gateways.internal.address`. */
  path: string;
  /** What is wrong: starts with the offending value where there is one. */
  message: string;
  /** An error refuses the render; a warning is printed and the render goes on (`--strict` refuses it). */
  severity: "error" | "warning";
  /**
   * The id of the rule that found it (lib/rules/mod.ts); `patch-targets` for a last-mile patch
   * whose target is not rendered; none for the schema's field rules.
   */
  rule?: string;
  /** The layer file that states the value, when the cluster inherits it (`clusters/_shared.ts`). */
  layer?: string;
}

/**
 * Formats a path of keys and indices as `a.b[0].c`.
 *
 * @example
 * ```ts
 * import { formatPath } from "./problem.ts";
 * import assert from "node:assert/strict";
 * assert.equal(formatPath(["nodes", 0, "ip"]), "nodes[0].ip");
 * ```
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out === "" ? "(top level)" : out;
}

/**
 * Formats a value for a message: strings as they are, the rest as JSON, cut at 80 characters.
 *
 * @example
 * ```ts
 * import { formatValue } from "./problem.ts";
 * import assert from "node:assert/strict";
 * assert.equal(formatValue("10.244.0.1/16"), "10.244.0.1/16");
 * assert.equal(formatValue(70000), "70000");
 * assert.equal(formatValue(NaN), "NaN");
 * assert.equal(formatValue(""), '""');
 * ```
 */
export function formatValue(value: unknown): string {
  let text: string | undefined;
  if (typeof value === "string") {
    // Quoted where the quotes show something: nothing at all, or white space at an end.
    text = value === "" || value.trim() !== value
      ? JSON.stringify(value)
      : JSON.stringify(value).slice(1, -1);
  } else if (typeof value === "number") text = String(value); // NaN and Infinity, not null
  else if (typeof value === "function") text = "a function";
  else if (typeof value === "bigint") text = `${value}n`;
  else {
    try {
      text = JSON.stringify(value);
    } catch {
      text = "a value that refers back to itself";
    }
  }
  if (text === undefined) return String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * Formats a problem as one line, prefixed by the cluster file it is in.
 *
 * @example
 * ```ts
 * import { formatProblem } from "./problem.ts";
 * import assert from "node:assert/strict";
 * assert.equal(
 *   formatProblem("clusters/homelab.ts", { path: "kubePrism.port", message: "6443 is the API server port", severity: "error" }),
 *   "clusters/homelab.ts: kubePrism.port: 6443 is the API server port",
 * );
 * ```
 */
export function formatProblem(source: string, problem: Problem): string {
  const prefix = problem.severity === "warning" ? "warning: " : "";
  return `${prefix}${source}: ${problem.path}: ${problem.message}`;
}

/** Builds an error problem at `path` (a string, or keys and indices). */
export function error(path: string | readonly PropertyKey[], message: string): Problem {
  return { path: typeof path === "string" ? path : formatPath(path), message, severity: "error" };
}

/** Builds a warning problem at `path`. */
export function warning(path: string | readonly PropertyKey[], message: string): Problem {
  return { path: typeof path === "string" ? path : formatPath(path), message, severity: "warning" };
}
