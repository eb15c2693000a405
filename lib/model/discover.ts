/**
 * Directory discovery: the cluster file's `discover` groups become Git apps, one
 * per folder of this repository a pattern matches, the way an ApplicationSet's
 * Git directory generator finds them (argo-cd v3.2.0):
 * - folders only, never the repository root, and no hidden folder (a name starting
 *   with `.`) nor anything under one (reposerver/repository/repository.go,
 *   GetGitDirectories);
 * - a pattern is Go's `path.Match` on the folder's path (./path_match.ts, in bounded
 *   time), so `*` and `?` never cross a `/`; a folder an `exclude` pattern matches
 *   is left out, whichever pattern includes it (applicationset/generators/git.go,
 *   filterApps); a malformed pattern, which Argo CD logs and skips, is refused;
 * - the app is named after the folder as `{{path.basenameNormalized}}` names it:
 *   lowercased, each character other than `a-z`, `0-9`, `-` and `.` turned into `-`,
 *   `-` and `.` trimmed from the ends (applicationset/utils/template_functions.go,
 *   SanitizeName).
 *
 * @module
 */
import type { AppConfig, AppDirectoriesConfig, ClusterConfig } from "./schema.ts";
import type { RepositoryContext } from "./repository.ts";
import { error, type Problem } from "./problem.ts";
import {
  type CompiledPattern,
  compilePattern,
  goPathMatch,
  literalPrefix,
  matchCompiled,
  maxDepth,
} from "./path_match.ts";

const ENCODER = new TextEncoder();

/**
 * The name `path.basenameNormalized` gives a folder.
 *
 * @example
 * ```ts
 * import { normalizedName } from "./discover.ts";
 * import assert from "node:assert/strict";
 * assert.equal(normalizedName("my-apps/team-b/Worker_Queue"), "worker-queue");
 * assert.equal(normalizedName("apps/-web.v2-"), "web.v2");
 * ```
 */
export function normalizedName(folder: string): string {
  const base = folder.slice(folder.lastIndexOf("/") + 1);
  return base.toLowerCase().replace(/[^-a-z0-9.]/g, "-").slice(0, 253).replace(
    /^[-.]+|[-.]+$/g,
    "",
  );
}

/**
 * Whether `path` matches `pattern` as Go's `path.Match` has it (./path_match.ts): the whole
 * path at once, so `*` and `?` never cross a `/` and a pattern matches folders exactly as
 * deep as it reaches. A SyntaxError for a malformed pattern.
 *
 * @example
 * ```ts
 * import { pathMatch } from "./discover.ts";
 * import assert from "node:assert/strict";
 * assert.ok(pathMatch("my-apps/*", "my-apps/web"));
 * assert.ok(!pathMatch("my-apps/*", "my-apps/team/web"));
 * assert.ok(pathMatch("my-apps/[a-c]?", "my-apps/b2"));
 * ```
 */
export function pathMatch(pattern: string, path: string): boolean {
  return goPathMatch(pattern, path);
}

/** Whether a folder's path, and `/` after it, can still lead to the bytes every match starts with. */
function mayLeadTo(folder: string, prefix: Uint8Array): boolean {
  const bytes = ENCODER.encode(`${folder}/`);
  const common = Math.min(bytes.length, prefix.length);
  for (let i = 0; i < common; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

/**
 * The folders of the repository a pattern matches, hidden ones and those under them left
 * out, as Argo CD lists every folder and matches each (reposerver/repository/repository.go,
 * GetGitDirectories; applicationset/generators/git.go, filterApps). The walk goes only as
 * deep as the pattern can reach, and only into folders its plain start allows. Throws a
 * SyntaxError on a malformed pattern.
 */
export function matchingFolders(pattern: string, context: RepositoryContext): string[] {
  const compiled = compilePattern(pattern);
  const depth = maxDepth(compiled);
  const prefix = literalPrefix(compiled);
  const found: string[] = [];
  let level = [""];
  for (let d = 1; d <= depth && level.length > 0; d++) {
    const next: string[] = [];
    for (const dir of level) {
      for (const name of context.folder(dir === "" ? "." : dir) ?? []) {
        if (name.startsWith(".")) continue;
        const path = dir === "" ? name : `${dir}/${name}`;
        const matches = matchCompiled(compiled, path);
        const deeper = d < depth && mayLeadTo(path, prefix);
        if ((!matches && !deeper) || context.folder(path) === undefined) continue;
        if (matches) found.push(path);
        if (deeper) next.push(path);
      }
    }
    level = next;
  }
  return found.sort();
}

/** The Git app a discovered folder becomes. */
function discoveredApp(group: AppDirectoriesConfig, folder: string, name: string): AppConfig {
  return {
    kind: "git",
    path: folder,
    namespace: group.namespace ?? name,
    routes: [],
    dependsOn: group.dependsOn,
    project: group.project,
    cascadeDelete: group.cascadeDelete,
    application: group.application,
    ...(group.enableHelm ? { kustomize: { enableHelm: true } } : {}),
  };
}

/** Why a pattern is refused: Argo CD would log the error and match nothing with it. */
function badPattern(pattern: string, cause: unknown): string {
  return `${pattern}: ${
    (cause as Error).message
  } (Go's path.Match: a [class] needs its closing ] and a character, a range two ends as in a-z, a \\ a character after it); Argo CD matches no folder with it`;
}

/** One group's folders as apps by name, or the problems that stop it. */
function groupApps(
  key: string,
  group: AppDirectoriesConfig,
  context: RepositoryContext,
): { apps: [string, string, AppConfig][]; problems: Problem[] } {
  const problems: Problem[] = [];
  const folders = new Set<string>();
  group.paths.forEach((pattern, i) => {
    try {
      for (const folder of matchingFolders(pattern, context)) folders.add(folder);
    } catch (cause) {
      problems.push(
        error(["discover", key, "paths", i], badPattern(pattern, cause)),
      );
    }
  });
  const excluded: CompiledPattern[] = [];
  group.exclude.forEach((pattern, i) => {
    try {
      excluded.push(compilePattern(pattern));
    } catch (cause) {
      problems.push(
        error(["discover", key, "exclude", i], badPattern(pattern, cause)),
      );
    }
  });
  const kept = [...folders].sort().filter((folder) =>
    !excluded.some((pattern) => matchCompiled(pattern, folder))
  );
  if (kept.length === 0 && problems.length === 0) {
    problems.push(
      error(
        ["discover", key, "paths"],
        `${
          group.paths.join(", ")
        } match no folder of this repository: the group would render no app`,
      ),
    );
  }
  return {
    apps: kept.map((folder) => {
      const name = normalizedName(folder);
      return [folder, name, discoveredApp(group, folder, name)];
    }),
    problems,
  };
}

/**
 * The cluster with its `discover` groups turned into apps, and the problems of
 * the discovery: a name that is no app name, or one another app has.
 */
export function discoverApps(
  cluster: ClusterConfig,
  context: RepositoryContext | undefined,
): { cluster: ClusterConfig; problems: Problem[] } {
  const groups = Object.entries(cluster.discover);
  if (groups.length === 0) return { cluster, problems: [] };
  if (context === undefined) {
    return {
      cluster,
      problems: [
        error("discover", "finding apps in folders needs the repository: render with deno task"),
      ],
    };
  }
  const apps = { ...cluster.apps };
  const origin = new Map<string, string>(Object.keys(apps).map((name) => [name, `apps.${name}`]));
  const problems: Problem[] = [];
  for (const [key, group] of groups) {
    const found = groupApps(key, group, context);
    problems.push(...found.problems);
    for (const [folder, name, app] of found.apps) {
      const at = `discover.${key}`;
      if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(name)) {
        problems.push(error(at, `${folder} would be app "${name}", which is not a DNS label`));
        continue;
      }
      const other = origin.get(name);
      if (other !== undefined) {
        problems.push(
          error(
            at,
            `${folder} would be app ${name}, which ${other} already is: rename the folder or exclude it`,
          ),
        );
        continue;
      }
      origin.set(name, `${folder} (discover.${key})`);
      apps[name] = app;
    }
  }
  return { cluster: { ...cluster, apps }, problems };
}
