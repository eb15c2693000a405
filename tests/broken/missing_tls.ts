// No TLS issuer for the Gateways' certificates.
import homelab from "../../clusters/homelab.ts";

export default {
  ...homelab,
  tls: undefined,
};

export const expected: string[] = [
  "tests/broken/missing_tls.ts: tls: is required (expected object)",
];
