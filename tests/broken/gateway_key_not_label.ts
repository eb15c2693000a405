// A Gateway key that would become a resource name with a slash.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  gateways: { "lan/edge": { address: "192.168.10.50" } },
});

/** The rules it breaks. */
export const rules: string[] = ["schema"];

export const expected: string[] = [
  "tests/broken/gateway_key_not_label.ts: gateways.lan/edge: lan/edge must be a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit)",
];
