// A worker machine set whose extensions the targeted Omni (v1.8.0) cannot read in a template
// (machine-set systemExtensions came in v1.9.0), and whose patch sets a field Talos v1.11 lacks.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  omni: {
    version: "v1.8.0",
    workerSets: {
      gpu: {
        machineClass: "homelab-gpu",
        systemExtensions: ["siderolabs/nvidia-container-toolkit-production"],
        patches: { grub: { machine: { install: { grubUseUKICmdline: true } } } },
      },
    },
  },
  nodes: [
    { name: "talos-cp-1", role: "controlplane", ip: "192.168.10.11" },
    { name: "talos-cp-2", role: "controlplane", ip: "192.168.10.12" },
    { name: "talos-cp-3", role: "controlplane", ip: "192.168.10.13" },
    { name: "talos-worker-1", role: "worker", ip: "192.168.10.21" },
    { name: "talos-gpu-1", role: "worker", ip: "192.168.10.22", set: "gpu" },
  ],
});

/** The rules it breaks. */
export const rules: string[] = ["omni-template", "talos-schema"];

export const expected: string[] = [
  "tests/broken/worker_set_versions.ts: omni.workerSets.gpu.systemExtensions: Omni v1.8.0 has no systemExtensions on a machine set (added in v1.9.0, siderolabs/omni v1.9.0 client/pkg/template/internal/models/machineset.go; older omnictl refuses the unknown field): target v1.9.0 or later, or state them for the whole cluster through an app's talos.systemExtensions",
  'tests/broken/worker_set_versions.ts: omni.workerSets.gpu.patches.grub: machine.install has no field "grubUseUKICmdline" (Talos v1.11.5 machine-config schema)',
];
