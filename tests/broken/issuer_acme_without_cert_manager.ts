// Rule 19: an ACME issuer Hydrate renders needs cert-manager's CRDs; and a solver names one
// DNS provider, its credentials by Secret reference only (no field takes the token itself).
import { defineCluster, remove } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  apps: { "cert-manager": remove() },
  tls: {
    issuer: {
      acme: {
        email: "ops@vanillax.me",
        solver: {
          dns01: {
            cloudflare: { apiTokenSecretRef: { name: "cloudflare-api-token", key: "api-token" } },
          },
        },
      },
    },
  },
});

/** The rules it breaks. */
export const rules: string[] = ["tls-issuer"];

export const expected: string[] = [
  "tests/broken/issuer_acme_without_cert_manager.ts: tls.issuer.external: is set beside tls.issuer.acme: Hydrate renders ClusterIssuer letsencrypt-prod; keep one (in a cluster that extends a layer, `external: remove()`)",
  "tests/broken/issuer_acme_without_cert_manager.ts: tls.issuer.acme: renders ClusterIssuer letsencrypt-prod, a cert-manager resource, but no app runs the cert-manager chart (add certManager() to apps)",
];
