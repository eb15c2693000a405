/**
 * A Helm chart repository as `deno task vendor` reads it: its `index.yaml`
 * names each chart version's archive and the archive's sha256 (helm/helm v3.18
 * `pkg/repo/index.go`: `ChartVersion.URLs`, `Digest`; a relative URL is
 * relative to the repository URL), and the archive holds the chart under its
 * name's folder. What the checks read of it is kept: `Chart.yaml` (its
 * dependencies), `values.yaml`, `values.schema.json`, `templates/` and `crds/` of
 * the chart itself (not of its subcharts under `charts/`).
 *
 * @module
 */
import { load } from "js-yaml";

/** Where a chart version's archive is, and its sha256 as the index states it. */
export interface ChartArchive {
  url: string;
  digest: string;
}

/**
 * The archive of a chart version in a repository index, or why there is none.
 *
 * @example
 * ```ts
 * import { chartInIndex } from "./helm_repo.ts";
 * import assert from "node:assert/strict";
 * const digest = "ab".repeat(32);
 * const index = `apiVersion: v1\nentries:\n  demo:\n    - version: 1.0.0\n      digest: ${digest}\n      urls: [demo-1.0.0.tgz]\n`;
 * assert.deepEqual(chartInIndex(index, "https://charts.example.com", "demo", "1.0.0"), {
 *   url: "https://charts.example.com/demo-1.0.0.tgz",
 *   digest,
 * });
 * assert.equal(typeof chartInIndex(index, "https://charts.example.com", "demo", "2.0.0"), "string");
 * ```
 */
export function chartInIndex(
  indexText: string,
  repoURL: string,
  chart: string,
  version: string,
): ChartArchive | string {
  let index: { entries?: Record<string, { version?: string; digest?: string; urls?: string[] }[]> };
  try {
    index = load(indexText) as typeof index;
  } catch (cause) {
    return `${repoURL}/index.yaml is not YAML: ${(cause as Error).message.split("\n")[0]}`;
  }
  const versions = index?.entries?.[chart];
  if (!Array.isArray(versions)) return `${repoURL} has no chart ${chart}`;
  const entry = versions.find((candidate) => candidate.version === version);
  if (!entry) {
    const known = versions.map((candidate) => candidate.version).slice(0, 5).join(", ");
    return `${repoURL} has no ${chart} ${version} (the newest: ${known})`;
  }
  const url = entry.urls?.[0];
  if (!url) return `${repoURL} names no archive for ${chart} ${version}`;
  if (typeof entry.digest !== "string" || !/^[0-9a-f]{64}$/.test(entry.digest)) {
    return `${repoURL} states no sha256 digest for ${chart} ${version}`;
  }
  return {
    url: new URL(url, repoURL.endsWith("/") ? repoURL : `${repoURL}/`).href,
    digest: entry.digest,
  };
}

const KEPT = /^(Chart\.yaml|values\.yaml|values\.schema\.json|templates\/.+|crds\/.+)$/;

/**
 * The files of a chart archive the checks read, by path relative to the chart's
 * folder: its name's folder in the archive.
 *
 * @example
 * ```ts
 * import { chartFiles } from "./helm_repo.ts";
 * import assert from "node:assert/strict";
 * const bytes = new Uint8Array();
 * const files = chartFiles("demo", [
 *   { name: "demo/values.yaml", data: bytes },
 *   { name: "demo/templates/a.yaml", data: bytes },
 *   { name: "demo/templates/link.yaml", type: "symbolicLink", data: bytes },
 *   { name: "demo/templates/../../escape.yaml", data: bytes },
 *   { name: "demo/charts/sub/values.yaml", data: bytes },
 *   { name: "demo/README.md", data: bytes },
 * ]);
 * assert.deepEqual([...files.keys()], ["templates/a.yaml", "values.yaml"]);
 * ```
 */
export function chartFiles(
  chart: string,
  entries: readonly { name: string; type?: string; data?: Uint8Array }[],
): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  const prefix = `${chart}/`;
  for (const { name, type, data } of entries) {
    // Regular files only: a link or a device in an archive is never followed or written.
    if (!data || (type !== undefined && type !== "file") || !name.startsWith(prefix)) continue;
    const path = name.slice(prefix.length);
    if (KEPT.test(path) && !path.split("/").includes("..")) out.set(path, data);
  }
  return new Map([...out].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0));
}
