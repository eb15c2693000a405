/**
 * Render: a cluster file's data in, the planned files out (path and bytes), or
 * every problem that stops it. Nothing here touches the disk. It only composes
 * the stages, top to bottom: model (parse: schema, defaults) -> rules on the
 * cluster's facts -> build (plain objects, then the last-mile patches) -> rules
 * on what was built -> output (emit: text).
 *
 * @module
 */
import { parseCluster } from "./model/parse.ts";
import { discoverApps } from "./model/discover.ts";
import { pathKeys } from "./model/layers.ts";
import { error, type Problem } from "./model/problem.ts";
import type { Build, PlannedFile } from "./model/build.ts";
import { components, syncWaves } from "./build/components.ts";
import { buildCluster } from "./build/cluster.ts";
import { applyPatches } from "./build/patches.ts";
import { syncedResources } from "./build/synced.ts";
import { checkBuilt, checkInput, checkRepository, checkUpstream } from "./rules/mod.ts";
import type { RepositoryContext } from "./model/repository.ts";
import { type Upstream, upstreamFor, type VendorFiles } from "./model/upstream/vendor.ts";
import { emitBuild } from "./output/files.ts";

/** The outcome of rendering one cluster. */
export interface RenderResult {
  /** The cluster's name, when its file parsed far enough to have one. */
  name?: string;
  /** The planned files, sorted by path; empty when any error was found. */
  files: PlannedFile[];
  /** Every error and warning found. */
  problems: Problem[];
}

/** A render with what was built, when nothing stopped it (the bootstrap steps and the tests read it). */
export interface BuildResult extends RenderResult {
  build?: Build;
}

/**
 * The cross-resource problems a schema error would hide: the rules run on the
 * cluster without the fields the schema refused, when it parses without them
 * (a refused field that is required stops it). Problems at a refused field are
 * left out: the schema's say more.
 */
function besides(input: unknown, refused: readonly Problem[]): Problem[] {
  if (input === null || typeof input !== "object") return [];
  let copy;
  try {
    copy = JSON.parse(JSON.stringify(input));
  } catch {
    return []; // not data (a BigInt): the schema's problems are all there is to say
  }
  const paths = refused.map((problem) => pathKeys(problem.path));
  if (paths.some((keys) => !keys || keys.length === 0)) return [];
  for (const keys of paths) {
    let node = copy;
    for (const key of keys!.slice(0, -1)) node = node?.[key];
    if (node && typeof node === "object") delete node[keys!.at(-1)!];
  }
  const again = parseCluster(compact(copy));
  if (!again.ok) return [];
  const at = new Set(refused.map((problem) => problem.path));
  return checkInput(again.cluster).filter((problem) =>
    ![...at].some((path) => problem.path === path || problem.path.startsWith(`${path}.`))
  );
}

/** A copy without the holes `delete` leaves in arrays. */
function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((_, i) => i in value).map(compact);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, compact(child)]));
}

/**
 * Renders one cluster file's default export. `source` names the file in messages
 * and headers (`clusters/homelab.ts`). `vendor` reads the vendored upstream
 * artifacts (`vendor/`) for the version-true checks (rules 28-31: Helm values,
 * CRDs with their CEL rules, the Talos schema); without it they do not run, and
 * custom resources go unchecked. The tasks always give it. `repository` is what
 * the tasks know of the repository written into: its folders (for `discover` and
 * rule 32) and its origin.
 *
 * @example
 * ```ts
 * import { renderCluster } from "./render.ts";
 * import homelab from "../clusters/homelab.ts";
 * import assert from "node:assert/strict";
 * const result = renderCluster(homelab, "clusters/homelab.ts");
 * assert.deepEqual(result.problems, []);
 * assert.ok(result.files.some((file) => file.path === "apps/homelab/root.yaml"));
 * ```
 */
export function renderCluster(
  input: unknown,
  source: string,
  vendor?: VendorFiles,
  repository?: RepositoryContext,
): RenderResult {
  const { name, files, problems } = renderBuild(
    input,
    source,
    vendor && upstreamFor(vendor),
    repository,
  );
  return name === undefined ? { files, problems } : { name, files, problems };
}

/** Appends problems one by one: a spread of 200,000 of them into `push` overflows the stack. */
function append(problems: Problem[], more: readonly Problem[]): void {
  for (const problem of more) problems.push(problem);
}

/**
 * Like {@link renderCluster}, with the build when nothing stopped the render;
 * `repository` (what the tasks know of the repository written into) adds rule 32's
 * comparison with its origin.
 */
export function renderBuild(
  input: unknown,
  source: string,
  upstream?: Upstream,
  repository?: RepositoryContext,
): BuildResult {
  const parsed = parseCluster(input);
  if (!parsed.ok) {
    return { files: [], problems: [...parsed.problems, ...besides(input, parsed.problems)] };
  }
  const discovered = discoverApps(parsed.cluster, repository);
  const cluster = discovered.cluster;
  const failed = (problems: Problem[]) => problems.some((problem) => problem.severity === "error");

  // Discovery's problems are rule 22's: the apps it adds must have names of their own.
  const problems = [
    ...discovered.problems.map((problem) => ({ ...problem, rule: "apps" })),
    ...checkInput(cluster),
  ];
  if (repository) append(problems, checkRepository(cluster, repository));
  const list = components(cluster);
  const waves = syncWaves(list);
  // Rule "apps" names each unknown dependency where it is; a cycle is only found here.
  if (!waves.ok && waves.reason === "cycle") {
    problems.push({ ...error("apps", waves.message), rule: "apps" });
  }
  if (failed(problems) || !waves.ok) return { name: cluster.name, files: [], problems };

  const build = buildCluster(cluster, list, waves.waves);
  append(problems, applyPatches(build));
  if (repository) {
    // What the Git apps of this repository sync is checked like what Hydrate renders.
    const synced = syncedResources(cluster, repository);
    build.synced = synced.files;
    append(problems, synced.problems.map((problem) => ({ ...problem, rule: "repository" })));
  }
  if (failed(problems)) return { name: cluster.name, files: [], problems };
  append(problems, checkBuilt(build));
  if (upstream) append(problems, checkUpstream(build, upstream));
  if (failed(problems)) return { name: cluster.name, files: [], problems };
  return { name: cluster.name, files: emitBuild(build, source), problems, build };
}
