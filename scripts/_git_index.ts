/**
 * Which paths git tracks, read from the index file itself (no git process: render and check may
 * not run programs). Versions 2, 3 and 4 of the format (git Documentation/gitformat-index.txt):
 * a 12-byte header (`DIRC`, version, entry count), then each entry's 62 bytes of stat data, object
 * id and flags, a second flags word in version 3 when the extended bit is set, and its path:
 * NUL-padded to a multiple of 8 bytes in versions 2 and 3; in version 4 a varint of bytes to drop
 * from the previous path, then the rest of the path and a NUL.
 */
import { join } from "node:path";

/** Where a repository's git directory is (`.git`, or the folder a `.git` file names). */
function gitDir(base: string): string | undefined {
  const dotGit = join(base, ".git");
  try {
    const info = Deno.lstatSync(dotGit);
    if (info.isDirectory) return dotGit;
    if (!info.isFile) return undefined;
    const named = /^gitdir: (.+)$/m.exec(Deno.readTextFileSync(dotGit))?.[1]?.trim();
    return named === undefined ? undefined : named.startsWith("/") ? named : join(base, named);
  } catch {
    return undefined;
  }
}

/** Reads git's offset varint (version 4's "bytes to drop"). */
function varint(bytes: Uint8Array, at: number): [number, number] {
  let byte = bytes[at++];
  let value = byte & 0x7f;
  while (byte & 0x80) {
    byte = bytes[at++];
    value = ((value + 1) << 7) | (byte & 0x7f);
  }
  return [value, at];
}

/** The paths of an index file's entries; `undefined` when it is not an index this reads. */
export function indexPaths(bytes: Uint8Array): string[] | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 4)) !== "DIRC") return;
  const version = view.getUint32(4);
  if (version < 2 || version > 4) return undefined;
  const count = view.getUint32(8);
  const decoder = new TextDecoder();
  const paths: string[] = [];
  let at = 12;
  let previous = "";
  for (let i = 0; i < count; i++) {
    if (at + 62 > bytes.length) return undefined;
    const flags = view.getUint16(at + 60);
    let start = at + 62 + (version >= 3 && flags & 0x4000 ? 2 : 0);
    let drop = 0;
    if (version === 4) [drop, start] = varint(bytes, start);
    const end = bytes.indexOf(0, start);
    if (end < 0) return undefined;
    const rest = decoder.decode(bytes.subarray(start, end));
    const path = version === 4 ? previous.slice(0, previous.length - drop) + rest : rest;
    paths.push(path);
    previous = path;
    at = version === 4 ? end + 1 : at + Math.ceil((end + 1 - at) / 8) * 8;
  }
  return paths;
}

/**
 * The paths git tracks under `prefix` (a folder, relative to the repository at `base`); empty
 * outside a git repository. An index this cannot read counts as tracking the folder, so that a
 * caller refusing tracked bookkeeping refuses rather than trusts.
 *
 * @example
 * ```ts
 * import { trackedUnder } from "./_git_index.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(trackedUnder(Deno.makeTempDirSync(), ".hydrate"), []);
 * ```
 */
export function trackedUnder(base: string, prefix: string): string[] {
  const dir = gitDir(base);
  if (dir === undefined) return [];
  let bytes: Uint8Array;
  try {
    bytes = Deno.readFileSync(join(dir, "index"));
  } catch (cause) {
    if (cause instanceof Deno.errors.NotFound) return [];
    throw cause;
  }
  const paths = indexPaths(bytes);
  if (paths === undefined) return [`${prefix}/ (the git index could not be read)`];
  return paths.filter((path) => path === prefix || path.startsWith(`${prefix}/`));
}
