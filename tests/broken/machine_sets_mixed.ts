// Omni machine sets: some workers with machine IDs and some without, and no class for them.
import { defineCluster, remove } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  omni: { workers: { machineClass: remove() } },
  nodes: [
    { name: "talos-cp-1", role: "controlplane", ip: "192.168.10.11" },
    {
      name: "talos-worker-1",
      role: "worker",
      ip: "192.168.10.21",
      machineId: "b885f565-b64f-4c7a-a1ac-d2c8c2781373",
    },
    { name: "talos-worker-2", role: "worker", ip: "192.168.10.22" },
  ],
});

/** The rules it breaks. */
export const rules: string[] = ["nodes"];

export const expected: string[] = [
  "tests/broken/machine_sets_mixed.ts: omni.workers.machineClass: is required: worker nodes talos-worker-2 have no machineId, so Omni picks them by class",
  "tests/broken/machine_sets_mixed.ts: nodes[1].machineId: b885f565-b64f-4c7a-a1ac-d2c8c2781373 cannot be pinned: the other worker nodes have no machineId, and an Omni machine set either lists every machine or picks them by class",
];
