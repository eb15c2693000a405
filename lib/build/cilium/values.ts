/**
 * The Cilium Helm values of a cluster.
 *
 * @module
 */
import type { ClusterConfig } from "../../model/schema.ts";
import { deepMerge } from "../../model/merge.ts";

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
 * cluster file's own `cilium.values` deep-merged over them. Every key is one
 * that a template of the pinned chart (1.18.4) reads: `externalIPs.enabled` was
 * removed from the chart in 1.18 (kube-proxy replacement turns external IPs on).
 *
 * `k8sServicePort` is the KubePrism port, never typed twice.
 *
 * @example
 * ```ts
 * import { ciliumValues } from "./values.ts";
 * import { parseCluster } from "../../model/parse.ts";
 * import homelab from "../../../clusters/homelab.ts";
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
  };
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
    k8sClientRateLimit: {
      qps: cilium.k8sClientRateLimit.qps,
      burst: cilium.k8sClientRateLimit.burst,
    },
    gatewayAPI: { enabled: true, enableAlpn: true, enableAppProtocol: true },
    socketLB: cilium.socketLB
      ? { enabled: true, hostNamespaceOnly: cilium.socketLB.hostNamespaceOnly }
      : undefined,
    bandwidthManager: cilium.bandwidthManager
      ? { enabled: true, bbr: cilium.bandwidthManager.bbr }
      : undefined,
    bpf: Object.values(bpf).some((value) => value !== undefined) ? bpf : undefined,
    extraConfig: conntrackOptions(cluster),
  };
  return deepMerge(values, cilium.values);
}

/**
 * The agent options of the conntrack timeouts. Chart 1.18.4 has no values key
 * for them (`bpf.ctTcpTimeout`/`bpf.ctAnyTimeout`, the seed document's keys, are
 * read by no template); cilium-configmap.yaml writes `extraConfig` verbatim into
 * the cilium-config ConfigMap, and the agent reads `bpf-ct-timeout-regular-tcp`
 * and `bpf-ct-timeout-regular-any` as Go durations (cilium v1.18
 * pkg/option/config.go; a value without a unit would be nanoseconds).
 */
export function conntrackOptions(cluster: ClusterConfig): Record<string, string> | undefined {
  const { ctTcpTimeout, ctAnyTimeout } = cluster.cilium.bpf;
  const options: Record<string, string> = {};
  if (ctTcpTimeout !== undefined) options[CONNTRACK_OPTIONS.tcp] = `${ctTcpTimeout}s`;
  if (ctAnyTimeout !== undefined) options[CONNTRACK_OPTIONS.any] = `${ctAnyTimeout}s`;
  return Object.keys(options).length > 0 ? options : undefined;
}

/** The cilium-config keys of the regular (non-service) conntrack timeouts. */
export const CONNTRACK_OPTIONS = {
  tcp: "bpf-ct-timeout-regular-tcp",
  any: "bpf-ct-timeout-regular-any",
} as const;

/**
 * Values keys no template of the Cilium chart reads (Helm ignores them without a
 * word) that the seed document used, with what does the job: rule `helm-values`
 * adds it to its refusal. Read in cilium/charts cilium-1.18.4.tgz: templates/
 * and values.yaml have none of them.
 */
export const CILIUM_VALUE_HINTS: readonly { key: string[]; instead: string }[] = [
  {
    key: ["bpf", "ctTcpTimeout"],
    instead: "use cilium.bpf.ctTcpTimeout, rendered as extraConfig.bpf-ct-timeout-regular-tcp",
  },
  {
    key: ["bpf", "ctAnyTimeout"],
    instead: "use cilium.bpf.ctAnyTimeout, rendered as extraConfig.bpf-ct-timeout-regular-any",
  },
  {
    key: ["gatewayAPI", "sessionAffinity"],
    instead: "Cilium's Gateway API has no session persistence",
  },
  {
    key: ["gatewayAPI", "sessionAffinityTimeoutSeconds"],
    instead: "Cilium's Gateway API has no session persistence",
  },
  {
    key: ["externalIPs"],
    instead: "removed in chart 1.18; kube-proxy replacement enables external IPs",
  },
];
