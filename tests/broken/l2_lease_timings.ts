// Rule 9: lease duration <= renew deadline <= retry period.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  cilium: { l2: { leaseDuration: "5s", leaseRenewDeadline: "10s", leaseRetryPeriod: "10s" } },
});

/** The rules it breaks. */
export const rules: string[] = ["l2-leases"];

export const expected: string[] = [
  "tests/broken/l2_lease_timings.ts: cilium.l2.leaseRenewDeadline: 10s must be shorter than leaseDuration 5s (a leader would lose its lease before renewing it)",
  "tests/broken/l2_lease_timings.ts: cilium.l2.leaseRetryPeriod: 10s must be shorter than leaseRenewDeadline 10s (no retry would happen before the deadline)",
];
