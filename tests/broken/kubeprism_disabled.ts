// Rule 3: KubePrism disabled while Cilium depends on it.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  kubePrism: { enabled: false },
});

/** The rules it breaks. */
export const rules: string[] = ["kubeprism"];

export const expected: string[] = [
  "tests/broken/kubeprism_disabled.ts: kubePrism.enabled: false must be true: Cilium reaches the API server through KubePrism (k8sServicePort is the KubePrism port)",
];
