/**
 * Directory discovery: the cluster file's `discover` groups become Git apps, one
 * per folder of this repository a pattern matches, the way an ApplicationSet's
 * Git directory generator finds them (argo-cd v3.2.0):
 * - folders only, never the repository root, and no hidden folder (a name starting
 *   with `.`) nor anything under one (reposerver/repository/repository.go,
 *   GetGitDirectories);
 * - a pattern is Go's `path.Match`, so `*` and `?` never cross a `/` and a pattern
 *   matches folders exactly as deep as it is; a folder an `exclude` pattern matches
 *   is left out, whichever pattern includes it (applicationset/generators/git.go,
 *   filterApps);
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

/** Go's `path.Match` for one path segment: `*`, `?`, `[...]` classes, `\` escapes. */
function segmentRegExp(pattern: string): RegExp {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "*") out += "[^/]*";
    else if (c === "?") out += "[^/]";
    else if (c === "\\" && i + 1 < pattern.length) out += `\\${pattern[++i]}`;
    else if (c === "[") {
      const end = pattern.indexOf("]", i + 2);
      if (end < 0) throw new SyntaxError(`unclosed [ in ${pattern}`);
      out += `[${pattern.slice(i + 1, end)}]`;
      i = end;
    } else out += c.replace(/[.+^${}()|\]\\]/g, "\\$&");
  }
  return new RegExp(`^${out}$`);
}

/**
 * Whether `path` matches `pattern` as Go's `path.Match` has it (same depth, segment by segment).
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
  const parts = pattern.split("/");
  const names = path.split("/");
  return parts.length === names.length &&
    parts.every((part, i) => segmentRegExp(part).test(names[i]));
}

/**
 * The folders of the repository a pattern matches, walked one level per segment, hidden ones
 * left out; throws a SyntaxError on a malformed pattern.
 */
export function matchingFolders(pattern: string, context: RepositoryContext): string[] {
  let found = [""];
  for (const part of pattern.split("/")) {
    const matcher = segmentRegExp(part);
    found = found.flatMap((dir) =>
      (context.folder(dir === "" ? "." : dir) ?? [])
        .filter((name) => !name.startsWith(".") && matcher.test(name))
        .map((name) => dir === "" ? name : `${dir}/${name}`)
        .filter((path) => context.folder(path) !== undefined)
    );
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
        error(["discover", key, "paths", i], `${pattern}: ${(cause as Error).message}`),
      );
    }
  });
  const kept = [...folders].sort().filter((folder) =>
    !group.exclude.some((pattern) => pathMatch(pattern, folder))
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
