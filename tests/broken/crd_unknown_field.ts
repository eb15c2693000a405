// Custom resources the installed CRDs refuse: a field the Cilium 1.18.4 LB-IPAM pool does not have
// (the API server would drop it without a word), and a kind whose CRD nothing the cluster pins installs.
import { defineCluster, manifestsApp } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  apps: {
    extras: manifestsApp({
      namespace: "monitoring",
      resources: [{
        apiVersion: "cilium.io/v2",
        kind: "CiliumLoadBalancerIPPool",
        metadata: { name: "spare" },
        spec: {
          blocks: [{ cidr: "10.99.0.0/28" }],
          serviceSelector: { matchLabels: { pool: "spare" } },
          autoAssign: false,
        },
      }, {
        apiVersion: "monitoring.coreos.com/v1",
        kind: "ServiceMonitor",
        metadata: { name: "argocd", namespace: "monitoring" },
        spec: { selector: {}, endpoints: [{ port: "metrics" }] },
      }],
    }),
  },
});

/** The rules it breaks. */
export const rules: string[] = ["crd-schema"];

export const expected: string[] = [
  "tests/broken/crd_unknown_field.ts: apps/homelab/extras/ciliumloadbalancerippool-spare.yaml: CiliumLoadBalancerIPPool spare: spec.autoAssign is not a field of the schema: the API server drops it (CRD cilium.io/v2/CiliumLoadBalancerIPPool, crds/cilium/1.18.4)",
  "tests/broken/crd_unknown_field.ts: apps/homelab/extras/servicemonitor-argocd.yaml: no vendored CRD serves monitoring.coreos.com/v1 ServiceMonitor: install it with a chart the cluster pins, or name the URL of its CRD in `crds`, then run `deno task vendor`",
];
