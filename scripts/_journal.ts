/**
 * Writes that survive a kill or a full disk. Before any file is written, a
 * journal (`.hydrate/journal.json`) lists what the write will create, replace and remove;
 * it says `prepare` while files are being written (new files in place, changed
 * ones beside themselves) and, atomically renamed, `commit` while they are moved
 * into place. The next render or check finds a journal left by a killed one and
 * finishes it by itself: a `prepare` journal is rolled back (nothing of it stays),
 * a `commit` one rolled forward (every move and removal done). The tree is then
 * always the old render or the new one. A lock file beside it keeps a second
 * render out until the first is done (an OS lock: a killed holder releases it).
 */
import { dirname, join } from "node:path";
import type { PlannedFile } from "../lib/model/build.ts";
import { commitWrites, makeDirs, prepareWrites, rollbackWrites, TEMP } from "./_write.ts";

/** The journal's and the lock's files: in `.hydrate/`, never in a rendered root. */
export const JOURNAL = ".hydrate/journal.json";
export const LOCK = ".hydrate/render.lock";

/** What a write is about to do. */
export interface Journal {
  phase: "prepare" | "commit";
  /** Paths that do not exist yet and will be created. */
  create: string[];
  /** Paths replaced through a temporary beside them. */
  replace: string[];
  /** Generated files removed. */
  remove: string[];
}

function writeJournal(base: string, journal: Journal): void {
  const path = join(base, JOURNAL);
  makeDirs(dirname(path), []);
  Deno.writeTextFileSync(`${path}${TEMP}`, JSON.stringify(journal));
  Deno.renameSync(`${path}${TEMP}`, path); // atomic: the old journal or the new one
}

function readJournal(base: string): Journal | undefined {
  try {
    return JSON.parse(Deno.readTextFileSync(join(base, JOURNAL))) as Journal;
  } catch (cause) {
    if (cause instanceof Deno.errors.NotFound) return undefined;
    if (cause instanceof SyntaxError) return undefined; // a journal cut short: its write never began
    throw cause;
  }
}

const removeIfThere = (path: string) => {
  try {
    Deno.removeSync(path);
  } catch (cause) {
    if (!(cause instanceof Deno.errors.NotFound)) throw cause;
  }
};

/**
 * Finishes what a killed write left: rolls a `prepare` back, a `commit`
 * forward. Returns what it did, for the caller to say, or `undefined`.
 */
export function recover(base: string, roots: readonly string[]): string | undefined {
  const journal = readJournal(base);
  removeIfThere(join(base, `${JOURNAL}${TEMP}`));
  if (!journal) return undefined;
  if (journal.phase === "prepare") {
    for (const path of journal.create) removeIfThere(join(base, path));
    for (const path of journal.replace) removeIfThere(join(base, `${path}${TEMP}`));
  } else {
    const temps = journal.replace.map((path) => join(base, path))
      .filter((target) => exists(`${target}${TEMP}`))
      .map((target) => ({ temp: `${target}${TEMP}`, target }));
    commitWrites(
      { createdDirs: [], createdFiles: [], temps },
      journal.remove.filter((path) => exists(join(base, path))),
      roots,
      base,
    );
  }
  removeIfThere(join(base, JOURNAL));
  return journal.phase === "prepare"
    ? `rolled back an interrupted render (${
      journal.create.length + journal.replace.length
    } file(s))`
    : `completed an interrupted render (${journal.replace.length} file(s) moved into place, ${journal.remove.length} removed)`;
}

function exists(path: string): boolean {
  try {
    Deno.lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Writes and removes, journaled: all or nothing, even across a kill. */
export function applyJournaled(
  create: readonly PlannedFile[],
  replace: readonly PlannedFile[],
  remove: readonly string[],
  roots: readonly string[],
  base: string,
): void {
  const journal: Journal = {
    phase: "prepare",
    create: create.map((file) => file.path),
    replace: replace.map((file) => file.path),
    remove: [...remove],
  };
  writeJournal(base, journal);
  let prepared;
  try {
    prepared = prepareWrites([...create, ...replace], base);
  } catch (cause) {
    Deno.removeSync(join(base, JOURNAL)); // prepareWrites undid its own writes
    throw cause;
  }
  try {
    writeJournal(base, { ...journal, phase: "commit" });
  } catch (cause) {
    rollbackWrites(prepared);
    Deno.removeSync(join(base, JOURNAL));
    throw cause;
  }
  try {
    commitWrites(prepared, remove, roots, base);
  } catch (cause) {
    throw new CommitInterrupted(cause instanceof Error ? cause.message : String(cause));
  }
  Deno.removeSync(join(base, JOURNAL));
}

/** A write that failed after files began to move into place: its journal lets the next run finish it. */
export class CommitInterrupted extends Error {}

/** How long a render waits for the lock before it says that it is waiting. */
const QUIET_WAIT_MS = 1000;

/**
 * Takes the render lock, waiting while another render holds it (`waiting` is
 * told after a second, so a user sees why nothing happens); release by closing.
 */
export async function lock(base: string, waiting?: (path: string) => void): Promise<Deno.FsFile> {
  const path = join(base, LOCK);
  makeDirs(dirname(path), []);
  const file = Deno.openSync(path, { create: true, write: true });
  const timer = setTimeout(() => waiting?.(path), QUIET_WAIT_MS);
  try {
    await file.lock(true);
  } finally {
    clearTimeout(timer);
  }
  return file;
}
