// Values keys no template of the Cilium chart 1.18.4 reads: Helm would ignore them without a word.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  cilium: {
    values: {
      bpf: { ctTcpTimeout: 21600 },
      gatewayAPI: { sessionAffinity: true },
      externalIPs: { enabled: true },
    },
  },
});

/** The rules it breaks. */
export const rules: string[] = ["cilium-features"];

export const expected: string[] = [
  "tests/broken/cilium_values_ignored.ts: cilium.values.bpf.ctTcpTimeout: 21600: no template of the Cilium chart 1.18.4 reads bpf.ctTcpTimeout, so Helm ignores it without a word (use cilium.bpf.ctTcpTimeout, rendered as extraConfig.bpf-ct-timeout-regular-tcp)",
  "tests/broken/cilium_values_ignored.ts: cilium.values.gatewayAPI.sessionAffinity: true: no template of the Cilium chart 1.18.4 reads gatewayAPI.sessionAffinity, so Helm ignores it without a word (Cilium's Gateway API has no session persistence)",
  'tests/broken/cilium_values_ignored.ts: cilium.values.externalIPs: {"enabled":true}: no template of the Cilium chart 1.18.4 reads externalIPs, so Helm ignores it without a word (removed in chart 1.18; kube-proxy replacement enables external IPs)',
];
