// Rule 5: a pool inside the pod CIDR (and so outside the node network).
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  loadBalancer: { pools: { default: { blocks: [{ start: "10.244.0.10", stop: "10.244.0.20" }] } } },
  gateways: { external: { address: "10.244.0.10" }, internal: { address: "10.244.0.11" } },
});

/** The rules it breaks. */
export const rules: string[] = ["pool-placement"];

export const expected: string[] = [
  "tests/broken/pool_in_pod_cidr.ts: loadBalancer.pools.default.blocks[0]: 10.244.0.10-10.244.0.20 is outside the node network 192.168.10.0/24",
  "tests/broken/pool_in_pod_cidr.ts: loadBalancer.pools.default.blocks[0]: 10.244.0.10-10.244.0.20 overlaps the pod CIDR 10.244.0.0/16",
];
