/**
 * The staging cluster: one control-plane node on its own network, one Gateway,
 * no Longhorn. It extends the same shared layer as the homelab.
 */
import { defineCluster } from "../mod.ts";
import shared from "./_shared.ts";

export default defineCluster(shared, {
  name: "staging",
  domain: "staging.vanillax.me",
  omni: { controlPlane: { machineClass: "staging-control-plane" } },
  network: {
    nodes: "192.168.20.0/24",
    gateway: "192.168.20.1",
    nameservers: ["192.168.20.1"],
  },
  nodes: [{ name: "staging-cp-1", role: "controlplane", ip: "192.168.20.11" }],
  loadBalancer: {
    pools: { default: { blocks: [{ start: "192.168.20.49", stop: "192.168.20.50" }] } },
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
  gateways: { internal: { address: "192.168.20.50" } },
  // One node: a second Cilium operator replica would stay Pending.
  cilium: { values: { operator: { replicas: 1 } } },
});
