/**
 * The homelab cluster: Talos on Omni, Cilium replacing kube-proxy through
 * KubePrism, L2-announced LoadBalancer IPs, Gateway API with TLS, Argo CD.
 *
 * Data only: each fact once. It extends the shared layer (clusters/_shared.ts)
 * and states what is its own; everything else (the KubePrism port in Cilium's
 * values, the kube-proxy patch, the Gateways' listeners, the sync waves) is derived.
 */
import { defineCluster, longhorn } from "../mod.ts";
import shared from "./_shared.ts";

export default defineCluster(shared, {
  name: "homelab",
  domain: "vanillax.me",
  omni: {
    // The node machine IDs are not recorded here, so Omni picks the machines by class.
    controlPlane: { machineClass: "homelab-control-plane" },
    workers: { machineClass: "homelab-workers" },
  },
  network: {
    nodes: "192.168.10.0/24",
    gateway: "192.168.10.1",
    nameservers: ["192.168.10.1"],
  },
  nodes: [
    { name: "talos-cp-1", role: "controlplane", ip: "192.168.10.11" },
    { name: "talos-cp-2", role: "controlplane", ip: "192.168.10.12" },
    { name: "talos-cp-3", role: "controlplane", ip: "192.168.10.13" },
    { name: "talos-worker-1", role: "worker", ip: "192.168.10.21" },
    { name: "talos-worker-2", role: "worker", ip: "192.168.10.22" },
  ],
  loadBalancer: {
    pools: {
      default: { blocks: [{ start: "192.168.10.49", stop: "192.168.10.50" }] },
    },
  },
  // The issuer of the Gateways' certificates. The seed names it but not its ACME account or DNS
  // provider, so it is not rendered here; with them, state `acme: { email, solver: { dns01: {
  // ... } } }` instead of `external`.
  tls: {
    issuer: {
      kind: "ClusterIssuer",
      name: "letsencrypt-prod",
      external:
        "an ACME ClusterIssuer with a DNS-01 solver (a wildcard needs DNS-01), applied by the cluster's operators outside this repository",
    },
  },
  gateways: {
    external: { address: "192.168.10.49" },
    internal: { address: "192.168.10.50" },
  },
  apps: {
    longhorn: longhorn(),
  },
});
