// Rule 5: a pool on another subnet, which L2 announcements cannot reach.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  loadBalancer: {
    pools: { default: { blocks: [{ start: "192.168.20.49", stop: "192.168.20.50" }] } },
  },
  gateways: { external: { address: "192.168.20.49" }, internal: { address: "192.168.20.50" } },
});

/** The rules it breaks. */
export const rules: string[] = ["pool-placement"];

export const expected: string[] = [
  "tests/broken/pool_outside_node_network.ts: loadBalancer.pools.default.blocks[0]: 192.168.20.49-192.168.20.50 is outside the node network 192.168.10.0/24",
];
