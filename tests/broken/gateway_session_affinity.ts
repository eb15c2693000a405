// The seed document's Gateway stickiness: Cilium 1.18's Gateway API has no session persistence.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  cilium: {
    gatewayAPI: { sessionAffinityTimeoutSeconds: 10800 },
  },
});

/** The rules it breaks. */
export const rules: string[] = ["cilium-features"];

export const expected: string[] = [
  "tests/broken/gateway_session_affinity.ts: cilium.gatewayAPI.sessionAffinityTimeoutSeconds: 10800 cannot be delivered: Cilium 1.18.4's Gateway API has no session persistence (Envoy balances every request round robin), and the chart reads no gatewayAPI.sessionAffinity value; remove it (kube-proxy replacement still honours a Service's own sessionAffinity: ClientIP; behind a Gateway, Envoy picks the backend itself)",
];
