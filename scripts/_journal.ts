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
import { createHash } from "node:crypto";
import { dirname, join } from "node:path";
import type { PlannedFile } from "../lib/model/build.ts";
import { isGenerated } from "../lib/output/write.ts";
import { GENERATED_MARK, GENERATED_MARK_MARKDOWN } from "../lib/output/emit.ts";
import { commitWrites, makeDirs, prepareWrites, rollbackWrites, TEMP } from "./_write.ts";
import { BOOKKEEPING, ensureOwnBookkeeping, makeBookkeeping } from "./_bookkeeping.ts";

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

/**
 * What binds a journal to this machine and this checkout: the bookkeeping folder's device and
 * inode and this machine's id, which a journal written elsewhere (committed, copied, unpacked)
 * cannot know. Its digest with the journal's body is the journal's `writer`.
 */
function writerOf(base: string, body: string): string {
  const info = Deno.statSync(join(base, BOOKKEEPING));
  let machine = "";
  try {
    machine = Deno.readTextFileSync("/etc/machine-id");
  } catch { /* not Linux, or not readable: the folder's identity alone */ }
  const where = `${info.dev}:${info.ino}:${info.birthtime?.getTime() ?? ""}:${machine}`;
  return createHash("sha256").update(where).update("\0").update(body).digest("hex");
}

function writeJournal(base: string, journal: Journal): void {
  const path = join(base, JOURNAL);
  makeDirs(dirname(path), []);
  const body = JSON.stringify(journal);
  const signed = JSON.stringify({ writer: writerOf(base, body), body });
  Deno.writeTextFileSync(`${path}${TEMP}`, signed);
  Deno.renameSync(`${path}${TEMP}`, path); // atomic: the old journal or the new one
}

/** A journal this machine wrote for this checkout, or `undefined` (none, cut short, or foreign). */
function readJournal(base: string): Journal | undefined {
  let signed: { writer?: unknown; body?: unknown };
  try {
    if (!Deno.lstatSync(join(base, JOURNAL)).isFile) return undefined;
    signed = JSON.parse(Deno.readTextFileSync(join(base, JOURNAL)));
  } catch (cause) {
    if (cause instanceof Deno.errors.NotFound) return undefined;
    if (cause instanceof SyntaxError) return undefined; // a journal cut short: its write never began
    throw cause;
  }
  if (typeof signed?.body !== "string" || signed.writer !== writerOf(base, signed.body)) {
    return undefined;
  }
  return JSON.parse(signed.body) as Journal;
}

/**
 * Whether a journal's path may be touched: a relative path under one of `roots`, without `.`/`..`
 * segments, with no symbolic link on the way from `base` (a delete never follows a link out).
 */
export function confined(base: string, path: unknown, roots: readonly string[]): path is string {
  if (typeof path !== "string" || path.includes("\0") || path.includes("\\")) return false;
  const parts = path.split("/");
  if (!roots.includes(parts[0]) || parts.length < 2) return false;
  if (parts.some((part) => part === "" || part === "." || part === "..")) return false;
  for (let i = 1; i < parts.length; i++) {
    try {
      const info = Deno.lstatSync(join(base, ...parts.slice(0, i)));
      if (info.isSymlink || !info.isDirectory) return false;
    } catch {
      return true; // a missing folder: nothing below it to touch
    }
  }
  return true;
}

/**
 * Whether `path` is a regular file that Hydrate wrote (its header), so a recovery may delete it;
 * a write a kill cut short may hold only the start of the header, or nothing yet.
 */
function generatedFile(path: string): boolean {
  try {
    if (!Deno.lstatSync(path).isFile) return false;
    const text = Deno.readTextFileSync(path);
    return isGenerated(text) || GENERATED_MARK.startsWith(text) ||
      GENERATED_MARK_MARKDOWN.startsWith(text);
  } catch {
    return false;
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
  ensureOwnBookkeeping(base);
  const journal = readJournal(base);
  removeIfThere(join(base, `${JOURNAL}${TEMP}`));
  if (!journal) {
    removeIfThere(join(base, JOURNAL)); // foreign or cut short: never acted on
    return undefined;
  }
  // Only paths under the rendered roots, reached without a link, and only files Hydrate wrote.
  const paths = (list: unknown) =>
    (Array.isArray(list) ? list : []).filter((path) => confined(base, path, roots));
  const ours = (path: string) => generatedFile(join(base, path));
  if (journal.phase === "prepare") {
    for (const path of paths(journal.create).filter(ours)) removeIfThere(join(base, path));
    for (const path of paths(journal.replace)) {
      if (generatedFile(join(base, `${path}${TEMP}`))) removeIfThere(join(base, `${path}${TEMP}`));
    }
  } else {
    const temps = paths(journal.replace).map((path) => join(base, path))
      .filter((target) => generatedFile(`${target}${TEMP}`))
      .map((target) => ({ temp: `${target}${TEMP}`, target }));
    commitWrites(
      { createdDirs: [], createdFiles: [], temps },
      paths(journal.remove).filter(ours),
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
  ensureOwnBookkeeping(base);
  makeBookkeeping(base);
  const path = join(base, LOCK);
  const file = Deno.openSync(path, { create: true, write: true });
  const timer = setTimeout(() => waiting?.(path), QUIET_WAIT_MS);
  try {
    await file.lock(true);
  } finally {
    clearTimeout(timer);
  }
  return file;
}
