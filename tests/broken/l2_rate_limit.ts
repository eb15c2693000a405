// Rule 9 (warning): a client rate limit too low for the L2 leases of the Gateways.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  cilium: {
    l2: { leaseRenewDeadline: "1s", leaseRetryPeriod: "500ms" },
    k8sClientRateLimit: { qps: 1, burst: 2 },
  },
});

/** The rules it breaks. */
export const rules: string[] = ["l2-leases"];

export const expected: string[] = [
  "warning: tests/broken/l2_rate_limit.ts: cilium.k8sClientRateLimit.qps: 1 is below the 2 requests per second that renewing 2 L2 leases every 1s needs (announcements would flap)",
];
