/**
 * `deno task new-cluster NAME`: writes `clusters/NAME.ts`, a cluster file with a
 * comment on each field to fill in. It extends `clusters/_shared.ts` when there is
 * one. Never overwrites a file.
 *
 * Usage: deno task new-cluster NAME
 */
import "./_quiet.ts";
import { parseArgs } from "node:util";
import { isClusterName, scaffoldCluster } from "../lib/output/scaffold.ts";
import { CLUSTERS_DIR, exists, wantsHelp } from "./_cli.ts";

const USAGE = "usage: deno task new-cluster NAME";
const HELP = `${USAGE}

Writes clusters/NAME.ts, a commented cluster file extending the shared layer; never overwrites.`;

async function main(): Promise<number> {
  if (wantsHelp(HELP)) return 0;
  let name: string | undefined;
  try {
    const { positionals } = parseArgs({ args: Deno.args, allowPositionals: true, options: {} });
    if (positionals.length !== 1) throw new Error("expected one cluster name");
    name = positionals[0];
  } catch (cause) {
    console.error(`${(cause as Error).message}\n${USAGE}`);
    return 1;
  }
  if (!isClusterName(name)) {
    console.error(
      `${name}: a cluster name must be lowercase letters, digits and '-', at most 32 characters (it becomes a path and Cilium's cluster.name)`,
    );
    return 1;
  }
  const path = `${CLUSTERS_DIR}/${name}.ts`;
  if (await exists(path)) {
    console.error(`${path} already exists; nothing written`);
    return 1;
  }
  await Deno.mkdir(CLUSTERS_DIR, { recursive: true });
  await Deno.writeTextFile(
    path,
    scaffoldCluster(name, await exists(`${CLUSTERS_DIR}/_shared.ts`)),
    {
      createNew: true,
    },
  );
  console.log(`Wrote ${path}: fill in each commented field, then run \`deno task render\`.`);
  return 0;
}

Deno.exit(await main());
