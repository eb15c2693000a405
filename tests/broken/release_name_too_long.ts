// A Helm release name Helm refuses (over 53 characters; Helm v3.18.4
// pkg/chartutil/validate_name.go): the app's own name, when it states none.
import { defineCluster, helmApp } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  apps: {
    "metrics-server-for-the-homelab-cluster-on-talos-and-omni": helmApp({
      chart: {
        repoURL: "https://grafana.github.io/helm-charts",
        chart: "grafana",
        version: "10.1.4",
      },
      namespace: "monitoring",
    }),
  },
});

/** The rules it breaks. */
export const rules: string[] = ["apps"];

export const expected: string[] = [
  "tests/broken/release_name_too_long.ts: apps.metrics-server-for-the-homelab-cluster-on-talos-and-omni: metrics-server-for-the-homelab-cluster-on-talos-and-omni is 56 characters: Helm refuses a release name over 53 (the app's name is its release name; state a shorter releaseName)",
];
