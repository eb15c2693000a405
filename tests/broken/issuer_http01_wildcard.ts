// Rule 19: an ACME issuer that solves HTTP-01 only cannot issue the Gateways' *.<domain>
// certificates (cert-manager v1.19.1 pkg/apis/acme/v1/types_issuer.go, http01), and its
// Gateway must exist.
import { defineCluster, remove } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  tls: {
    issuer: {
      external: remove(),
      acme: { email: "ops@vanillax.me", solver: { http01: { gateway: "dmz" } } },
    },
  },
});

/** The rules it breaks. */
export const rules: string[] = ["tls-issuer"];

export const expected: string[] = [
  "tests/broken/issuer_http01_wildcard.ts: tls.issuer.acme.solver.http01.gateway: dmz is not a Gateway of this cluster (gateways: external, internal)",
  "tests/broken/issuer_http01_wildcard.ts: tls.issuer.acme.solver.http01: cannot issue *.vanillax.me, the certificate of gateway-external: ACME issues a wildcard only through DNS-01 (use solver.dns01, or give the Gateway a hostname without *)",
  "tests/broken/issuer_http01_wildcard.ts: tls.issuer.acme.solver.http01: cannot issue *.vanillax.me, the certificate of gateway-internal: ACME issues a wildcard only through DNS-01 (use solver.dns01, or give the Gateway a hostname without *)",
];
