/**
 * The vendored upstream artifacts on disk (`vendor/`), read lazily and once:
 * what render, check and diff give the renderer for the version-true checks.
 * They never fetch anything; `deno task vendor` does (scripts/vendor.ts).
 */
import { join } from "node:path";
import { type Upstream, upstreamFor, type VendorFiles } from "../lib/model/upstream/vendor.ts";

/** The vendor folder, relative to the repository root. */
export const VENDOR_DIR = "vendor";

function walk(root: string, dir: string, out: string[]) {
  let entries: Deno.DirEntry[];
  try {
    entries = [...Deno.readDirSync(join(root, dir))];
  } catch (cause) {
    if (cause instanceof Deno.errors.NotFound) return;
    throw cause;
  }
  for (const entry of entries) {
    const path = dir === "" ? entry.name : `${dir}/${entry.name}`;
    if (entry.isDirectory) walk(root, path, out);
    else if (entry.isFile) out.push(path);
  }
}

/** The files of a vendor folder on disk. */
export function diskVendor(root: string = VENDOR_DIR): VendorFiles {
  const texts = new Map<string, string | undefined>();
  let all: string[] | undefined;
  return {
    read(path) {
      if (!texts.has(path)) {
        let text: string | undefined;
        try {
          text = Deno.readTextFileSync(join(root, path));
        } catch (cause) {
          if (!(cause instanceof Deno.errors.NotFound)) throw cause;
        }
        texts.set(path, text);
      }
      return texts.get(path);
    },
    list(dir) {
      if (!all) walk(root, "", all = []), all.sort();
      const prefix = `${dir}/`;
      return all.filter((path) => path.startsWith(prefix));
    },
  };
}

let shared: VendorFiles | undefined;

/** The upstream facts of the repository's vendor/ folder, one per process. */
export function repositoryUpstream(): Upstream {
  return upstreamFor(shared ??= diskVendor());
}
