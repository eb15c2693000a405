// Worker machine sets that cannot be what they say: a node in a set that does not exist, a
// control-plane node in a set, a set named like the default one, a set without nodes.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  omni: {
    workerSets: {
      workers: { machineClass: "more" },
      storage: { machineClass: "homelab-storage" },
      gpu: { machineClass: "homelab-gpu" },
    },
  },
  nodes: [
    { name: "talos-cp-1", role: "controlplane", ip: "192.168.10.11", set: "gpu" },
    { name: "talos-cp-2", role: "controlplane", ip: "192.168.10.12" },
    { name: "talos-cp-3", role: "controlplane", ip: "192.168.10.13" },
    { name: "talos-worker-1", role: "worker", ip: "192.168.10.21", set: "gpus" },
    { name: "talos-worker-2", role: "worker", ip: "192.168.10.22", set: "gpu" },
  ],
});

/** The rules it breaks. */
export const rules: string[] = ["nodes"];

export const expected: string[] = [
  "tests/broken/worker_sets.ts: omni.workerSets.workers: workers is the name of the default workers set (omni.workers): choose another",
  'tests/broken/worker_sets.ts: omni.workerSets.storage: has no worker node (a node joins it with set: "storage")',
  "tests/broken/worker_sets.ts: nodes[0].set: gpu: only a worker joins a set (the control plane is one)",
  "tests/broken/worker_sets.ts: nodes[3].set: gpus is not a set of omni.workerSets (workers, storage, gpu)",
];
