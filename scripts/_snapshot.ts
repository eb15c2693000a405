/**
 * The inputs of a render, read once, in one place: the main thread copies the
 * repository's clusters/, lib/, mod.ts and vendor/ into `.hydrate/sources-*`,
 * and every sandbox imports that copy. A file edited during a render cannot give
 * two sandboxes two versions of it, and a sandbox can read nothing but the copy.
 * A symbolic link among the sources is refused (it could bring any file of the
 * machine into the copy).
 */
import { join } from "node:path";
import { SANDBOX_READ } from "./_sandbox_paths.ts";
import {
  BOOKKEEPING,
  ensureOwnBookkeeping,
  makeBookkeeping,
  SourcesRefused,
} from "./_bookkeeping.ts";

export { SourcesRefused };

/** The folder every snapshot is made in. */
export const SNAPSHOTS = BOOKKEEPING;

/** A copy of the sources. */
export interface Snapshot {
  /** Its absolute path: the root the sandboxes read. */
  dir: string;
  remove(): void;
}

/** Copies a file or folder, naming in `refused` every symbolic link it does not copy. */
export function copy(from: string, to: string, refused: string[], path: string): void {
  const info = Deno.lstatSync(from);
  if (info.isSymlink) {
    refused.push(path);
    return;
  }
  if (info.isDirectory) {
    Deno.mkdirSync(to, { recursive: true });
    for (const entry of Deno.readDirSync(from)) {
      copy(join(from, entry.name), join(to, entry.name), refused, `${path}/${entry.name}`);
    }
  } else if (info.isFile) Deno.copyFileSync(from, to);
}

/**
 * How old a snapshot must be to be a killed run's leftover: `diff` and
 * `bootstrap` take theirs without the render lock, so a younger one may be live.
 */
const STALE_MS = 60 * 60 * 1000;

/** Removes the snapshots and review trees killed runs left behind (an hour old or more). */
export function removeStaleSnapshots(root: string): void {
  try {
    for (const entry of Deno.readDirSync(join(root, SNAPSHOTS))) {
      const path = join(root, SNAPSHOTS, entry.name);
      const age = Date.now() - (Deno.statSync(path).mtime?.getTime() ?? 0);
      if (/^(sources|review)-/.test(entry.name) && age >= STALE_MS) {
        Deno.removeSync(path, { recursive: true });
      }
    }
  } catch (cause) {
    if (!(cause instanceof Deno.errors.NotFound)) throw cause;
  }
}

/** Copies the sources of the repository at `root`; throws, naming them, on symbolic links. */
export function takeSnapshot(root: string): Snapshot {
  ensureOwnBookkeeping(root);
  makeBookkeeping(root);
  const dir = Deno.makeTempDirSync({ dir: join(root, SNAPSHOTS), prefix: "sources-" });
  const remove = () => Deno.removeSync(dir, { recursive: true });
  const refused: string[] = [];
  try {
    for (const path of SANDBOX_READ) {
      try {
        copy(join(root, path), join(dir, path), refused, path);
      } catch (cause) {
        if (!(cause instanceof Deno.errors.NotFound)) throw cause;
      }
    }
  } catch (cause) {
    remove();
    throw cause;
  }
  if (refused.length > 0) {
    remove();
    throw new SourcesRefused(
      `${
        refused.join(", ")
      }: a symbolic link among the sources; cluster files and what they import must be real files of the repository`,
    );
  }
  return { dir, remove };
}
