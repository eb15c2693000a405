// A DNS label is at most 63 characters, in a domain too.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, { domain: `${"a".repeat(64)}.example.com` });

/** The rules it breaks. */
export const rules: string[] = ["schema"];

export const expected: string[] = [
  "tests/broken/label_too_long.ts: domain: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example.com has a label longer than 63 characters (DNS allows 63)",
];
