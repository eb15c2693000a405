// A Talos patch with a machine-config field of Talos v1.12 on a v1.11.5 cluster: Talos decodes
// strictly and refuses the whole config. (`grubUseUKICmdline` is new in v1.12.)
import { defineCluster, manifestsApp } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  apps: {
    boot: manifestsApp({
      namespace: "boot",
      resources: [{
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: "boot", namespace: "boot" },
        data: { mode: "uki" },
      }],
      talos: { patches: { "uki-cmdline": { machine: { install: { grubUseUKICmdline: true } } } } },
    }),
  },
});

/** The rules it breaks. */
export const rules: string[] = ["talos-schema"];

export const expected: string[] = [
  'tests/broken/talos_field_of_newer_version.ts: apps.boot.talos.patches.uki-cmdline: machine.install has no field "grubUseUKICmdline" (Talos v1.11.5 machine-config schema)',
];
