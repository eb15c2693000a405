// Sync order: an app that depends on an app the cluster does not run.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  apps: { longhorn: { dependsOn: ["minio"] } },
});

/** The rules it breaks. */
export const rules: string[] = ["apps"];

export const expected: string[] = [
  "tests/broken/app_unknown_dependency.ts: apps.longhorn.dependsOn[0]: minio is not an app of this cluster (apps: cilium, cilium-lb, gateway, cert-manager, argocd, longhorn)",
];
