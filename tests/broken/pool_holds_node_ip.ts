// Rule 5: a pool that holds a control-plane node's static IP.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  loadBalancer: {
    pools: { default: { blocks: [{ start: "192.168.10.9", stop: "192.168.10.11" }] } },
  },
  gateways: { external: { address: "192.168.10.9" }, internal: { address: "192.168.10.10" } },
});

/** The rules it breaks. */
export const rules: string[] = ["pool-placement"];

export const expected: string[] = [
  "tests/broken/pool_holds_node_ip.ts: loadBalancer.pools.default.blocks[0]: 192.168.10.9-192.168.10.11 contains 192.168.10.11, the address of node talos-cp-1 (nodes[0].ip)",
];
