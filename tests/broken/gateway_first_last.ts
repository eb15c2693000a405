// Rule 7: Gateways on the first and last address of a pool that does not allocate them.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  loadBalancer: { pools: { default: { allowFirstLastIPs: "No" } } },
});

export const expected: string[] = [
  'tests/broken/gateway_first_last.ts: gateways.external.address: 192.168.10.49 is the first address of 192.168.10.49-192.168.10.50, which pool default does not allocate (allowFirstLastIPs: "No")',
  'tests/broken/gateway_first_last.ts: gateways.internal.address: 192.168.10.50 is the last address of 192.168.10.49-192.168.10.50, which pool default does not allocate (allowFirstLastIPs: "No")',
];
