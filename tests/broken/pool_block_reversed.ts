// Rule 6: a block whose stop comes before its start.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  loadBalancer: {
    pools: { default: { blocks: [{ start: "192.168.10.50", stop: "192.168.10.49" }] } },
  },
});

/** The rules it breaks. */
export const rules: string[] = ["pools-disjoint"];

export const expected: string[] = [
  "tests/broken/pool_block_reversed.ts: loadBalancer.pools.default.blocks[0].stop: 192.168.10.49 comes before start 192.168.10.50",
];
