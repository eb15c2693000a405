// Rule 21: the DHCP range is not on the node network.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  network: { dhcp: { start: "192.168.20.100", stop: "192.168.20.199" } },
});

/** The rules it breaks. */
export const rules: string[] = ["nodes"];

export const expected: string[] = [
  "tests/broken/dhcp_range_outside.ts: network.dhcp: 192.168.20.100-192.168.20.199 is outside the node network 192.168.10.0/24",
];
