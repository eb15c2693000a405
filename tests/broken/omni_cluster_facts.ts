// Cluster-level Omni facts Omni would refuse or that would fight Hydrate's: a label under Omni's
// reserved prefix, a cluster patch that takes the name of one of Hydrate's.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  omni: {
    labels: { "omni.sidero.dev/cluster": "mine", environment: "home" },
    patches: {
      cni: { cluster: { network: { cni: { name: "flannel" } } } },
    },
  },
});

/** The rules it breaks. */
export const rules: string[] = ["omni-template", "apps"];

export const expected: string[] = [
  "tests/broken/omni_cluster_facts.ts: omni.labels.omni.sidero.dev/cluster: omni.sidero.dev/cluster: Omni reserves the prefix omni.sidero.dev/ for itself and refuses the template",
  "tests/broken/omni_cluster_facts.ts: omni.patches.cni: cni is already the name of a Talos patch of Hydrate",
];
