// A domain with capitals.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  domain: "Vanillax.me",
});

/** The rules it breaks. */
export const rules: string[] = ["schema"];

export const expected: string[] = [
  "tests/broken/domain_not_hostname.ts: domain: Vanillax.me must be a DNS-1123 hostname (lowercase labels separated by dots)",
];
