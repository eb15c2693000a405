// Rule 18: a last-mile patch moves a bootstrap object into a namespace a new cluster does not
// have: Omni's one-time batch fails its dry run, and nothing of it (the Cilium Job included) is
// ever applied.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  patches: [{
    target: { kind: "ConfigMap", name: "hydrate-bootstrap-cilium-values" },
    patch: { metadata: { namespace: "cilium-system" } },
  }],
});

/** The rules it breaks. */
export const rules: string[] = ["omni-batch"];

export const expected: string[] = [
  "tests/broken/bootstrap_namespace_patched.ts: omni/homelab/bootstrap/cilium.yaml: v1/ConfigMap cilium-system/hydrate-bootstrap-cilium-values fails Omni's dry run of the one-time manifests on a new cluster: namespace cilium-system does not exist (a new cluster has default, kube-node-lease, kube-public, kube-system; no Namespace of an earlier stage of the batch creates it). Omni retries the batch forever and applies none of stage 3: v1/ServiceAccount kube-system/hydrate-bootstrap-cilium, rbac.authorization.k8s.io/v1/ClusterRoleBinding hydrate-bootstrap-cilium, v1/ConfigMap cilium-system/hydrate-bootstrap-cilium-values, batch/v1/Job kube-system/hydrate-bootstrap-cilium, v1/ServiceAccount kube-system/hydrate-bootstrap-argocd, rbac.authorization.k8s.io/v1/ClusterRoleBinding hydrate-bootstrap-argocd, v1/ConfigMap kube-system/hydrate-bootstrap-argocd-values, batch/v1/Job kube-system/hydrate-bootstrap-argocd",
];
