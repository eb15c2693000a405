// Rule 25: a Cilium cluster.name override that breaks Cilium's limit.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  cilium: { values: { cluster: { name: "Homelab_Production_Cluster_Number_One" } } },
});

/** The rules it breaks. */
export const rules: string[] = ["cilium-cluster-name"];

export const expected: string[] = [
  "tests/broken/cilium_cluster_name_override.ts: cilium.values.cluster.name: \"Homelab_Production_Cluster_Number_One\" is not a valid Cilium cluster.name (lowercase letters, digits and '-', at most 32 characters)",
];
