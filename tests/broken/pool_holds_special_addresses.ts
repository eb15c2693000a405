// Rule 5: a pool on the node network's network address, its broadcast address and a nameserver
// that is not the router (an IP conflict: ARP for them would answer from two places).
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  network: { nameservers: ["192.168.10.1", "192.168.10.53"] },
  loadBalancer: {
    pools: {
      default: {
        blocks: [
          { start: "192.168.10.0", stop: "192.168.10.0" },
          { start: "192.168.10.49", stop: "192.168.10.53" },
          { start: "192.168.10.255", stop: "192.168.10.255" },
        ],
      },
    },
  },
});

/** The rules it breaks. */
export const rules: string[] = ["pool-placement"];

export const expected: string[] = [
  "tests/broken/pool_holds_special_addresses.ts: loadBalancer.pools.default.blocks[0]: 192.168.10.0 contains 192.168.10.0, the network address of 192.168.10.0/24",
  "tests/broken/pool_holds_special_addresses.ts: loadBalancer.pools.default.blocks[1]: 192.168.10.49-192.168.10.53 contains 192.168.10.53, the address of a nameserver (network.nameservers[1])",
  "tests/broken/pool_holds_special_addresses.ts: loadBalancer.pools.default.blocks[2]: 192.168.10.255 contains 192.168.10.255, the broadcast address of 192.168.10.0/24",
];
