// Rule 19: the Gateways name an issuer that nothing renders and nobody says is provided.
import { defineCluster, remove } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, { tls: { issuer: { external: remove() } } });

/** The rules it breaks. */
export const rules: string[] = ["tls-issuer"];

export const expected: string[] = [
  "tests/broken/issuer_missing.ts: tls.issuer: ClusterIssuer letsencrypt-prod is rendered by no app and has no acme settings: without it no Gateway gets a certificate and no HTTPS listener is programmed; add tls.issuer.acme, an app that renders it, or tls.issuer.external saying where it is created",
];
