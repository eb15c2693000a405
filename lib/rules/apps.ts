/**
 * Rule 22: the apps fit the cluster: no core component's name, dependencies and
 * projects that exist, Talos patch names used once.
 *
 * @module
 */
import type { ClusterConfig } from "../model/schema.ts";
import { error, type Problem } from "../model/problem.ts";
import { CORE_COMPONENTS } from "../build/components.ts";
import { CORE_PATCHES } from "../build/omni/patches.ts";
import { TLS_ISSUER_COMPONENT } from "../build/tls/issuer.ts";
import { nameList } from "../model/name_list.ts";
import type { Rule } from "./rule.ts";

/**
 * A Helm app's release names (its own name by default, and each further chart's) are
 * distinct and ones Helm accepts: at most 53
 * characters (Helm v3.18.4 pkg/chartutil/validate_name.go, maxReleaseNameLen; checked by
 * pkg/action/install.go availableName even for `helm template`, as Argo CD renders charts).
 */
function releaseName(name: string, app: ClusterConfig["apps"][string]): Problem[] {
  if (app.kind !== "helm") return [];
  const release = app.releaseName ?? name;
  const releases = [
    { release, at: app.releaseName ? `apps.${name}.releaseName` : `apps.${name}` },
    ...app.charts.map((extra, i) => ({
      release: extra.releaseName,
      at: `apps.${name}.charts[${i}].releaseName`,
    })),
  ];
  return releases.flatMap(({ release, at }, i) => {
    if (releases.findIndex((other) => other.release === release) < i) {
      // Argo CD renders each chart source with its own release name; two of one name would
      // stamp one release's labels on both (argo-cd v3.2.0 reposerver helmTemplate).
      return [error(at, `${release} is already the release name of another chart of this app`)];
    }
    if (release.length <= 53) return [];
    return [
      error(
        at,
        `${release} is ${release.length} characters: Helm refuses a release name over 53${
          at === `apps.${name}`
            ? " (the app's name is its release name; state a shorter releaseName)"
            : ""
        }`,
      ),
    ];
  });
}

/**
 * A route in another app's namespace syncs after that app, which creates the namespace (Argo
 * CD's CreateNamespace): otherwise the route's sync fails on a namespace not found.
 */
function routeNamespaceOwners(
  owners: ReadonlyMap<string, string[]>,
  name: string,
  app: ClusterConfig["apps"][string],
): Problem[] {
  return app.routes.flatMap((route, i) => {
    if (route.namespace === undefined || route.namespace === app.namespace) return [];
    const owner = owners.get(route.namespace)?.find((other) => other !== name);
    if (owner === undefined || app.dependsOn.includes(owner)) return [];
    return [
      error(
        `apps.${name}.routes[${i}].namespace`,
        `${route.namespace} is the namespace of app ${owner}, which creates it when it syncs: add ${owner} to dependsOn`,
      ),
    ];
  });
}

/**
 * The first two apps of each namespace, in the cluster's order: an app's route names the first
 * one that is not itself. Looked up, not searched, once per route: 100,000 apps stay linear.
 */
function namespaceOwners(cluster: ClusterConfig): Map<string, string[]> {
  const owners = new Map<string, string[]>();
  for (const [name, app] of Object.entries(cluster.apps)) {
    const first = owners.get(app.namespace);
    if (!first) owners.set(app.namespace, [name]);
    else if (first.length < 2) first.push(name);
  }
  return owners;
}

function input(cluster: ClusterConfig): Problem[] {
  const problems: Problem[] = [];
  // The issuer component exists only when Hydrate renders the issuer.
  const core = CORE_COMPONENTS.filter((name) => name !== "tls-issuer" || cluster.tls.issuer.acme);
  const names = [...core, ...Object.keys(cluster.apps)];
  const known = new Set(names);
  const owners = namespaceOwners(cluster);
  const projects = nameList(["default", ...Object.keys(cluster.projects)]);
  const talosPatches = new Map<string, string>(CORE_PATCHES.map((name) => [name, "Hydrate"]));
  for (const patch of Object.keys(cluster.omni.patches)) {
    if (talosPatches.has(patch)) {
      problems.push(
        error(`omni.patches.${patch}`, `${patch} is already the name of a Talos patch of Hydrate`),
      );
    } else talosPatches.set(patch, "omni.patches");
  }
  for (const [name, app] of Object.entries(cluster.apps)) {
    if ((CORE_COMPONENTS as readonly string[]).includes(name)) {
      problems.push(
        error(
          `apps.${name}`,
          name === TLS_ISSUER_COMPONENT
            ? `${name} is reserved for the issuer Hydrate renders from tls.issuer.acme; pick another`
            : `${name} is the name of a component Hydrate always renders; pick another`,
        ),
      );
    }
    app.dependsOn.forEach((dependency, i) => {
      if (!known.has(dependency)) {
        problems.push(
          error(
            `apps.${name}.dependsOn[${i}]`,
            `${dependency} is not an app of this cluster (apps: ${nameList(names)})`,
          ),
        );
      }
    });
    problems.push(...releaseName(name, app), ...routeNamespaceOwners(owners, name, app));
    if (app.project !== "default" && !(app.project in cluster.projects)) {
      problems.push(
        error(
          `apps.${name}.project`,
          `${app.project} is not a project of this cluster (projects: ${projects})`,
        ),
      );
    }
    for (const patch of Object.keys(app.talos?.patches ?? {})) {
      const owner = talosPatches.get(patch);
      if (owner !== undefined) {
        problems.push(
          error(
            `apps.${name}.talos.patches.${patch}`,
            `${patch} is already the name of a Talos patch of ${owner}`,
          ),
        );
      } else talosPatches.set(patch, `apps.${name}`);
    }
  }
  return problems;
}

/** Rule 22. */
export const rule: Rule = {
  id: "apps",
  number: 22,
  statement:
    "an app takes no core component's name, depends on apps of the cluster, names a project it has, and adds Talos patches under names of its own; each folder `discover` finds becomes an app of a name no other app has, and each pattern finds a folder",
  prevents: "an Application that replaces Hydrate's, waits forever, or is refused by Argo CD",
  severity: "error",
  input,
};
