// A cluster with workers only.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  nodes: [
    { name: "talos-worker-1", role: "worker", ip: "192.168.10.21" },
    { name: "talos-worker-2", role: "worker", ip: "192.168.10.22" },
  ],
});

/** The rules it breaks. */
export const rules: string[] = ["nodes"];

export const expected: string[] = [
  "tests/broken/no_control_plane.ts: nodes: has no controlplane node (a cluster needs at least one)",
];
