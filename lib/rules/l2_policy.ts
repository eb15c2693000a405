/**
 * Rule 8: the L2 announcement policy announces the LoadBalancer IPs, on at least
 * one interface, from at least one node.
 *
 * @module
 */
import type { ClusterConfig } from "../model/schema.ts";
import type { Build } from "../model/build.ts";
import { error, type Problem } from "../model/problem.ts";
import type { Rule } from "./rule.ts";
import { kindOf } from "./_helpers.ts";

function input(cluster: ClusterConfig): Problem[] {
  const hasWorkers = cluster.nodes.some((node) => node.role === "worker");
  if (!cluster.cilium.l2.excludeControlPlane || hasWorkers) return [];
  return [
    error(
      "cilium.l2.excludeControlPlane",
      "true leaves no node to announce LoadBalancer IPs: the control-plane nodes are the only nodes",
    ),
  ];
}

function built(build: Build): Problem[] {
  const problems: Problem[] = [];
  for (const { path, resource } of kindOf(build, "CiliumL2AnnouncementPolicy")) {
    const spec = (resource.spec ?? {}) as { loadBalancerIPs?: boolean; interfaces?: string[] };
    if (spec.loadBalancerIPs !== true) {
      problems.push(
        error(
          path,
          "spec.loadBalancerIPs must be true: nothing else announces the LoadBalancer IPs",
        ),
      );
    }
    if ((spec.interfaces ?? []).length === 0) {
      problems.push(error(path, "spec.interfaces must list at least one interface pattern"));
    }
  }
  return problems;
}

/** Rule 8. */
export const rule: Rule = {
  id: "l2-policy",
  number: 8,
  statement:
    "the L2 policy announces LoadBalancer IPs, has an interface pattern, and does not exclude the control plane when it is every node",
  prevents: "nothing answers ARP for the Gateway IPs",
  severity: "error",
  input,
  built,
};
