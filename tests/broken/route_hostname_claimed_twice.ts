// Rule 14: two apps routing the same hostname on one Gateway.
import homelab from "../../clusters/homelab.ts";

export default {
  ...homelab,
  apps: {
    argocd: { route: { host: "ops", gateway: "internal", service: "argocd-server", port: 80 } },
    longhorn: {
      route: { host: "ops", gateway: "internal", service: "longhorn-frontend", port: 80 },
    },
  },
};

export const expected: string[] = [
  "tests/broken/route_hostname_claimed_twice.ts: apps.longhorn.route.host: ops.vanillax.me is already routed by apps.argocd.route on the same Gateway (the Gateway API would silently drop one)",
];
