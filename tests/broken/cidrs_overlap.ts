// Rule 4: the service CIDR inside the pod CIDR, and the pod CIDR over the node network.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  network: { pods: "192.168.0.0/16", services: "192.168.128.0/20" },
});

/** The rules it breaks. */
export const rules: string[] = ["cidrs", "pool-placement"];

export const expected: string[] = [
  "tests/broken/cidrs_overlap.ts: network.pods: 192.168.0.0/16 overlaps the node network 192.168.10.0/24",
  "tests/broken/cidrs_overlap.ts: network.services: 192.168.128.0/20 overlaps the pod CIDR 192.168.0.0/16",
  "tests/broken/cidrs_overlap.ts: loadBalancer.pools.default.blocks[0]: 192.168.10.49-192.168.10.50 overlaps the pod CIDR 192.168.0.0/16",
];
