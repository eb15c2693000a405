// A cluster name with capitals and a space: it becomes a path.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  name: "Home Lab",
});

/** The rules it breaks. */
export const rules: string[] = ["schema"];

export const expected: string[] = [
  "tests/broken/name_not_dns_label.ts: name: Home Lab must be a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit)",
];
