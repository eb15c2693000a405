// No TLS issuer for the Gateways' certificates.
import { defineCluster, remove } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  tls: remove(),
});

/** The rules it breaks. */
export const rules: string[] = ["schema"];

export const expected: string[] = [
  "tests/broken/missing_tls.ts: tls: is required (expected object)",
];
