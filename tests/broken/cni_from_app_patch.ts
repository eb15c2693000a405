// Rules 1-3 on the effective machine config: Omni applies the cluster patches in order, so an
// app's Talos patch after Hydrate's can bring back a CNI, kube-proxy or turn KubePrism off.
import { defineCluster, longhorn } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  apps: {
    longhorn: longhorn({
      talos: {
        patches: {
          "legacy-network": {
            cluster: { network: { cni: { name: "flannel" } }, proxy: { disabled: false } },
            machine: { features: { kubePrism: { enabled: false } } },
          },
        },
      },
    }),
  },
});

/** The rules it breaks. */
export const rules: string[] = ["kube-proxy", "cni-none", "kubeprism"];

export const expected: string[] = [
  'tests/broken/cni_from_app_patch.ts: omni/homelab/patches/legacy-network.yaml: sets cluster.proxy.disabled: false after Hydrate\'s disable-kube-proxy patch (Omni applies them in order), while Cilium replaces kube-proxy: kube-proxy must be disabled exactly when Cilium replaces it (otherwise both bind the same ports: "address already in use")',
  "tests/broken/cni_from_app_patch.ts: omni/homelab/patches/legacy-network.yaml: cluster.network.cni must be { name: none } with no urls while Cilium is the CNI (Talos would install its own)",
  "tests/broken/cni_from_app_patch.ts: omni/homelab/patches/legacy-network.yaml: KubePrism must be enabled on port 7445",
];
