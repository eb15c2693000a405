// Rule 6: two pools sharing an address.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  loadBalancer: {
    pools: { extra: { blocks: [{ start: "192.168.10.50", stop: "192.168.10.55" }] } },
  },
});

/** The rules it breaks. */
export const rules: string[] = ["pools-disjoint"];

export const expected: string[] = [
  "tests/broken/pools_overlap.ts: loadBalancer.pools.extra.blocks[0]: 192.168.10.50-192.168.10.55 overlaps 192.168.10.49-192.168.10.50 (loadBalancer.pools.default.blocks[0]); pools must not share addresses",
];
