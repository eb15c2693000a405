// Rule 8: the L2 policy excludes the control plane, which is every node.
import homelab from "../../clusters/homelab.ts";

export default {
  ...homelab,
  nodes: homelab.nodes.filter((node) => node.role === "controlplane"),
  omni: { ...homelab.omni, workers: {} },
  cilium: { ...homelab.cilium, l2: { excludeControlPlane: true } },
};

export const expected: string[] = [
  "tests/broken/l2_excludes_only_nodes.ts: cilium.l2.excludeControlPlane: true leaves no node to announce LoadBalancer IPs: the control-plane nodes are the only nodes",
];
