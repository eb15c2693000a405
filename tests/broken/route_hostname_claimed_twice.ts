// Rule 14: two apps routing the same hostname on one Gateway.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  apps: {
    argocd: { routes: [{ host: "ops", gateway: "internal", service: "argocd-server", port: 80 }] },
    longhorn: {
      routes: [{ host: "ops", gateway: "internal", service: "longhorn-frontend", port: 80 }],
    },
  },
});

/** The rules it breaks. */
export const rules: string[] = ["route-claims"];

export const expected: string[] = [
  "tests/broken/route_hostname_claimed_twice.ts: apps.longhorn.routes[0].host: ops.vanillax.me is already routed by apps.argocd.routes[0] on the same Gateway (the Gateway API would silently drop one)",
];
