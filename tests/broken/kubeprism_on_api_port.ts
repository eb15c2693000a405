// Rule 3: KubePrism on the API server's port.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  kubePrism: { port: 6443 },
});

/** The rules it breaks. */
export const rules: string[] = ["kubeprism"];

export const expected: string[] = [
  "tests/broken/kubeprism_on_api_port.ts: kubePrism.port: 6443 is the API server port; KubePrism needs a port of its own on every node",
];
