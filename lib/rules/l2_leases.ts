/**
 * Rule 9: the L2 lease timings let a leader renew before it loses its lease, and
 * the API client rate limit leaves room for every renewal.
 *
 * @module
 */
import type { ClusterConfig } from "../model/schema.ts";
import { parseDuration } from "../model/duration.ts";
import { error, type Problem, warning } from "../model/problem.ts";
import type { Rule } from "./rule.ts";

function input(cluster: ClusterConfig): Problem[] {
  const problems: Problem[] = [];
  const { l2, k8sClientRateLimit } = cluster.cilium;
  const duration = parseDuration(l2.leaseDuration)!;
  const renew = parseDuration(l2.leaseRenewDeadline)!;
  const retry = parseDuration(l2.leaseRetryPeriod)!;
  if (!(duration > renew)) {
    problems.push(
      error(
        "cilium.l2.leaseRenewDeadline",
        `${l2.leaseRenewDeadline} must be shorter than leaseDuration ${l2.leaseDuration} (a leader would lose its lease before renewing it)`,
      ),
    );
  }
  if (!(renew > retry)) {
    problems.push(
      error(
        "cilium.l2.leaseRetryPeriod",
        `${l2.leaseRetryPeriod} must be shorter than leaseRenewDeadline ${l2.leaseRenewDeadline} (no retry would happen before the deadline)`,
      ),
    );
  }
  // Each LoadBalancer service holds a lease renewed once per renew deadline, through the client rate limit.
  const services = Object.keys(cluster.gateways).length;
  const needed = services / (renew / 1000);
  if (k8sClientRateLimit.qps < needed) {
    problems.push(
      warning(
        "cilium.k8sClientRateLimit.qps",
        `${k8sClientRateLimit.qps} is below the ${
          Math.ceil(needed)
        } requests per second that renewing ${services} L2 leases every ${l2.leaseRenewDeadline} needs (announcements would flap)`,
      ),
    );
  }
  return problems;
}

/** Rule 9. */
export const rule: Rule = {
  id: "l2-leases",
  number: 9,
  statement:
    "lease duration > renew deadline > retry period; **W** client QPS >= LoadBalancer services / renew deadline",
  prevents: "leader flapping, IPs that come and go",
  severity: "error, warning",
  input,
};
