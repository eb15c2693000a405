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
export const rules: string[] = ["helm-values"];

export const expected: string[] = [
  "tests/broken/cilium_values_ignored.ts: cilium.values.gatewayAPI.sessionAffinity: true: cilium 1.18.4 reads no value gatewayAPI.sessionAffinity: Helm would ignore it (Cilium's Gateway API has no session persistence)",
  "tests/broken/cilium_values_ignored.ts: cilium.values.bpf.ctTcpTimeout: 21600: cilium 1.18.4 reads no value bpf.ctTcpTimeout: Helm would ignore it (use cilium.bpf.ctTcpTimeout, rendered as extraConfig.bpf-ct-timeout-regular-tcp)",
  "tests/broken/cilium_values_ignored.ts: cilium.values.externalIPs.enabled: true: cilium 1.18.4 reads no value externalIPs.enabled: Helm would ignore it (removed in chart 1.18; kube-proxy replacement enables external IPs)",
];
