// A post-render patch that moves the internal Gateway out of the pool: checked like the rest.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  patches: [{
    target: { kind: "Gateway", name: "gateway-internal" },
    patch: { spec: { addresses: [{ type: "IPAddress", value: "192.168.10.99" }] } },
  }],
});

/** The rules it breaks. */
export const rules: string[] = ["lb-addresses"];

export const expected: string[] = [
  "tests/broken/patch_breaks_invariant.ts: apps/homelab/gateway/gateway-internal.yaml: spec.addresses[0].value: 192.168.10.99 is outside every LoadBalancer pool (192.168.10.49-192.168.10.50)",
];
