/**
 * Rule 14: no two routes claim one hostname and path on one Gateway listener.
 *
 * @module
 */
import type { ClusterConfig } from "../model/schema.ts";
import type { Build } from "../model/build.ts";
import { error, type Problem } from "../model/problem.ts";
import type { Rule } from "./rule.ts";
import { attachments } from "./_routes.ts";

function input(cluster: ClusterConfig): Problem[] {
  const problems: Problem[] = [];
  const claimed = new Map<string, string>();
  for (const [name, app] of Object.entries(cluster.apps)) {
    app.routes.forEach((route, i) => {
      if (!(route.gateway in cluster.gateways)) return; // rule 13 names it
      const path = `apps.${name}.routes[${i}]`;
      const key = `${route.gateway} ${route.listener} ${route.host} ${route.match} ${route.path}`;
      const other = claimed.get(key);
      if (other === undefined) {
        claimed.set(key, path);
        return;
      }
      problems.push(
        error(
          `${path}.host`,
          `${route.host}.${cluster.domain}${
            route.path === "/" ? "" : ` path ${route.path}`
          } is already routed by ${other} on the same Gateway (the Gateway API would silently drop one)`,
        ),
      );
    });
  }
  return problems;
}

function built(build: Build): Problem[] {
  const problems: Problem[] = [];
  const claimed = new Map<string, string>();
  for (const a of attachments(build)) {
    for (const listener of a.chosen) {
      for (const hostname of a.hostnames) {
        for (const value of a.paths) {
          const key =
            `${a.gatewayNamespace}/${a.parent.name}/${listener.name} ${hostname} ${value}`;
          const other = claimed.get(key);
          if (other !== undefined && other !== a.path) {
            problems.push(
              error(
                a.path,
                `spec.hostnames: ${hostname} path ${value} on ${a.parent.name} is already claimed by ${other} (the Gateway API silently drops one)`,
              ),
            );
          } else claimed.set(key, a.path);
        }
      }
    }
  }
  return problems;
}

/** Rule 14. */
export const rule: Rule = {
  id: "route-claims",
  number: 14,
  statement: "no two routes claim one hostname and path on one Gateway",
  prevents: "the Gateway API silently drops one",
  severity: "error",
  input,
  built,
};
