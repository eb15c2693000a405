// An app named like a component Hydrate always renders.
import { defineCluster, manifestsApp } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  apps: {
    gateway: manifestsApp({
      namespace: "gateway",
      resources: [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x" } }],
    }),
  },
});

/** The rules it breaks. */
export const rules: string[] = ["apps"];

export const expected: string[] = [
  "tests/broken/app_takes_core_name.ts: apps.gateway: gateway is the name of a component Hydrate always renders; pick another",
];
