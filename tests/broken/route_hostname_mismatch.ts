// Rule 13: the internal Gateway serves *.internal.vanillax.me; the routes ask for *.vanillax.me names.
import homelab from "../../clusters/homelab.ts";

export default {
  ...homelab,
  gateways: {
    ...homelab.gateways,
    internal: { address: "192.168.10.50", hostname: "*.internal.vanillax.me" },
  },
};

export const expected: string[] = [
  "tests/broken/route_hostname_mismatch.ts: apps.argocd.route.host: argocd.vanillax.me does not match the hostname *.internal.vanillax.me of gateway-internal's listeners (the Gateway would not accept the route)",
  "tests/broken/route_hostname_mismatch.ts: apps.longhorn.route.host: longhorn.vanillax.me does not match the hostname *.internal.vanillax.me of gateway-internal's listeners (the Gateway would not accept the route)",
];
