/**
 * Rule 13: every route attaches: its Gateway exists, its section names a listener
 * that accepts the route's namespace, and the listener serves its hostnames.
 *
 * @module
 */
import type { ClusterConfig } from "../model/schema.ts";
import type { Build } from "../model/build.ts";
import { error, type Problem } from "../model/problem.ts";
import { gatewayHostname, gatewayName } from "../build/gateway/gateway.ts";
import { hostnameMatches } from "../build/gateway/hostname.ts";
import type { Rule } from "./rule.ts";
import { type Attachment, attachments } from "./_routes.ts";

function input(cluster: ClusterConfig): Problem[] {
  const problems: Problem[] = [];
  const known = Object.keys(cluster.gateways);
  for (const [name, app] of Object.entries(cluster.apps)) {
    app.routes.forEach((route, i) => {
      const path = `apps.${name}.routes[${i}]`;
      if (!(route.gateway in cluster.gateways)) {
        problems.push(
          error(
            `${path}.gateway`,
            `${route.gateway} is not a Gateway of this cluster (gateways: ${
              known.join(", ") || "none"
            })`,
          ),
        );
        return;
      }
      const host = `${route.host}.${cluster.domain}`;
      const listener = gatewayHostname(cluster, route.gateway);
      if (!hostnameMatches(listener, host)) {
        problems.push(
          error(
            `${path}.host`,
            `${host} does not match the hostname ${listener} of ${
              gatewayName(route.gateway)
            }'s listeners (the Gateway would not accept the route)`,
          ),
        );
      }
    });
  }
  return problems;
}

function built(build: Build): Problem[] {
  return attachments(build).flatMap(attachmentProblems);
}

function attachmentProblems(a: Attachment): Problem[] {
  const { path, where, parent } = a;
  if (!a.gateway) {
    return [error(path, `${where}: Gateway ${a.gatewayNamespace}/${parent.name} is not rendered`)];
  }
  if (a.chosen.length === 0) {
    return [
      error(
        path,
        `${where}.sectionName: ${parent.sectionName} is not a listener of ${parent.name} (listeners: ${
          a.listeners.map((l) => l.name).join(", ")
        })`,
      ),
    ];
  }
  return a.chosen.flatMap((listener) => {
    const from = listener.allowedRoutes?.namespaces?.from ?? "Same";
    return [
      ...(from === "Same" && a.namespace !== a.gatewayNamespace
        ? [
          error(
            path,
            `${where}: listener ${listener.name} of ${parent.name} only accepts routes from namespace ${a.gatewayNamespace}, not ${a.namespace}`,
          ),
        ]
        : []),
      ...a.hostnames.filter((hostname) => !hostnameMatches(listener.hostname, hostname)).map(
        (hostname) =>
          error(
            path,
            `spec.hostnames: ${hostname} does not match listener ${listener.name} of ${parent.name} (hostname ${listener.hostname})`,
          ),
      ),
    ];
  });
}

/** Rule 13. */
export const rule: Rule = {
  id: "route-attachment",
  number: 13,
  statement:
    "each route's Gateway exists, its `sectionName` is a listener that allows the route's namespace, its hostnames match the listener's (`*.example.com` never matches `example.com`)",
  prevents: "route never `Accepted`",
  severity: "error",
  input,
  built,
};
