/**
 * The homelab cluster: Talos on Omni, Cilium replacing kube-proxy through
 * KubePrism, L2-announced LoadBalancer IPs, Gateway API with TLS, Argo CD.
 *
 * Data only: each fact once. Everything else (the KubePrism port in Cilium's
 * values, the kube-proxy patch, the Gateways' listeners) is derived from it.
 * Fields left out take the defaults in lib/schema.ts.
 */
import type { ClusterInput } from "../mod.ts";

export default {
  name: "homelab",
  domain: "vanillax.me",
  git: { repoURL: "https://github.com/vanillax/homelab.git", revision: "main" },
  omni: {
    talosVersion: "v1.11.5",
    kubernetesVersion: "v1.34.1",
    // The node machine IDs are not recorded here, so Omni picks the machines by class.
    controlPlane: { machineClass: "homelab-control-plane" },
    workers: { machineClass: "homelab-workers" },
  },
  network: {
    nodes: "192.168.10.0/24",
    gateway: "192.168.10.1",
    nameservers: ["192.168.10.1"],
    pods: "10.244.0.0/16",
    services: "10.96.0.0/12",
  },
  apiServerPort: 6443,
  kubePrism: { enabled: true, port: 7445 },
  nodes: [
    { name: "talos-cp-1", role: "controlplane", ip: "192.168.10.11" },
    { name: "talos-cp-2", role: "controlplane", ip: "192.168.10.12" },
    { name: "talos-cp-3", role: "controlplane", ip: "192.168.10.13" },
    { name: "talos-worker-1", role: "worker", ip: "192.168.10.21" },
    { name: "talos-worker-2", role: "worker", ip: "192.168.10.22" },
  ],
  cilium: {
    kubeProxyReplacement: true,
    k8sServiceHost: "localhost",
    socketLB: { hostNamespaceOnly: false },
    bandwidthManager: { bbr: true },
    bpf: { ctTcpTimeout: 21600, ctAnyTimeout: 3600 },
    gatewayAPI: { sessionAffinityTimeoutSeconds: 10800 },
  },
  loadBalancer: {
    pools: {
      default: { blocks: [{ start: "192.168.10.49", stop: "192.168.10.50" }] },
    },
  },
  gateways: {
    external: { address: "192.168.10.49" },
    internal: { address: "192.168.10.50" },
  },
  tls: { issuer: { kind: "ClusterIssuer", name: "letsencrypt-prod" } },
  apps: {
    argocd: {
      route: { host: "argocd", gateway: "internal", service: "argocd-server", port: 80 },
    },
    longhorn: {
      route: { host: "longhorn", gateway: "internal", service: "longhorn-frontend", port: 80 },
    },
  },
} satisfies ClusterInput;
