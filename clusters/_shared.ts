/**
 * What every environment shares: the Git repository, the Talos and Kubernetes
 * versions, KubePrism, the Cilium tuning, the certificate issuer and the apps
 * every cluster runs. Files starting with `_` are layers, not clusters: each
 * cluster file extends this one and states only what differs.
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
    bpf: { ctTcpTimeout: 21600, ctAnyTimeout: 3600 },
    gatewayAPI: { sessionAffinityTimeoutSeconds: 10800 },
  },
  tls: { issuer: { kind: "ClusterIssuer", name: "letsencrypt-prod" } },
  apps: {
    "cert-manager": certManager(),
    argocd: argocd(),
  },
} satisfies ClusterLayer;
