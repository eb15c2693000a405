// Rule 11: BPF masquerade with kube-proxy replacement on Talos, without legacy host routing.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  cilium: { bpf: { masquerade: true } },
});

/** The rules it breaks. */
export const rules: string[] = ["masquerade"];

export const expected: string[] = [
  "tests/broken/masquerade_without_legacy_routing.ts: cilium.bpf.masquerade: true with kube-proxy replacement on Talos needs bpf.hostLegacyRouting: true (set cilium.bpf.hostLegacyRouting), or CoreDNS queries forwarded to the host time out",
];
