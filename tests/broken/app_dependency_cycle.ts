// Sync order: two apps that depend on each other.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  apps: { argocd: { dependsOn: ["longhorn"] }, longhorn: { dependsOn: ["argocd"] } },
});

/** The rules it breaks. */
export const rules: string[] = ["apps"];

export const expected: string[] = [
  "tests/broken/app_dependency_cycle.ts: apps: dependency cycle: argocd -> longhorn -> argocd",
];
