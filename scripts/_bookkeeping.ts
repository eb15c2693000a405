/**
 * Hydrate's bookkeeping folder (`.hydrate/`: the journal, the render lock, the sources' snapshots)
 * is this machine's alone: never a link, never tracked by git.
 */
import { join } from "node:path";
import { trackedUnder } from "./_git_index.ts";

/** Sources the sandbox will not import (a user's mistake: printed as one line, exit 1). */
export class SourcesRefused extends Error {}

/** Hydrate's bookkeeping folder, relative to the repository root. */
export const BOOKKEEPING = ".hydrate";

/**
 * Refuses a bookkeeping folder that is not this machine's own: a symbolic link (a journal or lock
 * written through it would land anywhere) or one git tracks (a pull request can commit a journal
 * that tells the next check what to delete).
 */
export function ensureOwnBookkeeping(base: string): void {
  try {
    if (!Deno.lstatSync(join(base, BOOKKEEPING)).isDirectory) {
      throw new SourcesRefused(
        `${BOOKKEEPING}: is a symbolic link or a file, not a folder; Hydrate keeps its journal and lock there: remove it`,
      );
    }
  } catch (cause) {
    if (!(cause instanceof Deno.errors.NotFound)) throw cause;
  }
  const tracked = trackedUnder(base, BOOKKEEPING);
  if (tracked.length > 0) {
    throw new SourcesRefused(
      `${
        tracked.join(", ")
      }: tracked by git; ${BOOKKEEPING}/ is this machine's bookkeeping (a committed journal would tell the next render what to delete): git rm -r --cached ${BOOKKEEPING}`,
    );
  }
}

/**
 * Makes the bookkeeping folder (after `ensureOwnBookkeeping`), ignored by git from within (its
 * own `.gitignore` of `*`), so that `git add -A` in a repository without Hydrate's `.gitignore`
 * does not track it.
 */
export function makeBookkeeping(base: string): string {
  const dir = join(base, BOOKKEEPING);
  Deno.mkdirSync(dir, { recursive: true });
  try {
    Deno.writeTextFileSync(join(dir, ".gitignore"), "*\n", { createNew: true });
  } catch (cause) {
    if (!(cause instanceof Deno.errors.AlreadyExists)) throw cause;
  }
  return dir;
}
