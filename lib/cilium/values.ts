/**
 * The Cilium Helm values of a cluster.
 *
 * @module
 */
import type { ClusterConfig } from "../schema.ts";
import { deepMerge } from "../merge.ts";

/** The capabilities the Cilium agent needs on Talos (SYS_MODULE dropped: Talos forbids loading modules). */
export const CILIUM_AGENT_CAPABILITIES = [
  "CHOWN",
  "KILL",
  "NET_ADMIN",
  "NET_RAW",
  "IPC_LOCK",
  "SYS_ADMIN",
  "SYS_RESOURCE",
  "DAC_OVERRIDE",
  "FOWNER",
  "SETGID",
  "SETUID",
] as const;

/** The capabilities of Cilium's clean-state init container on Talos. */
export const CLEAN_CILIUM_STATE_CAPABILITIES = ["NET_ADMIN", "SYS_ADMIN", "SYS_RESOURCE"] as const;

/**
 * Builds the Cilium Helm values: what Talos requires, kube-proxy replacement
 * through KubePrism, L2 announcements, the Gateway API and the tuning, then the
 * cluster file's own `cilium.values` deep-merged over them.
 *
 * `k8sServicePort` is the KubePrism port, never typed twice.
 *
 * @example
 * ```ts
 * import { ciliumValues } from "./values.ts";
 * import { parseCluster } from "../parse.ts";
 * import homelab from "../../clusters/homelab.ts";
 * import assert from "node:assert/strict";
 * const parsed = parseCluster(homelab);
 * assert.ok(parsed.ok);
 * assert.equal(ciliumValues(parsed.cluster).k8sServicePort, "7445");
 * ```
 */
export function ciliumValues(cluster: ClusterConfig): Record<string, unknown> {
  const { cilium } = cluster;
  const bpf = {
    masquerade: cilium.bpf.masquerade,
    hostLegacyRouting: cilium.bpf.hostLegacyRouting,
    ctTcpTimeout: cilium.bpf.ctTcpTimeout,
    ctAnyTimeout: cilium.bpf.ctAnyTimeout,
  };
  const affinity = cilium.gatewayAPI.sessionAffinityTimeoutSeconds;
  const values: Record<string, unknown> = {
    cluster: { name: cluster.name },
    ipam: { mode: "kubernetes" },
    kubeProxyReplacement: cilium.kubeProxyReplacement,
    k8sServiceHost: cilium.k8sServiceHost,
    k8sServicePort: String(cluster.kubePrism.port),
    securityContext: {
      capabilities: {
        ciliumAgent: [...CILIUM_AGENT_CAPABILITIES],
        cleanCiliumState: [...CLEAN_CILIUM_STATE_CAPABILITIES],
      },
    },
    cgroup: { autoMount: { enabled: false }, hostRoot: "/sys/fs/cgroup" },
    l2announcements: {
      enabled: true,
      leaseDuration: cilium.l2.leaseDuration,
      leaseRenewDeadline: cilium.l2.leaseRenewDeadline,
      leaseRetryPeriod: cilium.l2.leaseRetryPeriod,
    },
    externalIPs: { enabled: true },
    k8sClientRateLimit: {
      qps: cilium.k8sClientRateLimit.qps,
      burst: cilium.k8sClientRateLimit.burst,
    },
    gatewayAPI: {
      enabled: true,
      enableAlpn: true,
      enableAppProtocol: true,
      sessionAffinity: affinity === undefined ? undefined : true,
      sessionAffinityTimeoutSeconds: affinity,
    },
    socketLB: cilium.socketLB
      ? { enabled: true, hostNamespaceOnly: cilium.socketLB.hostNamespaceOnly }
      : undefined,
    bandwidthManager: cilium.bandwidthManager
      ? { enabled: true, bbr: cilium.bandwidthManager.bbr }
      : undefined,
    bpf: Object.values(bpf).some((value) => value !== undefined) ? bpf : undefined,
  };
  return deepMerge(values, cilium.values);
}
