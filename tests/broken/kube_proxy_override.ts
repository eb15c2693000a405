// Rule 1: a values override turns kube-proxy replacement off while Omni disables kube-proxy.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  cilium: { values: { kubeProxyReplacement: false } },
});

/** The rules it breaks. */
export const rules: string[] = ["kube-proxy", "cilium-features"];

export const expected: string[] = [
  'tests/broken/kube_proxy_override.ts: cilium.values.kubeProxyReplacement: false disagrees with Omni (kube-proxy disabled): kube-proxy must be disabled exactly when Cilium replaces it (otherwise both bind the same ports: "address already in use")',
  "tests/broken/kube_proxy_override.ts: cilium.values.kubeProxyReplacement: false must be true: L2 announcements and Cilium's Gateway API need kube-proxy replacement",
];
