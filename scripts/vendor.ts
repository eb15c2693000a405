/**
 * `deno task vendor`: brings into `vendor/` what the cluster files pin and it
 * lacks, and prunes what nothing pins. A chart comes from its repository's
 * `index.yaml` and archive, checked against the sha256 the index states; CRDs
 * and the Talos schema come by URL. Each file's source and sha256 go to
 * `vendor/lock.json`. The only task with network access (scripts/_fetch.ts):
 * every host name is resolved and refused when any of its addresses is this
 * machine's or a private network's, and every request runs in a Worker allowed
 * that host alone, connected to the checked addresses alone (redirects are
 * followed hop by hop, each checked anew), after the cluster files were
 * evaluated in their sandbox (no network). It writes and removes only folders
 * of the lock's grammar, real folders inside vendor/ (never through a link).
 * An artifact the lock already records is fetched again only when a file of it
 * is missing or changed, and must then match what the lock says. An artifact
 * the lock marks `keep` (with why) is never pruned.
 *
 * Usage: deno task vendor [--insecure-loopback] [--help]
 *
 * Exit codes: 0 vendored (or nothing to do), 1 a cluster file or the lock is
 * broken, a download failed or a digest does not match (then nothing is
 * written).
 */
import "./_quiet.ts";
import { parseArgs } from "node:util";
import { join, sep } from "node:path";
import { parseTar } from "nanotar";
import {
  clusterFiles,
  exitWith,
  layerFiles,
  NO_CLUSTERS,
  printProblems,
  wantsHelp,
} from "./_cli.ts";
import { renderInSandboxes } from "./_sandbox.ts";
import { diskVendor, VENDOR_DIR } from "./_vendor.ts";
import { parseCluster } from "../lib/model/parse.ts";
import { formatProblem } from "../lib/model/problem.ts";
import { vendorPlan } from "../lib/build/vendor_plan.ts";
import { chartFiles, chartInIndex } from "../lib/model/upstream/helm_repo.ts";
import {
  type Artifact,
  ARTIFACT_DIRS,
  isArtifactDir,
  type LockedArtifact,
  parseLock,
  sha256,
  upstreamOf,
  type VendorLock,
} from "../lib/model/upstream/vendor.ts";
import { download, FetchError } from "./_fetch.ts";
import { crdVersions } from "../lib/model/upstream/crds.ts";

const USAGE = "usage: deno task vendor [--insecure-loopback]";
const HELP = `${USAGE}

Fetches into vendor/ the charts, CRDs and Talos schemas the cluster files pin and it lacks
(checked against the digests their sources state), records them in vendor/lock.json, and prunes
what nothing pins. The only task with network access: HTTPS only, never this machine or a private
network.
  --insecure-loopback  also fetch plain HTTP from this machine (a test's chart repository)
Exit codes: 0 vendored, 1 a broken cluster file or lock, or a failed download (nothing written).`;

/** A download or a check that failed: one line for the user, no stack trace. */
class VendorError extends Error {}

/** Plain-HTTP loopback is allowed only with --insecure-loopback (the tests' chart repository). */
let loopback = false;

/** What was fetched for one artifact: its lock entry and its files' bytes. */
interface Fetched {
  locked: LockedArtifact;
  files: Map<string, Uint8Array>;
}

const indexes = new Map<string, Promise<string>>();

async function fetchChart(
  artifact: Artifact,
  source: { repoURL: string; chart: string; version: string },
): Promise<Fetched> {
  if (!/^https?:\/\//.test(source.repoURL)) {
    throw new VendorError(
      `${source.repoURL}: deno task vendor reads Helm repositories over HTTP(S) (index.yaml); OCI registries are not supported yet`,
    );
  }
  const indexURL = `${source.repoURL.replace(/\/$/, "")}/index.yaml`;
  if (!indexes.has(indexURL)) {
    indexes.set(
      indexURL,
      download(indexURL, { loopback }).then((bytes) => new TextDecoder().decode(bytes)),
    );
  }
  const archive = chartInIndex(
    await indexes.get(indexURL)!,
    source.repoURL,
    source.chart,
    source.version,
  );
  if (typeof archive === "string") throw new VendorError(archive);
  const bytes = await download(archive.url, { loopback });
  const digest = sha256(bytes);
  if (digest !== archive.digest) {
    throw new VendorError(
      `${archive.url}: sha256 ${digest} is not the digest ${archive.digest} that ${indexURL} states`,
    );
  }
  const files = chartFiles(source.chart, parseTar(await gunzip(bytes, archive.url)));
  if (!files.has("values.yaml")) {
    throw new VendorError(`${archive.url}: holds no ${source.chart}/values.yaml`);
  }
  return {
    locked: {
      label: artifact.label,
      repoURL: source.repoURL,
      source: archive.url,
      digest: archive.digest,
      files: Object.fromEntries(
        [...files].map((
          [path, data],
        ) => [path, { source: `${archive.url}#${source.chart}/${path}`, sha256: sha256(data) }]),
      ),
    },
    files,
  };
}

/** What an archive may unpack to: more is refused, not buffered (a small archive can hold gigabytes). */
const MAX_UNPACKED = 256 * 2 ** 20;

async function gunzip(bytes: Uint8Array, url: string): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream()
    .pipeThrough(new DecompressionStream("gzip"));
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      size += chunk.length;
      if (size > MAX_UNPACKED) {
        throw new VendorError(`${url}: unpacks to more than ${MAX_UNPACKED / 2 ** 20} MiB`);
      }
      chunks.push(chunk);
    }
  } catch (cause) {
    if (cause instanceof VendorError) throw cause;
    throw new VendorError(`${url}: not a gzip archive (${(cause as Error).message})`);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) out.set(chunk, at), at += chunk.length;
  return out;
}

async function fetchFiles(artifact: Artifact, urls: Record<string, string>): Promise<Fetched> {
  const files = new Map<string, Uint8Array>();
  for (const [name, url] of Object.entries(urls)) {
    const bytes = await download(url, { loopback });
    // What is vendored as CRDs must be CRDs: not a page, not a file of another kind.
    if (name.endsWith(".yaml") && !artifact.dir.startsWith("talos/")) {
      let count = 0;
      try {
        count = crdVersions([new TextDecoder().decode(bytes)], artifact.dir).length;
      } catch {
        count = 0;
      }
      if (count === 0) throw new VendorError(`${url}: holds no CustomResourceDefinition`);
    }
    files.set(name, bytes);
  }
  return {
    locked: {
      label: artifact.label,
      source: Object.values(urls)[0],
      files: Object.fromEntries(
        [...files].map(([name, data]) => [name, { source: urls[name], sha256: sha256(data) }]),
      ),
    },
    files,
  };
}

/** The artifact fetched; when the lock records it, the fetched files must be the ones it records. */
async function fetchArtifact(artifact: Artifact, lock: VendorLock): Promise<Fetched> {
  const fetched = artifact.source.kind === "chart"
    ? await fetchChart(artifact, artifact.source)
    : await fetchFiles(artifact, artifact.source.files);
  const before = lock.artifacts[artifact.dir];
  if (!before) return fetched;
  const restore =
    `restore vendor/${artifact.dir} from Git (\`git checkout -- vendor/${artifact.dir}\`)`;
  const names = (files: Record<string, unknown>) => Object.keys(files).sort().join(", ");
  if (names(before.files) !== names(fetched.locked.files)) {
    throw new VendorError(
      `${artifact.label}: vendor/lock.json records other files than ${fetched.locked.source} holds${
        before.note ? ` (${before.note})` : ""
      }: ${restore}`,
    );
  }
  for (const [name, { sha256: digest }] of Object.entries(before.files)) {
    if (fetched.locked.files[name].sha256 !== digest) {
      throw new VendorError(
        `${artifact.label}: ${name} as fetched is not the file vendor/lock.json records (sha256 ${digest}): upstream changed a released version, or the lock was edited; ${restore}`,
      );
    }
  }
  // The same files: what the lock said of how they were obtained stays.
  return { ...fetched, locked: { ...fetched.locked, note: before.note, keep: before.keep } };
}

/** The artifacts every cluster file pins, each once; or the problems that stop the plan. */
/** Which cluster file pins each artifact first, by its folder (for messages). */
const pinnedBy = new Map<string, string>();

async function planAll(): Promise<{ plan: Artifact[]; errors: string[] }> {
  const sources = await clusterFiles();
  if (sources.length === 0) return { plan: [], errors: [NO_CLUSTERS] };
  const results = await renderInSandboxes(Deno.cwd(), sources.map((source) => ({ source })), {
    layers: await layerFiles(),
    dataOnly: true,
  });
  const errors: string[] = [];
  const plan = new Map<string, Artifact>();
  for (const result of results) {
    if (result.loadError !== undefined) errors.push(`${result.source}: ${result.loadError}`);
    errors.push(...result.problems.map((problem) => formatProblem(result.source, problem)));
    if (result.data === undefined) continue;
    const parsed = parseCluster(result.data);
    if (!parsed.ok) {
      errors.push(...parsed.problems.map((problem) => formatProblem(result.source, problem)));
      continue;
    }
    for (const artifact of vendorPlan(parsed.cluster)) {
      const other = plan.get(artifact.dir);
      if (other && JSON.stringify(other.source) !== JSON.stringify(artifact.source)) {
        errors.push(
          `${result.source}: ${artifact.pinnedAt}: ${artifact.label} comes from another source than another cluster's (${
            JSON.stringify(other.source)
          })`,
        );
      }
      plan.set(artifact.dir, artifact);
      if (!pinnedBy.has(artifact.dir)) pinnedBy.set(artifact.dir, result.source);
    }
  }
  return { plan: [...plan.values()].sort((a, b) => a.dir < b.dir ? -1 : 1), errors };
}

function removeIfThere(path: string): void {
  try {
    Deno.removeSync(path, { recursive: true });
  } catch (cause) {
    if (!(cause instanceof Deno.errors.NotFound)) throw cause;
  }
}

function removeEmptyParents(dir: string): void {
  let parent = join(dir, "..");
  while (parent !== VENDOR_DIR && parent !== ".") {
    try {
      Deno.removeSync(parent); // only when empty
    } catch {
      return;
    }
    parent = join(parent, "..");
  }
}

/** Writes the fetched artifacts (each whole, then moved in place), prunes, then writes the lock. */
function write(fetched: Map<string, Fetched>, lock: VendorLock, pruned: string[]): void {
  const incoming = join(VENDOR_DIR, ".incoming");
  removeIfThere(incoming);
  for (const [dir, { files }] of fetched) {
    const staged = join(incoming, dir);
    for (const [name, data] of files) {
      Deno.mkdirSync(join(staged, name, ".."), { recursive: true });
      Deno.writeFileSync(join(staged, name), data);
    }
    const target = join(VENDOR_DIR, dir);
    removeIfThere(target);
    Deno.mkdirSync(join(target, ".."), { recursive: true });
    Deno.renameSync(staged, target);
  }
  for (const dir of pruned) {
    removeIfThere(join(VENDOR_DIR, dir));
    removeEmptyParents(join(VENDOR_DIR, dir));
  }
  removeIfThere(incoming);
  const next = join(VENDOR_DIR, ".lock.json.next");
  Deno.writeTextFileSync(next, JSON.stringify(lock, null, 2) + "\n");
  Deno.renameSync(next, join(VENDOR_DIR, "lock.json"));
}

/**
 * Why vendor/ may not write or remove an artifact's folder: its lock key is no folder Hydrate
 * vendors, or a part of its path (vendor/ included) is a link or no folder, or it resolves outside
 * vendor/. A hostile lock plus a link must never make vendor delete a folder elsewhere.
 */
function unconfined(dir: string): string | undefined {
  if (!isArtifactDir(dir)) {
    return `${JSON.stringify(dir)} is no folder Hydrate vendors (${ARTIFACT_DIRS})`;
  }
  let at = VENDOR_DIR;
  for (const part of [".", ...dir.split("/")]) {
    at = join(at, part);
    let info: Deno.FileInfo;
    try {
      info = Deno.lstatSync(at);
    } catch (cause) {
      if (cause instanceof Deno.errors.NotFound) return undefined; // nothing there to remove
      throw cause;
    }
    if (info.isSymlink) {
      return `${at} is a link, and vendor/ writes and removes only its own folders`;
    }
    if (!info.isDirectory) return `${at} is not a folder`;
  }
  const inside = Deno.realPathSync(VENDOR_DIR) + sep;
  const real = Deno.realPathSync(at);
  return real.startsWith(inside) ? undefined : `${at} is ${real}, outside vendor/`;
}

/** The lock as it is (a fresh one when there is none), or why it cannot be used. */
function readLock(): VendorLock | string {
  const text = diskVendor().read("lock.json");
  if (text === undefined) return { version: 1, artifacts: {} };
  return parseLock(text);
}

function parseArguments(): string | undefined {
  try {
    const { values } = parseArgs({
      args: Deno.args,
      options: { "insecure-loopback": { type: "boolean" } },
    });
    loopback = values["insecure-loopback"] ?? false;
    return undefined;
  } catch (cause) {
    return `${(cause as Error).message}\n${USAGE}`;
  }
}

/** The artifacts fetched (those vendor/ lacks or holds changed); a failure is an error line. */
async function fetchAll(plan: Artifact[], lock: VendorLock, errors: string[]) {
  const upstream = upstreamOf(diskVendor());
  const fetched = new Map<string, Fetched>();
  for (const artifact of plan.filter((artifact) => upstream.unusable(artifact))) {
    try {
      fetched.set(artifact.dir, await fetchArtifact(artifact, lock));
      const count = fetched.get(artifact.dir)!.files.size;
      console.log(`Fetched ${artifact.label} (${count} file${count === 1 ? "" : "s"})`);
    } catch (cause) {
      if (!(cause instanceof VendorError) && !(cause instanceof FetchError)) throw cause;
      errors.push(`${pinnedBy.get(artifact.dir)}: ${artifact.pinnedAt}: ${cause.message}`);
    }
  }
  return fetched;
}

/** Why the folders (named by `by`) may not be written or removed, one line each. */
function unconfinedAll(dirs: Iterable<string>, by: string): string[] {
  return [...dirs].flatMap((dir) => {
    const why = unconfined(dir);
    return why ? [`${by}: ${dir}: ${why}`] : [];
  });
}

async function main(): Promise<number> {
  if (wantsHelp(HELP)) return 0;
  const usage = parseArguments();
  if (usage) return console.error(usage), 1;
  // The lock first: every folder it names must be vendor's own before anything runs.
  const lock = readLock();
  if (typeof lock === "string") return printProblems([lock], []), 1;
  const unsafe = unconfinedAll(Object.keys(lock.artifacts), "vendor/lock.json");
  if (unsafe.length > 0) return printProblems([...unsafe, "Nothing was written."], []), 1;
  const { plan, errors } = await planAll();
  if (errors.length > 0) return printProblems(errors, []), 1;
  const pinned = new Set(plan.map((artifact) => artifact.dir));
  const kept = Object.keys(lock.artifacts).filter((dir) => lock.artifacts[dir].keep);
  const pruned = Object.keys(lock.artifacts).filter((dir) =>
    !pinned.has(dir) && !lock.artifacts[dir].keep
  );
  errors.push(...unconfinedAll(pinned, "the cluster files pin")); // before any request or write
  const fetched = errors.length > 0 ? new Map() : await fetchAll(plan, lock, errors);
  if (errors.length > 0) return printProblems([...errors, "Nothing was written."], []), 1;
  const next: VendorLock = { version: 1, artifacts: {} };
  for (const dir of [...new Set([...pinned, ...kept])].sort()) {
    next.artifacts[dir] = fetched.get(dir)?.locked ?? lock.artifacts[dir];
  }
  write(fetched, next, pruned);
  for (const dir of pruned) console.log(`Pruned ${lock.artifacts[dir].label} (nothing pins it)`);
  console.log(
    `vendor/: ${pinned.size} artifact(s) pinned, ${fetched.size} fetched, ${pruned.length} pruned.`,
  );
  return 0;
}

await exitWith(main);
