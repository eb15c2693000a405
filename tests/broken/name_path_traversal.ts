// A cluster name that would escape apps/.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  name: "../homelab",
});

/** The rules it breaks. */
export const rules: string[] = ["schema"];

export const expected: string[] = [
  "tests/broken/name_path_traversal.ts: name: ../homelab must be a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit)",
];
