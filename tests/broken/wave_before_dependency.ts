// A stated sync wave that does not come after what the app depends on: Argo CD would sync
// Longhorn together with Cilium, before the pod network exists.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  apps: { longhorn: { application: { wave: 0 } } },
});

/** The rules it breaks. */
export const rules: string[] = ["sync-order"];

export const expected: string[] = [
  "tests/broken/wave_before_dependency.ts: apps/homelab/applications/longhorn.yaml: sync wave 0 must come after gateway (wave 2): it provides Gateway gateway-internal that HTTPRoute longhorn attaches to",
  "tests/broken/wave_before_dependency.ts: apps.longhorn.application.wave: 0 must come after cilium (wave 0), which longhorn depends on: Argo CD would sync them together or in the wrong order",
  "tests/broken/wave_before_dependency.ts: apps.longhorn.application.wave: 0 must come after gateway (wave 2), which longhorn depends on: Argo CD would sync them together or in the wrong order",
];
