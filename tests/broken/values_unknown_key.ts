// Helm values the pinned charts do not know: a typo Helm would ignore without a word (with the key
// it meant), and a value the chart's values.schema.json refuses, which stops `helm install`.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  cilium: { values: { operatr: { replicas: 1 }, MTU: "1500" } },
  apps: { argocd: { values: { configs: { parms: { "server.insecure": true } } } } },
});

/** The rules it breaks. */
export const rules: string[] = ["helm-values"];

export const expected: string[] = [
  "tests/broken/values_unknown_key.ts: cilium.values.operatr.replicas: 1: cilium 1.18.4 reads no value operatr.replicas: Helm would ignore it (did you mean operator?)",
  "tests/broken/values_unknown_key.ts: cilium.values.MTU: 1500: MTU must be integer (values.schema.json of cilium 1.18.4)",
  "tests/broken/values_unknown_key.ts: apps.argocd.values.configs.parms.server.insecure: true: argo-cd 9.1.4 reads no value configs.parms.server.insecure: Helm would ignore it (did you mean configs.params?)",
];
