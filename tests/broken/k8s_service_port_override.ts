// Rule 3: a values override points Cilium at the API server port, not KubePrism's.
import homelab from "../../clusters/homelab.ts";

export default {
  ...homelab,
  cilium: { ...homelab.cilium, values: { k8sServicePort: "6443" } },
};

export const expected: string[] = [
  'tests/broken/k8s_service_port_override.ts: cilium.values.k8sServicePort: "6443" must equal the KubePrism port 7445: Cilium reaches the API server through KubePrism',
];
