// Rule 7: both Gateways pinned to one address.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  gateways: { internal: { address: "192.168.10.49" } },
});

/** The rules it breaks. */
export const rules: string[] = ["lb-addresses"];

export const expected: string[] = [
  "tests/broken/gateway_address_taken.ts: gateways.internal.address: 192.168.10.49 is already the address of gateways.external",
];
