// A node on the node network's broadcast address and a router on its network address.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  network: { gateway: "192.168.10.0" },
  nodes: [
    { name: "talos-cp-1", role: "controlplane", ip: "192.168.10.255" },
  ],
});

/** The rules it breaks. */
export const rules: string[] = ["nodes"];

export const expected: string[] = [
  "tests/broken/node_on_broadcast.ts: nodes[0].ip: 192.168.10.255 is the broadcast address of the node network 192.168.10.0/24",
  "tests/broken/node_on_broadcast.ts: network.gateway: 192.168.10.0 is the network address of the node network 192.168.10.0/24",
];
