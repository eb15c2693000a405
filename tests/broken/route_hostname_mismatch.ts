// Rule 13: the internal Gateway serves *.internal.vanillax.me; the routes ask for *.vanillax.me names.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  gateways: { internal: { hostname: "*.internal.vanillax.me" } },
});

/** The rules it breaks. */
export const rules: string[] = ["route-attachment"];

export const expected: string[] = [
  "tests/broken/route_hostname_mismatch.ts: apps.argocd.routes[0].host: argocd.vanillax.me does not match the hostname *.internal.vanillax.me of gateway-internal's listeners (the Gateway would not accept the route)",
  "tests/broken/route_hostname_mismatch.ts: apps.longhorn.routes[0].host: longhorn.vanillax.me does not match the hostname *.internal.vanillax.me of gateway-internal's listeners (the Gateway would not accept the route)",
];
