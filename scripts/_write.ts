/**
 * Carrying out a write plan on disk, all or nothing. New files are written
 * directly (on a failure, every file and folder created is removed again); files
 * that already exist are written beside themselves and moved into place only
 * once every write has succeeded. Stale generated files are removed with the
 * folders they leave empty.
 *
 * Synchronous on purpose: measured on these machines, 61,050 small files take
 * 1.5 s written synchronously and 22-38 s through async writes or a temporary
 * file and a rename each (see README, performance).
 */
import { dirname, join } from "node:path";
import type { PlannedFile } from "../lib/model/build.ts";

/** The suffix of a file written beside its target, moved into place on commit. */
export const TEMP = ".hydrate-tmp";

/** Creates `dir` and its missing parents, recording each folder it creates. */
export function makeDirs(dir: string, created: string[]): void {
  // mkdir first: one system call for a new folder whose parent exists, the common case.
  try {
    Deno.mkdirSync(dir);
  } catch (cause) {
    // There already (or another writer, a worker of the same render, made it first: theirs to undo).
    if (cause instanceof Deno.errors.AlreadyExists) return;
    if (!(cause instanceof Deno.errors.NotFound) || dirname(dir) === dir) throw cause;
    makeDirs(dirname(dir), created);
    try {
      Deno.mkdirSync(dir);
    } catch (again) {
      if (again instanceof Deno.errors.AlreadyExists) return;
      throw again;
    }
  }
  created.push(dir);
}

/** Writes done but not yet final: created files and folders, and temporaries beside existing files. */
export interface PreparedWrites {
  createdDirs: string[];
  createdFiles: string[];
  temps: { temp: string; target: string }[];
}

/** Removes everything a preparation created (its files, temporaries and folders). */
export function rollbackWrites(prepared: PreparedWrites): void {
  for (const path of [...prepared.temps.map((t) => t.temp), ...prepared.createdFiles]) {
    try {
      Deno.removeSync(path);
    } catch { /* already gone */ }
  }
  for (const dir of [...prepared.createdDirs].reverse()) {
    try {
      Deno.removeSync(dir);
    } catch { /* not empty: someone else's */ }
  }
}

/**
 * Writes `files` under `base`: new files in place, existing ones to a temporary
 * beside them. On a failure, undoes what it did and throws.
 */
export function prepareWrites(files: readonly PlannedFile[], base = "."): PreparedWrites {
  const prepared: PreparedWrites = { createdDirs: [], createdFiles: [], temps: [] };
  try {
    for (const dir of new Set(files.map((file) => dirname(join(base, file.path))))) {
      makeDirs(dir, prepared.createdDirs);
    }
    for (const file of files) {
      const target = join(base, file.path);
      try {
        // createNew: one system call where the file is new, the common case.
        Deno.writeTextFileSync(target, file.content, { createNew: true });
        prepared.createdFiles.push(target);
      } catch (cause) {
        if (!(cause instanceof Deno.errors.AlreadyExists)) throw cause;
        // Only a file can be replaced by a rename: find out now, while undoing is still possible.
        const info = Deno.lstatSync(target);
        if (!info.isFile) throw new Error(`${target}: exists and is not a file`);
        if (info.mode !== null && (info.mode & 0o200) === 0) {
          throw new Error(
            `${target}: is read-only; make it writable (chmod u+w) to let Hydrate replace it`,
          );
        }
        Deno.writeTextFileSync(`${target}${TEMP}`, file.content);
        prepared.temps.push({ temp: `${target}${TEMP}`, target });
      }
    }
  } catch (cause) {
    rollbackWrites(prepared);
    throw cause;
  }
  return prepared;
}

/** Moves the temporaries into place, then removes `remove` and the folders left empty up to `roots`. */
export function commitWrites(
  prepared: PreparedWrites,
  remove: readonly string[],
  roots: readonly string[],
  base = ".",
): void {
  for (const { temp, target } of prepared.temps) Deno.renameSync(temp, target);
  for (const path of remove) {
    Deno.removeSync(join(base, path));
    let dir = dirname(path);
    while (roots.some((root) => dir.startsWith(`${root}/`))) {
      if ([...Deno.readDirSync(join(base, dir))].length > 0) break;
      Deno.removeSync(join(base, dir));
      dir = dirname(dir);
    }
  }
}

/** Writes `files` under `base` (all or nothing), then removes `remove` and the folders left empty up to `roots`. */
export function applyWrites(
  files: readonly PlannedFile[],
  remove: readonly string[],
  roots: readonly string[],
  base = ".",
): void {
  commitWrites(prepareWrites(files, base), remove, roots, base);
}
