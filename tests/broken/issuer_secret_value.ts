// A DNS-01 solver takes credentials by Secret reference, never the token itself.
import { defineCluster, remove } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  tls: {
    issuer: {
      external: remove(),
      acme: {
        email: "ops@vanillax.me",
        // @ts-expect-error: a token value is no field of the solver (a compile error too)
        solver: { dns01: { cloudflare: { apiToken: "0123456789abcdef" } } },
      },
    },
  },
});

/** The rules it breaks. */
export const rules: string[] = ["schema"];

export const expected: string[] = [
  "tests/broken/issuer_secret_value.ts: tls.issuer.acme.solver.dns01.cloudflare.apiTokenSecretRef: is required (expected object)",
  'tests/broken/issuer_secret_value.ts: tls.issuer.acme.solver.dns01.cloudflare: unknown key "apiToken"',
];
