// Talos and Kubernetes versions must start with v.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  omni: { talosVersion: "1.11.5", kubernetesVersion: "latest" },
});

/** The rules it breaks. */
export const rules: string[] = ["schema"];

export const expected: string[] = [
  "tests/broken/talos_version_without_v.ts: omni.talosVersion: 1.11.5 must be a version like v1.11.5 ('v', then major.minor.patch)",
  "tests/broken/talos_version_without_v.ts: omni.kubernetesVersion: latest must be a version like v1.11.5 ('v', then major.minor.patch)",
];
