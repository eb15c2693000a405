// Rule 19: cert-manager attaches an HTTP-01 challenge route to the solver's Gateway listener;
// a Gateway whose hostname that listener does not serve never gets its challenge answered.
import { defineCluster, remove } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  gateways: {
    external: { hostname: "www.vanillax.me" },
    internal: { hostname: "lan.vanillax.me" },
  },
  apps: { argocd: { routes: remove() }, longhorn: { routes: remove() } },
  tls: {
    issuer: {
      external: remove(),
      acme: { email: "ops@vanillax.me", solver: { http01: { gateway: "external" } } },
    },
  },
});

/** The rules it breaks. */
export const rules: string[] = ["tls-issuer"];

export const expected: string[] = [
  "tests/broken/issuer_http01_other_gateway.ts: tls.issuer.acme.solver.http01.gateway: external answers HTTP-01 challenges only for www.vanillax.me, so the challenge of lan.vanillax.me (gateway-internal) would never be routed",
];
