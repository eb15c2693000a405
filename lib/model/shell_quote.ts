/**
 * One argument of a command a person runs, as a POSIX shell reads it back.
 *
 * @module
 */

/**
 * A word the shell reads as itself: no quoting, expansion, globbing or operator in it (and no
 * leading `=`, which zsh expands to a command's path).
 */
const SAFE_WORD = /^(?!=)[A-Za-z0-9_./:=@%+,-]+$/;

/**
 * An argument as a POSIX shell word that stands for exactly that text: a safe word
 * (letters, digits, `_./:=@%+,-`, not starting with `=`) as it is; anything else in single quotes, within
 * which the shell expands nothing, each `'` written `'\''` (POSIX.1-2024, Shell
 * Command Language 2.2.2 Single-Quotes). The empty string is `''`.
 *
 * @example
 * ```ts
 * import { shellQuote } from "./shell_quote.ts";
 * import assert from "node:assert/strict";
 * assert.equal(shellQuote("omni/homelab/cluster-template.yaml"), "omni/homelab/cluster-template.yaml");
 * assert.equal(shellQuote("main;$(touch x)"), "'main;$(touch x)'");
 * assert.equal(shellQuote("it's"), "'it'\\''s'");
 * assert.equal(shellQuote(""), "''");
 * ```
 */
export function shellQuote(argument: string): string {
  if (SAFE_WORD.test(argument)) return argument;
  return `'${argument.replaceAll("'", `'\\''`)}'`;
}
