// A post-render patch whose result the upstream schema refuses.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  patches: [{
    target: { kind: "Gateway", name: "gateway-internal" },
    patch: { spec: { gatewayClassName: 42 } },
  }],
});

/** The rules it breaks. */
export const rules: string[] = ["upstream-schema"];

export const expected: string[] = [
  "tests/broken/patch_breaks_schema.ts: apps/homelab/gateway/gateway-internal.yaml: spec.gatewayClassName must be string (upstream schema of Gateway)",
];
