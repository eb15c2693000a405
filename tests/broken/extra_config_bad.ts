// Rule 20: extraConfig goes verbatim into the cilium-config ConfigMap (chart 1.18.4
// templates/cilium-configmap.yaml): strings only, conntrack timeouts as Go durations with a unit
// (the agent reads "21600" as nanoseconds), and no silent override of cilium.bpf.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  cilium: {
    values: {
      extraConfig: {
        "bpf-ct-timeout-regular-tcp": "21600",
        "bpf-ct-timeout-regular-any": "2h",
        "enable-ipv4-big-tcp": true,
      },
    },
  },
});

/** The rules it breaks. */
export const rules: string[] = ["cilium-features"];

export const expected: string[] = [
  "tests/broken/extra_config_bad.ts: cilium.values.extraConfig.bpf-ct-timeout-regular-tcp: 21600 must be a Go duration with its unit, like 21600s or 6h (Cilium reads a number without a unit as nanoseconds)",
  "tests/broken/extra_config_bad.ts: cilium.values.extraConfig.bpf-ct-timeout-regular-tcp: 21600 replaces 21600s, which cilium.bpf.ctTcpTimeout states; state it once",
  "tests/broken/extra_config_bad.ts: cilium.values.extraConfig.bpf-ct-timeout-regular-any: 2h replaces 3600s, which cilium.bpf.ctAnyTimeout states; state it once",
  "tests/broken/extra_config_bad.ts: cilium.values.extraConfig.enable-ipv4-big-tcp: true must be a string: the chart writes extraConfig into the cilium-config ConfigMap, whose values are strings (the API server refuses the install)",
];
