// Rule 23: an app renders the Namespace the gateway component already renders.
import { defineCluster, manifestsApp } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  apps: {
    extras: manifestsApp({
      namespace: "gateway",
      resources: [{ apiVersion: "v1", kind: "Namespace", metadata: { name: "gateway" } }],
    }),
  },
});

/** The rules it breaks. */
export const rules: string[] = ["unique-resources"];

export const expected: string[] = [
  "tests/broken/resource_rendered_twice.ts: apps/homelab/extras/namespace-gateway.yaml: v1/Namespace gateway is also rendered to apps/homelab/gateway/namespace.yaml",
];
