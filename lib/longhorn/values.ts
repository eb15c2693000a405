/**
 * Longhorn: its Helm values and what Talos needs for it.
 *
 * @module
 */
import type { ClusterConfig } from "../schema.ts";
import { deepMerge } from "../merge.ts";

/** The Talos system extensions Longhorn needs (iSCSI and the util-linux tools). */
export const LONGHORN_EXTENSIONS = ["siderolabs/iscsi-tools", "siderolabs/util-linux-tools"];

/** Builds the Longhorn values: no pre-upgrade checker Job, which Argo CD cannot run. */
export function longhornValues(cluster: ClusterConfig): Record<string, unknown> {
  return deepMerge({ preUpgradeChecker: { jobEnabled: false } }, cluster.apps.longhorn.values);
}

/** The Talos patch that bind-mounts Longhorn's data directory into the kubelet. */
export function longhornKubeletPatch(): Record<string, unknown> {
  return {
    machine: {
      kubelet: {
        extraMounts: [{
          destination: "/var/lib/longhorn",
          type: "bind",
          source: "/var/lib/longhorn",
          options: ["bind", "rshared", "rw"],
        }],
      },
    },
  };
}
