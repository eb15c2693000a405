// Rule 21: nodes take their addresses by DHCP, but the server's range is not stated, so no
// pool could be checked against it.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  nodes: [
    { name: "talos-cp-1", role: "controlplane", ip: "192.168.10.11" },
    { name: "talos-cp-2", role: "controlplane", dhcp: true },
    { name: "talos-cp-3", role: "controlplane", ip: "192.168.10.13", dhcp: true },
  ],
});

/** The rules it breaks. */
export const rules: string[] = ["nodes"];

export const expected: string[] = [
  "tests/broken/dhcp_without_range.ts: nodes[1].dhcp: talos-cp-2 takes its address by DHCP: state network.dhcp, the range the DHCP server hands out, so no LoadBalancer pool overlaps it",
];
