// Rules 5 and 21: the DHCP server's range holds a static node address and overlaps the
// LoadBalancer pool, so the server can hand either address to another machine.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  network: { dhcp: { start: "192.168.10.20", stop: "192.168.10.49" } },
  nodes: [
    { name: "talos-cp-1", role: "controlplane", ip: "192.168.10.11" },
    { name: "talos-worker-1", role: "worker", ip: "192.168.10.21" },
    { name: "talos-worker-2", role: "worker", ip: "192.168.10.22", dhcp: true },
    { name: "talos-worker-3", role: "worker", dhcp: true },
  ],
});

/** The rules it breaks. */
export const rules: string[] = ["pool-placement", "nodes"];

export const expected: string[] = [
  "tests/broken/dhcp_range_conflicts.ts: loadBalancer.pools.default.blocks[0]: 192.168.10.49-192.168.10.50 overlaps the DHCP range 192.168.10.20-192.168.10.49 (network.dhcp)",
  "tests/broken/dhcp_range_conflicts.ts: nodes[1].ip: 192.168.10.21 is static but inside the DHCP range 192.168.10.20-192.168.10.49 (network.dhcp): the server can hand it to another machine",
];
