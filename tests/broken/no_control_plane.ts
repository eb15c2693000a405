// A cluster with workers only.
import homelab from "../../clusters/homelab.ts";

export default {
  ...homelab,
  nodes: homelab.nodes.filter((node) => node.role === "worker"),
};

export const expected: string[] = [
  "tests/broken/no_control_plane.ts: nodes: has no controlplane node (a cluster needs at least one)",
];
