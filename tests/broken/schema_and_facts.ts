// One schema error does not hide the rules: the cluster is checked again without the refused
// field (its default then applies), so the Gateway outside the pool is reported beside the bad
// duration. A refused field that is required still stops the rules.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  cilium: { l2: { leaseDuration: "15 seconds" } },
  gateways: { internal: { address: "192.168.10.60" } },
});

/** The rules it breaks. */
export const rules: string[] = ["schema", "lb-addresses"];

export const expected: string[] = [
  "tests/broken/schema_and_facts.ts: cilium.l2.leaseDuration: 15 seconds must be a Go duration such as 15s or 1h30m",
  "tests/broken/schema_and_facts.ts: gateways.internal.address: 192.168.10.60 is outside LoadBalancer pool 192.168.10.49-192.168.10.50",
];
