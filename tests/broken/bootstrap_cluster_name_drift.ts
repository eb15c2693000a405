// A patch that gives the bootstrap Cilium another cluster.name than the one Argo CD deploys.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  patches: [{
    target: { kind: "ConfigMap", name: "hydrate-bootstrap-cilium-values" },
    patch: { data: { "values.yaml": "cluster:\n  name: default\n" } },
  }],
});

/** The rules it breaks. */
export const rules: string[] = ["bootstrap-adoption"];

export const expected: string[] = [
  'tests/broken/bootstrap_cluster_name_drift.ts: omni/homelab/bootstrap/cilium.yaml: Job kube-system/hydrate-bootstrap-cilium installs values cluster.name: default, but apps/homelab/cilium/values.yaml has homelab: Hubble certificates issued for one name fail under the other ("x509: certificate signed by unknown authority")',
];
