/**
 * Rule 4: the node, pod and service networks do not overlap.
 *
 * @module
 */
import type { ClusterConfig } from "../model/schema.ts";
import { cidr, overlaps } from "../model/net.ts";
import { error, type Problem } from "../model/problem.ts";
import type { Rule } from "./rule.ts";

function input(cluster: ClusterConfig): Problem[] {
  const problems: Problem[] = [];
  const blocks = [
    { path: "network.nodes", label: "the node network", text: cluster.network.nodes },
    { path: "network.pods", label: "the pod CIDR", text: cluster.network.pods },
    { path: "network.services", label: "the service CIDR", text: cluster.network.services },
  ];
  for (let i = 0; i < blocks.length; i++) {
    for (let j = i + 1; j < blocks.length; j++) {
      if (overlaps(cidr(blocks[i].text), cidr(blocks[j].text))) {
        problems.push(
          error(blocks[j].path, `${blocks[j].text} overlaps ${blocks[i].label} ${blocks[i].text}`),
        );
      }
    }
  }
  return problems;
}

/** Rule 4. */
export const rule: Rule = {
  id: "cidrs",
  number: 4,
  statement: "node, pod and service CIDRs do not overlap",
  prevents: "unroutable pods and services",
  severity: "error",
  input,
};
