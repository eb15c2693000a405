/**
 * The vendored upstream artifacts (`vendor/`): what a cluster pins and must find
 * there, how `vendor/lock.json` records each file, and the parsed facts of the
 * artifacts (chart values, CRDs, Talos schemas), parsed once per reader. The
 * reader is the only way in: the scripts give one over the disk, the tests one
 * over the same folder; nothing here reads a file itself.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { load } from "js-yaml";
import { type ChartFacts, chartFacts } from "./chart.ts";
import { type CrdVersion, crdVersions, untemplated } from "./crds.ts";
import { chartVersion, dnsLabel, version } from "../schema.ts";

/** Read access to the vendor folder, by paths relative to it. */
export interface VendorFiles {
  /** A file's text, or `undefined` when it is not there. */
  read(path: string): string | undefined;
  /** The files under a folder, recursively, sorted; empty when there is none. */
  list(dir: string): string[];
}

/** One artifact a cluster pins: a chart, a set of CRDs or a Talos schema, and where it is fetched from. */
export interface Artifact {
  /** Its folder under vendor/ and its key in the lock file: `charts/cilium/1.18.4`. */
  dir: string;
  /** How messages name it: `cilium 1.18.4`, `Gateway API CRDs v1.3.0`. */
  label: string;
  /** The cluster-file field that pins it: `cilium.chart.version`. */
  pinnedAt: string;
  /** A Helm chart, fetched from its repository's index; or files fetched by URL. */
  source:
    | { kind: "chart"; repoURL: string; chart: string; version: string }
    | { kind: "files"; files: Record<string, string> };
}

/** A vendored file: where it came from and its digest. */
export interface LockedFile {
  source: string;
  sha256: string;
}

/** A vendored artifact in the lock file. */
export interface LockedArtifact {
  label: string;
  /** The chart repository, for a chart. */
  repoURL?: string;
  /** The archive or URL it was fetched from, and the archive's digest when the repository's index states one. */
  source: string;
  digest?: string;
  /** How it was obtained, when not by `deno task vendor` from `source`. */
  note?: string;
  /** Why `deno task vendor` keeps it though no cluster file pins it (the tests' fixtures do). */
  keep?: string;
  /** Its files, by path relative to the artifact's folder. */
  files: Record<string, LockedFile>;
}

/** `vendor/lock.json`. */
export interface VendorLock {
  version: 1;
  artifacts: Record<string, LockedArtifact>;
}

/** The sha256 of a text, as hex. */
export const sha256 = (data: string | Uint8Array): string =>
  createHash("sha256").update(data).digest("hex");

/** The folders {@link isArtifactDir} accepts, for messages. */
export const ARTIFACT_DIRS =
  "charts/<chart>/<version>, crds/gateway-api/<version>, crds/cilium/<version>, crds/url/<16 hex digits>, talos/<version>";

/**
 * Whether a lock key is a folder Hydrate vendors into, exactly as
 * lib/build/vendor_plan.ts names them (each part valid as the cluster file's
 * field it comes from): never `..`, an absolute path or another folder.
 *
 * @example
 * ```ts
 * import { isArtifactDir } from "./vendor.ts";
 * import assert from "node:assert/strict";
 * assert.ok(isArtifactDir("charts/cilium/1.18.4"));
 * assert.ok(isArtifactDir("crds/url/9c9de0d1462a9ec2"));
 * assert.ok(!isArtifactDir("charts/../../etc"));
 * ```
 */
export function isArtifactDir(dir: string): boolean {
  const parts = dir.split("/");
  const [kind, name, at] = parts;
  const chart = (value: string) => chartVersion.safeParse(value).success;
  const release = (value: string) => version.safeParse(value).success;
  if (kind === "talos") return parts.length === 2 && release(name);
  if (parts.length !== 3) return false;
  if (kind === "charts") return dnsLabel.safeParse(name).success && chart(at);
  if (kind !== "crds") return false;
  if (name === "gateway-api") return release(at);
  if (name === "cilium") return chart(at);
  return name === "url" && /^[0-9a-f]{16}$/.test(at);
}

/** Whether a lock's file name is a relative path inside its artifact's folder. */
function isFileName(name: string): boolean {
  return name.split("/").every((part) => part !== "" && part !== "." && part !== "..") &&
    !/[\\\0]/.test(name);
}

/** The end of a lock problem that `deno task vendor` cannot fix. */
const RESTORE_LOCK = ": restore vendor/lock.json from Git";

/** Why the artifacts of a lock are not what Hydrate writes, or `undefined`. */
function lockProblem(artifacts: Record<string, unknown>): string | undefined {
  for (const [dir, artifact] of Object.entries(artifacts)) {
    if (!isArtifactDir(dir)) {
      return `vendor/lock.json names ${
        JSON.stringify(dir)
      }, no folder Hydrate vendors (${ARTIFACT_DIRS})${RESTORE_LOCK}`;
    }
    const files = (artifact as { files?: unknown } | null)?.files;
    if (typeof files !== "object" || files === null) {
      return `vendor/lock.json: ${dir} lists no files${RESTORE_LOCK}`;
    }
    const name = Object.keys(files).find((name) => !isFileName(name));
    if (name !== undefined) {
      return `vendor/lock.json: ${dir} lists ${
        JSON.stringify(name)
      }, not a path inside its folder${RESTORE_LOCK}`;
    }
  }
  return undefined;
}

/** The parsed lock file, or why it cannot be read (a key or a file name outside vendor/ included). */
export function parseLock(text: string | undefined): VendorLock | string {
  if (text === undefined) return "vendor/lock.json is missing";
  let lock;
  try {
    lock = JSON.parse(text);
  } catch (cause) {
    return `vendor/lock.json is not JSON: ${(cause as Error).message}`;
  }
  if (
    lock?.version !== 1 || typeof lock.artifacts !== "object" || lock.artifacts === null ||
    Array.isArray(lock.artifacts)
  ) {
    return "vendor/lock.json is not a version 1 lock file";
  }
  return lockProblem(lock.artifacts) ?? lock as VendorLock;
}

/** The upstream facts a render reads, parsed once per reader and artifact. */
export interface Upstream {
  files: VendorFiles;
  lock: VendorLock | string;
  /** Why an artifact cannot be used (not vendored, another repository, a file changed), or undefined. */
  unusable(artifact: Artifact): string | undefined;
  chart(dir: string, label: string): ChartFacts;
  /** The CRD versions of the artifacts' folders, by `apiVersion/kind`. */
  crds(dirs: readonly string[]): Map<string, CrdVersion>;
  /** A parsed JSON file (the Talos schema). */
  json(path: string): Record<string, unknown> | undefined;
}

const TEMPLATE = /\.(yaml|yml|tpl|txt)$/;

function checkFiles(files: VendorFiles, dir: string, locked: LockedArtifact): string | undefined {
  for (const [name, { sha256: digest }] of Object.entries(locked.files)) {
    const text = files.read(`${dir}/${name}`);
    if (text === undefined) return `vendor/${dir}/${name} is missing`;
    if (sha256(text) !== digest) {
      return `vendor/${dir}/${name} does not match its sha256 in vendor/lock.json`;
    }
  }
  return undefined;
}

function unusableIn(files: VendorFiles, lock: VendorLock | string, artifact: Artifact) {
  const fix = "run `deno task vendor`";
  if (typeof lock === "string") return lock.endsWith(RESTORE_LOCK) ? lock : `${lock}: ${fix}`;
  const locked = lock.artifacts[artifact.dir];
  if (!locked) return `vendor/ has no ${artifact.label}: ${fix}`;
  const { source } = artifact;
  if (source.kind === "chart" && locked.repoURL !== source.repoURL) {
    return `${artifact.label} is vendored from ${locked.repoURL}, not ${source.repoURL}: ${fix}`;
  }
  const restore = `restore it (\`git checkout -- vendor/${artifact.dir}\`) or ${fix}`;
  const changed = checkFiles(files, artifact.dir, locked);
  if (changed) return `${changed}: ${restore}`;
  if (source.kind === "chart") {
    let stated = chartIdentity(files.read(`${artifact.dir}/Chart.yaml`));
    // Files taken from a release tag (the lock's note says so) may carry the source's
    // placeholder version, which the release tool fills in (cert-manager's Chart.template.yaml).
    if (locked.note && stated === `${source.chart} v0.0.0`) {
      stated = `${source.chart} ${source.version}`;
    }
    if (stated !== `${source.chart} ${source.version}`) {
      return `vendor/${artifact.dir}/Chart.yaml is ${
        stated ?? "not a chart's"
      }, not ${source.chart} ${source.version}: ${restore}`;
    }
  }
  const unlisted = files.list(artifact.dir).find((path) =>
    !(path.slice(artifact.dir.length + 1) in locked.files)
  );
  return unlisted && `vendor/${unlisted} is not in vendor/lock.json: remove it, or ${fix}`;
}

/** A Chart.yaml's `name version`, or `undefined` when it does not state them. */
function chartIdentity(text: string | undefined): string | undefined {
  try {
    const chart = load(text ?? "") as { name?: unknown; version?: unknown } | null;
    return chart?.name && chart.version ? `${chart.name} ${chart.version}` : undefined;
  } catch {
    return undefined;
  }
}

/** The paths of an artifact's files as the lock lists them (nothing else in its folder is read). */
function lockedPaths(lock: VendorLock | string, dir: string, under = ""): string[] {
  const locked = typeof lock === "string" ? undefined : lock.artifacts[dir];
  return Object.keys(locked?.files ?? {}).filter((name) => name.startsWith(under)).sort()
    .map((name) => `${dir}/${name}`);
}

/** A vendored chart's facts, from the files the lock lists; a file that does not parse is named. */
function readChart(
  files: VendorFiles,
  lock: VendorLock | string,
  dir: string,
  label: string,
): ChartFacts {
  const templates = lockedPaths(lock, dir, "templates/").filter((p) => TEMPLATE.test(p));
  const values = files.read(`${dir}/values.yaml`) ?? "";
  const schema = files.read(`${dir}/values.schema.json`);
  if (values.trim() !== "") named(`${dir}/values.yaml`, () => load(values));
  if (schema !== undefined) named(`${dir}/values.schema.json`, () => JSON.parse(schema));
  return chartFacts(label, {
    values,
    schema,
    templates: templates.map((path) => files.read(path) ?? ""),
    chart: named(`${dir}/Chart.yaml`, () => files.read(`${dir}/Chart.yaml`)),
  });
}

/** Parses what the checks read of an artifact, so that they never meet a file that does not parse. */
function parse(upstream: Upstream, artifact: Artifact): void {
  if (artifact.dir.startsWith("talos/")) upstream.json(`${artifact.dir}/config.schema.json`);
  else upstream.crds([artifact.dir]);
  if (artifact.source.kind === "chart") upstream.chart(artifact.dir, artifact.label);
}

/** The result of parsing a vendored file, or an error that names it. */
function named<T>(path: string, work: () => T): T {
  try {
    return work();
  } catch (cause) {
    throw new Error(`vendor/${path}: ${(cause as Error).message.split("\n")[0]}`);
  }
}

function unparsable(work: () => void): string | undefined {
  try {
    work();
    return undefined;
  } catch (cause) {
    return `${
      (cause as Error).message
    } (does not parse): restore it from Git, or run \`deno task vendor\``;
  }
}

const BY_FILES = new WeakMap<VendorFiles, Upstream>();

/** The upstream facts over a vendor folder's files, one per reader. */
export function upstreamFor(files: VendorFiles): Upstream {
  let upstream = BY_FILES.get(files);
  if (!upstream) BY_FILES.set(files, upstream = upstreamOf(files));
  return upstream;
}

/**
 * The upstream facts over a vendor folder's files (a new parse: see {@link upstreamFor}).
 *
 * @example
 * ```ts
 * import { upstreamOf } from "./vendor.ts";
 * import assert from "node:assert/strict";
 * const upstream = upstreamOf({ read: () => undefined, list: () => [] });
 * const artifact = {
 *   dir: "talos/v1.11.5", label: "Talos v1.11.5 schema", pinnedAt: "omni.talosVersion",
 *   source: { kind: "files" as const, files: {} },
 * };
 * assert.equal(upstream.unusable(artifact), "vendor/lock.json is missing: run `deno task vendor`");
 * ```
 */
export function upstreamOf(files: VendorFiles): Upstream {
  const lock = parseLock(files.read("lock.json"));
  const checked = new Map<string, string | undefined>();
  const charts = new Map<string, ChartFacts>();
  const crdsByDir = new Map<string, CrdVersion[]>();
  const json = new Map<string, Record<string, unknown> | undefined>();
  const crdsOf = (dir: string) => {
    let list = crdsByDir.get(dir);
    if (!list) {
      const paths = lockedPaths(lock, dir).filter((path) => /\.ya?ml$/.test(path));
      list = paths.flatMap((path) => {
        const text = files.read(path) ?? "";
        return named(
          path,
          () => crdVersions([dir.startsWith("charts/") ? untemplated(text) : text], dir),
        );
      });
      crdsByDir.set(dir, list);
    }
    return list;
  };
  return {
    files,
    lock,
    unusable(artifact) {
      if (!checked.has(artifact.dir)) {
        let why = unusableIn(files, lock, artifact);
        // Parsed here, once: a vendored file that does not parse is this artifact's problem.
        if (!why) why = unparsable(() => parse(this, artifact));
        checked.set(artifact.dir, why);
      }
      return checked.get(artifact.dir);
    },
    chart(dir, label) {
      if (!charts.has(dir)) charts.set(dir, readChart(files, lock, dir, label));
      return charts.get(dir)!;
    },
    crds(dirs) {
      const out = new Map<string, CrdVersion>();
      for (const crd of dirs.flatMap(crdsOf)) out.set(`${crd.apiVersion}/${crd.kind}`, crd);
      return out;
    },
    json(path) {
      if (!json.has(path)) {
        const text = files.read(path);
        json.set(path, text === undefined ? undefined : named(path, () => JSON.parse(text)));
      }
      return json.get(path);
    },
  };
}
