// Nodes: a duplicate name and address, an address outside the node network, one on the router.
import { append, defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  nodes: append(
    { name: "talos-cp-1", role: "worker", ip: "192.168.10.21" },
    { name: "talos-worker-9", role: "worker", ip: "10.0.0.9" },
    { name: "talos-worker-10", role: "worker", ip: "192.168.10.1" },
  ),
});

/** The rules it breaks. */
export const rules: string[] = ["nodes"];

export const expected: string[] = [
  "tests/broken/nodes_inconsistent.ts: nodes[5].name: talos-cp-1 is already the name of nodes[0]",
  "tests/broken/nodes_inconsistent.ts: nodes[5].ip: 192.168.10.21 is already the address of nodes[3]",
  "tests/broken/nodes_inconsistent.ts: nodes[6].ip: 10.0.0.9 is outside the node network 192.168.10.0/24",
  "tests/broken/nodes_inconsistent.ts: nodes[7].ip: 192.168.10.1 is the node network's router (network.gateway)",
];
