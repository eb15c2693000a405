// Rule 5: a pool that holds the router and a declared control-plane VIP.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  network: { reserved: { "control-plane-vip": "192.168.10.48" } },
  loadBalancer: {
    pools: {
      default: {
        blocks: [{ start: "192.168.10.1", stop: "192.168.10.1" }, {
          start: "192.168.10.48",
          stop: "192.168.10.50",
        }],
      },
    },
  },
});

/** The rules it breaks. */
export const rules: string[] = ["pool-placement"];

export const expected: string[] = [
  "tests/broken/pool_holds_reserved.ts: loadBalancer.pools.default.blocks[0]: 192.168.10.1 contains 192.168.10.1, the address of the router (network.gateway)",
  "tests/broken/pool_holds_reserved.ts: loadBalancer.pools.default.blocks[1]: 192.168.10.48-192.168.10.50 contains 192.168.10.48, the address of control-plane-vip (network.reserved.control-plane-vip)",
];
