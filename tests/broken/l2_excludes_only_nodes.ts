// Rule 8: the L2 policy excludes the control plane, which is every node.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  nodes: [
    { name: "talos-cp-1", role: "controlplane", ip: "192.168.10.11" },
    { name: "talos-cp-2", role: "controlplane", ip: "192.168.10.12" },
    { name: "talos-cp-3", role: "controlplane", ip: "192.168.10.13" },
  ],
  cilium: { l2: { excludeControlPlane: true } },
});

/** The rules it breaks. */
export const rules: string[] = ["l2-policy"];

export const expected: string[] = [
  "tests/broken/l2_excludes_only_nodes.ts: cilium.l2.excludeControlPlane: true leaves no node to announce LoadBalancer IPs: the control-plane nodes are the only nodes",
];
