// Rule 5 on a CIDR block: with allowFirstLastIPs "No", LB IPAM never hands out its first address
// (here the node network's network address, no conflict), but it does hand out the router's.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  loadBalancer: {
    pools: {
      default: {
        blocks: [{ cidr: "192.168.10.0/30" }, { start: "192.168.10.49", stop: "192.168.10.50" }],
        allowFirstLastIPs: "No",
      },
    },
  },
});

/** The rules it breaks. */
export const rules: string[] = ["pool-placement"];

export const expected: string[] = [
  "tests/broken/pool_cidr_holds_router.ts: loadBalancer.pools.default.blocks[0]: 192.168.10.0/30 contains 192.168.10.1, the address of the router (network.gateway)",
];
