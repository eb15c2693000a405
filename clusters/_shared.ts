/**
 * What every environment shares: the Git repository, the Talos and Kubernetes
 * versions, KubePrism, the Cilium tuning and the apps every cluster runs. The
 * certificate issuer is each cluster's own. Files starting with `_` are layers,
 * not clusters: each cluster file extends this one and states only what differs.
 */
import { argocd, certManager, type ClusterLayer } from "../mod.ts";

export default {
  git: { repoURL: "https://github.com/vanillax/homelab.git", revision: "main" },
  omni: { talosVersion: "v1.11.5", kubernetesVersion: "v1.34.1" },
  apiServerPort: 6443,
  kubePrism: { enabled: true, port: 7445 },
  network: { pods: "10.244.0.0/16", services: "10.96.0.0/12" },
  cilium: {
    kubeProxyReplacement: true,
    k8sServiceHost: "localhost",
    socketLB: { hostNamespaceOnly: false },
    bandwidthManager: { bbr: true },
    // The seed's 6 h / 1 h conntrack timeouts, rendered as the agent options Cilium reads.
    bpf: { ctTcpTimeout: 21600, ctAnyTimeout: 3600 },
    // The seed also asks for 3 h Gateway stickiness (gatewayAPI.sessionAffinity*): no key of
    // the Cilium chart, and no mechanism of Cilium 1.18's Gateway API, so Hydrate refuses it.
  },
  apps: {
    "cert-manager": certManager(),
    argocd: argocd(),
  },
} satisfies ClusterLayer;
