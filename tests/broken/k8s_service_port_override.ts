// Rule 3: a values override points Cilium at the API server port, not KubePrism's.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  cilium: { values: { k8sServicePort: "6443" } },
});

/** The rules it breaks. */
export const rules: string[] = ["kubeprism"];

export const expected: string[] = [
  'tests/broken/k8s_service_port_override.ts: cilium.values.k8sServicePort: "6443" must equal the KubePrism port 7445: Cilium reaches the API server through KubePrism',
];
