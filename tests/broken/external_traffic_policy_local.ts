// Rule 10 (warning): externalTrafficPolicy Local with L2 announcements.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  cilium: { values: { gatewayAPI: { externalTrafficPolicy: "Local" } } },
});

/** The rules it breaks. */
export const rules: string[] = ["traffic-policy"];

export const expected: string[] = [
  "warning: tests/broken/external_traffic_policy_local.ts: cilium.values.gatewayAPI.externalTrafficPolicy: Local with L2 announcements drops traffic whenever the announcing node runs no Envoy backend; use Cluster",
];
