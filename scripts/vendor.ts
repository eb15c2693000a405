/**
 * `deno task vendor`: brings into `vendor/` what the cluster files pin and it
 * lacks, and prunes what nothing pins. A chart comes from its repository's
 * `index.yaml` and archive, checked against the sha256 the index states; CRDs
 * and the Talos schema come by URL. Each file's source and sha256 go to
 * `vendor/lock.json`. The only task with network access: every request runs in
 * a Worker allowed the request's host alone (redirects are followed host by
 * host), after the cluster files were evaluated in their sandbox (no network).
 * An artifact the lock already records is fetched again only when a file of it
 * is missing or changed, and must then match what the lock says. An artifact
 * the lock marks `keep` (with why) is never pruned.
 *
 * Usage: deno task vendor [--insecure-loopback] [--help]
 *
 * Exit codes: 0 vendored (or nothing to do), 1 a cluster file is broken, a
 * download failed or a digest does not match (then nothing is written).
 */
import "./_quiet.ts";
import { parseArgs } from "node:util";
import { join } from "node:path";
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
  type LockedArtifact,
  parseLock,
  sha256,
  upstreamOf,
  type VendorLock,
} from "../lib/model/upstream/vendor.ts";
import type { FetchReply } from "./_fetch_worker.ts";
import { refusedUrl } from "../lib/model/upstream/fetch_policy.ts";
import { crdVersions } from "../lib/model/upstream/crds.ts";

const USAGE = "usage: deno task vendor [--insecure-loopback]";
const HELP = `${USAGE}

Fetches into vendor/ the charts, CRDs and Talos schemas the cluster files pin and it lacks
(checked against the digests their sources state), records them in vendor/lock.json, and prunes
what nothing pins. The only task with network access: HTTPS only, never this machine or a private
network.
  --insecure-loopback  also fetch plain HTTP from this machine (a test's chart repository)
Exit codes: 0 vendored, 1 a broken cluster file or a failed download (nothing written).`;
const TIMEOUT_MS = 60_000;
const MAX_REDIRECTS = 5;

/** A download or a check that failed: one line for the user, no stack trace. */
class VendorError extends Error {}

/** One request, in a Worker that may reach the URL's host and nothing else. */
function request(url: string): Promise<FetchReply> {
  const host = new URL(url).host;
  let worker: Worker;
  try {
    worker = newWorker(host);
  } catch (cause) {
    return Promise.resolve({ ok: false, error: (cause as Error).message });
  }
  return answer(worker, url);
}

function newWorker(host: string): Worker {
  return new Worker(new URL("./_fetch_worker.ts", import.meta.url).href, {
    type: "module",
    deno: {
      permissions: {
        net: [host],
        read: false,
        write: false,
        run: false,
        env: false,
        sys: false,
        ffi: false,
        import: false,
      },
    },
  });
}

/** The Worker's one answer, or why there is none. */
function answer(worker: Worker, url: string): Promise<FetchReply> {
  return new Promise<FetchReply>((resolve) => {
    const timer = setTimeout(
      () => resolve({ ok: false, error: `no answer in ${TIMEOUT_MS / 1000} s` }),
      TIMEOUT_MS,
    );
    worker.onmessage = (event: MessageEvent<FetchReply>) => {
      clearTimeout(timer);
      resolve(event.data);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      clearTimeout(timer);
      resolve({ ok: false, error: String(event.message ?? "the download stopped") });
    };
    worker.postMessage({ url });
  }).finally(() => worker.terminate());
}

/** Plain-HTTP loopback is allowed only with --insecure-loopback (the tests' chart repository). */
let loopback = false;

/** The body at a URL, following redirects host by host, each hop HTTPS and not a local address. */
async function download(url: string): Promise<Uint8Array> {
  let at = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const refused = refusedUrl(at, { loopback });
    if (refused) throw new VendorError(`${at}: refused, ${refused}`);
    const reply = await request(at);
    if (!reply.ok) throw new VendorError(`${at}: ${reply.error}`);
    if ("bytes" in reply) return reply.bytes;
    at = reply.redirect;
  }
  throw new VendorError(`${url}: more than ${MAX_REDIRECTS} redirects`);
}

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
    indexes.set(indexURL, download(indexURL).then((bytes) => new TextDecoder().decode(bytes)));
  }
  const archive = chartInIndex(
    await indexes.get(indexURL)!,
    source.repoURL,
    source.chart,
    source.version,
  );
  if (typeof archive === "string") throw new VendorError(archive);
  const bytes = await download(archive.url);
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
    const bytes = await download(url);
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

async function main(): Promise<number> {
  if (wantsHelp(HELP)) return 0;
  try {
    const { values } = parseArgs({
      args: Deno.args,
      options: { "insecure-loopback": { type: "boolean" } },
    });
    loopback = values["insecure-loopback"] ?? false;
  } catch (cause) {
    console.error(`${(cause as Error).message}\n${USAGE}`);
    return 1;
  }
  const { plan, errors } = await planAll();
  if (errors.length > 0) {
    printProblems(errors, []);
    return 1;
  }
  const files = diskVendor();
  const read = parseLock(files.read("lock.json"));
  const lock: VendorLock = typeof read === "string" ? { version: 1, artifacts: {} } : read;
  const upstream = upstreamOf(files);
  const fetched = new Map<string, Fetched>();
  for (const artifact of plan.filter((artifact) => upstream.unusable(artifact))) {
    try {
      fetched.set(artifact.dir, await fetchArtifact(artifact, lock));
      const count = fetched.get(artifact.dir)!.files.size;
      console.log(`Fetched ${artifact.label} (${count} file${count === 1 ? "" : "s"})`);
    } catch (cause) {
      if (!(cause instanceof VendorError)) throw cause;
      errors.push(`${pinnedBy.get(artifact.dir)}: ${artifact.pinnedAt}: ${cause.message}`);
    }
  }
  if (errors.length > 0) {
    printProblems([...errors, "Nothing was written."], []);
    return 1;
  }
  const pinned = new Set(plan.map((artifact) => artifact.dir));
  const kept = Object.keys(lock.artifacts).filter((dir) => lock.artifacts[dir].keep);
  const pruned = Object.keys(lock.artifacts).filter((dir) =>
    !pinned.has(dir) && !lock.artifacts[dir].keep
  );
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
