/**
 * `deno task import PATH`: reads an existing Talos + Omni + Cilium + Argo CD
 * repository at PATH (its YAML files and folders; never writes there) and writes
 * `clusters/NAME.ts`, a cluster file that renders an equivalent tree, and
 * `clusters/NAME.import.md`, a report of what was not carried and why. Never
 * overwrites either without `--force`.
 *
 * Usage: deno task import PATH [--name NAME] [--repo-url URL] [--revision REV] [--force]
 */
import "./_quiet.ts";
import { parseArgs } from "node:util";
import { join, relative } from "node:path";
import { importRepository, type SourceTree } from "../lib/import/mod.ts";
import { isClusterName } from "../lib/output/scaffold.ts";
import { CLUSTERS_DIR, wantsHelp } from "./_cli.ts";
import { originUrl } from "./_origin.ts";

const USAGE =
  "usage: deno task import PATH [--name NAME] [--repo-url URL] [--revision REV] [--force]";
const HELP = `${USAGE}

Reads the Argo CD repository at PATH (Applications, ApplicationSets with Git directory
generators, Helm values files, Cilium pools and L2 policies, Gateways, HTTPRoutes, an Omni
cluster template with its patches) and writes clusters/NAME.ts and clusters/NAME.import.md.
PATH is only read.

  --name NAME       the cluster's name (default: the Omni template's)
  --repo-url URL    the repository Argo CD reads apps/NAME/ from (default: this one's origin)
  --revision REV    its revision (default: main)
  --force           overwrite clusters/NAME.ts and its report`;

/** The largest file read (a values file or a template is a few KiB). */
const MAX_FILE = 4 << 20;

/** The repository's YAML files and folders, hidden folders (`.git`) left out. */
async function readTree(root: string): Promise<SourceTree> {
  const files = new Map<string, string>();
  const folders = new Set<string>();
  const walk = async (dir: string) => {
    for await (const entry of Deno.readDir(join(root, dir))) {
      if (entry.name.startsWith(".") && entry.isDirectory) continue;
      const path = dir === "" ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory) {
        folders.add(path);
        await walk(path);
      } else if (entry.isFile && /\.ya?ml$/.test(entry.name)) {
        if ((await Deno.stat(join(root, path))).size <= MAX_FILE) {
          files.set(path, await Deno.readTextFile(join(root, path)));
        }
      }
    }
  };
  await walk("");
  return { files, folders };
}

/** Writes a file whole or not at all (a temporary file renamed over it). */
async function writeWhole(path: string, text: string): Promise<void> {
  const temporary = `${path}.import-${Deno.pid}.tmp`;
  await Deno.writeTextFile(temporary, text);
  await Deno.rename(temporary, path);
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

function parse() {
  const { positionals, values } = parseArgs({
    args: Deno.args,
    allowPositionals: true,
    options: {
      name: { type: "string" },
      "repo-url": { type: "string" },
      revision: { type: "string" },
      force: { type: "boolean" },
    },
  });
  if (positionals.length !== 1) throw new Error("expected the path of one repository");
  return { path: positionals[0], ...values };
}

async function main(): Promise<number> {
  if (wantsHelp(HELP)) return 0;
  let args: ReturnType<typeof parse>;
  try {
    args = parse();
  } catch (cause) {
    console.error(`${(cause as Error).message}\n${USAGE}`);
    return 1;
  }
  if (args.name !== undefined && !isClusterName(args.name)) {
    console.error(
      `${args.name}: a cluster name must be lowercase letters, digits and '-', at most 32 characters`,
    );
    return 1;
  }
  let tree: SourceTree;
  try {
    tree = await readTree(args.path);
  } catch (cause) {
    console.error(`Cannot import ${args.path}: ${(cause as Error).message}`);
    return 1;
  }
  const result = importRepository(tree, {
    name: args.name,
    repoURL: args["repo-url"] ?? originUrl("."),
    revision: args.revision,
    sourcePath: relative(".", args.path) || ".",
  });
  if (typeof result === "string") {
    console.error(`Cannot import: ${result}`);
    return 1;
  }
  const file = `${CLUSTERS_DIR}/${result.name}.ts`;
  const report = `${CLUSTERS_DIR}/${result.name}.import.md`;
  if (!args.force && (await exists(file) || await exists(report))) {
    console.error(`${file} or ${report} already exists; nothing written (--force overwrites)`);
    return 1;
  }
  await Deno.mkdir(CLUSTERS_DIR, { recursive: true });
  await writeWhole(report, result.report);
  await writeWhole(file, result.source);
  console.log(
    `Wrote ${file} and ${report} (${result.findings.length} thing(s) not carried as they were). Read the report, state what it asks, then run \`deno task vendor\` for the charts it names and \`deno task render\`.`,
  );
  return 0;
}

Deno.exit(await main());
