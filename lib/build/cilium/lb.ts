/**
 * Cilium LB IPAM pools and the L2 announcement policy.
 *
 * @module
 */
import type { ClusterConfig } from "../../model/schema.ts";
import type { Resource } from "../../model/resource.ts";

/**
 * Builds one `CiliumLoadBalancerIPPool` (cluster-scoped) per pool of the cluster file.
 *
 * @example
 * ```ts
 * import { loadBalancerIPPools } from "./lb.ts";
 * import { parseCluster } from "../../model/parse.ts";
 * import homelab from "../../../clusters/homelab.ts";
 * import assert from "node:assert/strict";
 * const parsed = parseCluster(homelab);
 * assert.ok(parsed.ok);
 * const [pool] = loadBalancerIPPools(parsed.cluster);
 * assert.deepEqual((pool.spec as { blocks: unknown }).blocks, [{ start: "192.168.10.49", stop: "192.168.10.50" }]);
 * ```
 */
export function loadBalancerIPPools(cluster: ClusterConfig): Resource[] {
  return Object.entries(cluster.loadBalancer.pools).map(([name, pool]) => ({
    apiVersion: "cilium.io/v2",
    kind: "CiliumLoadBalancerIPPool",
    metadata: { name },
    spec: {
      blocks: pool.blocks.map((block) =>
        "cidr" in block ? { cidr: block.cidr } : { start: block.start, stop: block.stop }
      ),
      allowFirstLastIPs: pool.allowFirstLastIPs,
    },
  }));
}

/** The label Kubernetes puts on control-plane nodes. */
export const CONTROL_PLANE_LABEL = "node-role.kubernetes.io/control-plane";

/**
 * Builds the `CiliumL2AnnouncementPolicy` (cluster-scoped) that answers ARP for
 * LoadBalancer IPs on the cluster's node interfaces (all nodes, or the workers
 * only when `cilium.l2.excludeControlPlane` is set).
 */
export function l2AnnouncementPolicy(cluster: ClusterConfig): Resource {
  return {
    apiVersion: "cilium.io/v2alpha1",
    kind: "CiliumL2AnnouncementPolicy",
    metadata: { name: "l2-announcements" },
    spec: {
      nodeSelector: cluster.cilium.l2.excludeControlPlane
        ? {
          matchExpressions: [{ key: CONTROL_PLANE_LABEL, operator: "DoesNotExist" }],
        }
        : undefined,
      loadBalancerIPs: true,
      externalIPs: false,
      interfaces: [...cluster.cilium.l2.interfaces],
    },
  };
}
