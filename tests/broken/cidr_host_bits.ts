// A pod CIDR with host bits set.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  network: { pods: "10.244.0.1/16" },
});

/** The rules it breaks. */
export const rules: string[] = ["schema"];

export const expected: string[] = [
  "tests/broken/cidr_host_bits.ts: network.pods: 10.244.0.1/16 has host bits set (the network address is 10.244.0.0/16)",
];
