// A Gateway address that is not an IPv4 address.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  gateways: { internal: { address: "192.168.10.500" } },
});

/** The rules it breaks. */
export const rules: string[] = ["schema"];

export const expected: string[] = [
  "tests/broken/bad_address.ts: gateways.internal.address: 192.168.10.500 must be an IPv4 address such as 192.168.10.1",
];
