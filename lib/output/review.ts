/**
 * What a trusted review of a pull request says before its rendered change: which of Hydrate's
 * own files the pull request changes (they did not run: the review used the reviewer's Hydrate),
 * which vendored artifacts the reviewer's lock does not vouch for, and whether the pull request's
 * committed `apps/` and `omni/` are exactly what the reviewer's Hydrate renders from its cluster
 * files. Pure: the task reads the trees.
 *
 * @module
 */
import { normalizePath } from "../build/synced.ts";
import { isPlainObject } from "../model/merge.ts";
import { markdownCodeBlock, visibleText } from "./escape.ts";

/** The paths that are Hydrate itself, not a cluster's data: code, its lock, CI, tests. */
const HYDRATE_CODE = /^(lib|scripts|tests|\.github|\.ci|mod\.ts|deno\.json|deno\.lock)(\/|$)/;

/**
 * The changed paths that are Hydrate's own code, sorted.
 *
 * @example
 * ```ts
 * import { hydrateCodeChanges } from "./review.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(hydrateCodeChanges(["clusters/a.ts", "lib/render.ts", "deno.json"]), ["deno.json", "lib/render.ts"]);
 * ```
 */
export function hydrateCodeChanges(paths: readonly string[]): string[] {
  return paths.filter((path) => HYDRATE_CODE.test(path)).sort();
}

/** A vendor lock's artifacts as the review compares them: folder -> file -> sha256. */
export type LockDigests = Map<string, Map<string, string>>;

/** The artifacts' file digests of a `vendor/lock.json` text (empty for one that is no lock). */
export function lockDigests(text: string | undefined): LockDigests {
  const out: LockDigests = new Map();
  let lock: { artifacts?: Record<string, { files?: Record<string, { sha256?: unknown }> }> };
  try {
    lock = JSON.parse(text ?? "{}");
  } catch {
    return out;
  }
  for (const [dir, artifact] of Object.entries(lock?.artifacts ?? {})) {
    const files = new Map<string, string>();
    for (const [name, file] of Object.entries(artifact?.files ?? {})) {
      files.set(name, String(file?.sha256));
    }
    out.set(dir, files);
  }
  return out;
}

/**
 * The pull request's vendored artifacts that the trusted lock does not hold with the same files
 * and digests: their bytes are the pull request's word alone (the render checks them against the
 * pull request's own lock).
 *
 * @example
 * ```ts
 * import { unvouchedArtifacts } from "./review.ts";
 * import assert from "node:assert/strict";
 * const trusted = new Map([["charts/a/1", new Map([["values.yaml", "x"]])]]);
 * const pr = new Map([["charts/a/1", new Map([["values.yaml", "y"]])], ["charts/b/2", new Map()]]);
 * assert.deepEqual(unvouchedArtifacts(trusted, pr), ["charts/a/1 (files differ from the trusted lock)", "charts/b/2 (new)"]);
 * ```
 */
export function unvouchedArtifacts(trusted: LockDigests, pr: LockDigests): string[] {
  const out: string[] = [];
  for (const [dir, files] of [...pr].sort(([a], [b]) => a.localeCompare(b, "en"))) {
    const known = trusted.get(dir);
    if (!known) out.push(`${dir} (new)`);
    else if (
      known.size !== files.size || [...files].some(([name, digest]) => known.get(name) !== digest)
    ) out.push(`${dir} (files differ from the trusted lock)`);
  }
  return out;
}

/** What the review found besides the rendered change. */
export interface ReviewFindings {
  /** The reviewed revision, as the user named it, and its commit. */
  head: string;
  /** Hydrate's own files the pull request changes (not run). */
  code: string[];
  /** Vendored artifacts the trusted lock does not vouch for. */
  vendor: string[];
  /** Files the review refuses: committed ones that differ from the trusted render, links,
   * submodules, bookkeeping, checkout attributes, names no file system here holds. */
  drift: string[];
}

/** A path or revision as one line of text: control and invisible characters as visible escapes. */
const visible = (text: string): string => visibleText(text);

/** How many entries of each list the review shows (the rest counted), and how long a line is. */
const LISTED = 20;
const LINE = 300;

/** A list's lines, indented: at most LISTED, each at most LINE characters, then how many more. */
function listed(items: readonly string[], prefix = ""): string[] {
  const shown = items.slice(0, LISTED).map((item) => {
    const line = visible(`${prefix}${item}`);
    return `    ${line.length > LINE ? `${line.slice(0, LINE)}...` : line}`;
  });
  const more = items.length - LISTED;
  return more > 0
    ? [...shown, `    ... and ${more} more (the task's error output lists all)`]
    : shown;
}

/** The review's findings as lines of text, most important first; `all` lists every entry. */
export function reviewLines(findings: ReviewFindings, all = false): string[] {
  const list = (items: readonly string[], prefix = "") =>
    all ? items.map((item) => `    ${visible(`${prefix}${item}`)}`) : listed(items, prefix);
  const lines = [
    `Reviewed ${
      visible(findings.head)
    } with this checkout's Hydrate (the pull request's code did not run).`,
  ];
  if (findings.code.length > 0) {
    lines.push(
      `! The pull request changes Hydrate itself (${findings.code.length} file(s)); review them as code, they were not used:`,
      ...list(findings.code),
    );
  }
  if (findings.vendor.length > 0) {
    lines.push(
      `! Vendored artifacts the trusted vendor/lock.json does not vouch for (the checks read them):`,
      ...list(findings.vendor, "vendor/"),
    );
  }
  lines.push(
    findings.drift.length === 0
      ? "The committed apps/ and omni/ are exactly what this Hydrate renders from the pull request's cluster files."
      : `! Refused (${findings.drift.length} file(s)): the committed apps/ and omni/ are NOT what this Hydrate renders from the pull request's cluster files, or the review cannot show a file:`,
    ...list(findings.drift),
  );
  return lines;
}

/** The findings as markdown, to stand first in the pull request's comment. */
export function reviewMarkdown(findings: ReviewFindings): string[] {
  const alert = findings.code.length + findings.vendor.length + findings.drift.length > 0
    ? "> [!WARNING]\n> This pull request changes Hydrate, its vendored artifacts, or commits a tree Hydrate does not render: read the review below."
    : "> [!NOTE]\n> Reviewed with the base branch's Hydrate; the pull request contributed data only.";
  return [alert, "", ...markdownCodeBlock("text", reviewLines(findings)), ""];
}

/**
 * Puts the review's findings first in a comment's parts: after part 1's heading, before its
 * rendered change.
 */
export function withReview(parts: readonly string[], findings: ReviewFindings): string[] {
  return parts.map((part, i) => {
    if (i !== 0) return part;
    const heading = part.indexOf("\n## ");
    const afterHeading = heading < 0 ? 0 : part.indexOf("\n", heading + 1) + 1;
    return `${part.slice(0, afterHeading)}\n${reviewMarkdown(findings).join("\n")}${
      part.slice(afterHeading)
    }`;
  });
}

/**
 * The folders of this repository that the rendered Applications sync (Git apps of this
 * repository, outside `roots`), sorted: their files are what Argo CD applies for those apps.
 * Read from what was built, not from the emitted text.
 *
 * @example
 * ```ts
 * import { syncedFolders } from "./review.ts";
 * import assert from "node:assert/strict";
 * const app = { apiVersion: "argoproj.io/v1alpha1", kind: "Application", metadata: { name: "web" },
 *   spec: { source: { path: "teams/web/" } } };
 * assert.deepEqual(syncedFolders([{ path: "apps/c/applications/web.yaml", resource: app }], ["apps", "omni"]), ["teams/web"]);
 * ```
 */
export function syncedFolders(
  placed: readonly { path: string; resource: { kind: string; spec?: unknown } }[],
  roots: readonly string[],
): string[] {
  const folders = new Set<string>();
  for (const { path: file, resource } of placed) {
    if (!file.startsWith("apps/") || resource.kind !== "Application") continue;
    const spec = isPlainObject(resource.spec) ? resource.spec : {};
    for (const source of [spec.source, ...(Array.isArray(spec.sources) ? spec.sources : [])]) {
      if (!isPlainObject(source) || typeof source.path !== "string") continue;
      // A path climbing out of the repository stops at its root, as the repository's root does.
      const path = normalizePath(source.path) ?? "";
      if (roots.includes(path.split("/")[0])) continue;
      // The repository's root (`.`, or a path climbing out of it): every file of it.
      folders.add(path === "" ? "." : path);
    }
  }
  return [...folders].sort();
}
