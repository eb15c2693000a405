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

/** The folder every snapshot is made in. */
export const SNAPSHOTS = ".hydrate";

/** A copy of the sources. */
export interface Snapshot {
  /** Its absolute path: the root the sandboxes read. */
  dir: string;
  remove(): void;
}

function copy(from: string, to: string, refused: string[], path: string): void {
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

/** Removes the snapshots a killed run left behind. */
export function removeStaleSnapshots(root: string): void {
  try {
    for (const entry of Deno.readDirSync(join(root, SNAPSHOTS))) {
      if (entry.name.startsWith("sources-")) {
        Deno.removeSync(join(root, SNAPSHOTS, entry.name), { recursive: true });
      }
    }
  } catch (cause) {
    if (!(cause instanceof Deno.errors.NotFound)) throw cause;
  }
}

/** Copies the sources of the repository at `root`; throws, naming them, on symbolic links. */
export function takeSnapshot(root: string): Snapshot {
  Deno.mkdirSync(join(root, SNAPSHOTS), { recursive: true });
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
    throw new Error(
      `${
        refused.join(", ")
      }: a symbolic link among the sources; cluster files and what they import must be real files of the repository`,
    );
  }
  return { dir, remove };
}
