// Rule 7: Gateways on the first and last address of a CIDR block whose pool does not allocate
// them. Cilium's allowFirstLastIPs applies to CIDR blocks only (cilium v1.18
// operator/pkg/lbipam/lbipam.go handleNewPool: `fromCidr && AllowFirstLastIPs == No`).
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  loadBalancer: {
    pools: { default: { blocks: [{ cidr: "192.168.10.48/29" }], allowFirstLastIPs: "No" } },
  },
  gateways: { external: { address: "192.168.10.48" }, internal: { address: "192.168.10.55" } },
});

/** The rules it breaks. */
export const rules: string[] = ["lb-addresses"];

export const expected: string[] = [
  'tests/broken/gateway_first_last.ts: gateways.external.address: 192.168.10.48 is the first address of 192.168.10.48/29, which pool default does not allocate (allowFirstLastIPs: "No" reserves a CIDR block\'s first and last address)',
  'tests/broken/gateway_first_last.ts: gateways.internal.address: 192.168.10.55 is the last address of 192.168.10.48/29, which pool default does not allocate (allowFirstLastIPs: "No" reserves a CIDR block\'s first and last address)',
];
