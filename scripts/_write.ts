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
import type { PlannedFile } from "../lib/render.ts";

const TEMP = ".hydrate-tmp";

function exists(path: string): boolean {
  try {
    Deno.lstatSync(path);
    return true;
  } catch (cause) {
    if (cause instanceof Deno.errors.NotFound) return false;
    throw cause;
  }
}

/** Creates `dir` and its missing parents, recording each folder it creates. */
function makeDirs(dir: string, created: string[]): void {
  if (exists(dir)) return;
  makeDirs(dirname(dir), created);
  Deno.mkdirSync(dir);
  created.push(dir);
}

/** Writes `files` under `base` (all or nothing), then removes `remove` and the folders left empty up to `roots`. */
export function applyWrites(
  files: readonly PlannedFile[],
  remove: readonly string[],
  roots: readonly string[],
  base = ".",
): void {
  const createdDirs: string[] = [];
  const createdFiles: string[] = [];
  const temps: { temp: string; target: string }[] = [];
  try {
    for (const dir of new Set(files.map((file) => dirname(join(base, file.path))))) {
      makeDirs(dir, createdDirs);
    }
    for (const file of files) {
      const target = join(base, file.path);
      if (exists(target)) {
        Deno.writeTextFileSync(`${target}${TEMP}`, file.content);
        temps.push({ temp: `${target}${TEMP}`, target });
      } else {
        Deno.writeTextFileSync(target, file.content, { createNew: true });
        createdFiles.push(target);
      }
    }
  } catch (cause) {
    for (const path of [...temps.map((t) => t.temp), ...createdFiles]) {
      try {
        Deno.removeSync(path);
      } catch { /* already gone */ }
    }
    for (const dir of createdDirs.reverse()) {
      try {
        Deno.removeSync(dir);
      } catch { /* not empty: someone else's */ }
    }
    throw cause;
  }
  for (const { temp, target } of temps) Deno.renameSync(temp, target);
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
