// Rule 3: Cilium pointed at one control-plane node instead of KubePrism's loopback endpoint.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  cilium: { k8sServiceHost: "192.168.10.11" },
});

/** The rules it breaks. */
export const rules: string[] = ["kubeprism"];

export const expected: string[] = [
  "tests/broken/k8s_service_host_not_local.ts: cilium.k8sServiceHost: 192.168.10.11 must be localhost or 127.0.0.1: Cilium reaches the API server through KubePrism on port 7445",
];
