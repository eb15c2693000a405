// Rule 7: the internal Gateway pinned outside the pool (the example).
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  gateways: { internal: { address: "192.168.10.60" } },
});

/** The rules it breaks. */
export const rules: string[] = ["lb-addresses"];

export const expected: string[] = [
  "tests/broken/gateway_outside_pool.ts: gateways.internal.address: 192.168.10.60 is outside LoadBalancer pool 192.168.10.49-192.168.10.50",
];
