// Rule 15: an app's own HTTPRoute on a Hydrate Gateway, with no `routes` (so no dependency on
// the gateway app): Argo CD would sync it in the same wave as the Gateway it attaches to.
import { defineCluster, manifestsApp } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  apps: {
    whoami: manifestsApp({
      namespace: "whoami",
      resources: [{
        apiVersion: "gateway.networking.k8s.io/v1",
        kind: "HTTPRoute",
        metadata: { name: "whoami", namespace: "whoami" },
        spec: {
          parentRefs: [{ name: "gateway-internal", namespace: "gateway", sectionName: "https" }],
          hostnames: ["whoami.vanillax.me"],
          rules: [{ backendRefs: [{ name: "whoami", port: 80 }] }],
        },
      }],
    }),
  },
});

/** The rules it breaks. */
export const rules: string[] = ["sync-order"];

export const expected: string[] = [
  "tests/broken/route_before_gateway.ts: apps/homelab/applications/whoami.yaml: sync wave 1 must come after gateway (wave 2): it provides Gateway gateway-internal that HTTPRoute whoami attaches to",
];
