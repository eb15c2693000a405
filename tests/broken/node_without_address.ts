// Schema: a node states neither its address nor that it takes one by DHCP.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  nodes: [
    { name: "talos-cp-1", role: "controlplane", ip: "192.168.10.11" },
    { name: "talos-worker-1", role: "worker" },
  ],
});

/** The rules it breaks. */
export const rules: string[] = ["schema"];

export const expected: string[] = [
  "tests/broken/node_without_address.ts: nodes[1].ip: is required, unless the node takes its address by DHCP (dhcp: true)",
];
