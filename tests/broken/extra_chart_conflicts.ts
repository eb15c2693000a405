// Rule 22: an app's second chart takes the release name of its first.
import { defineCluster, helmApp } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

const grafana = {
  repoURL: "https://grafana.github.io/helm-charts",
  chart: "grafana",
  version: "10.1.4",
};

export default defineCluster(homelab, {
  apps: {
    grafana: helmApp({
      chart: grafana,
      namespace: "monitoring",
      charts: [
        { chart: grafana, releaseName: "grafana", values: {} },
      ],
    }),
  },
});

/** The rules it breaks. */
export const rules: string[] = ["apps"];

export const expected: string[] = [
  "tests/broken/extra_chart_conflicts.ts: apps.grafana.charts[0].releaseName: grafana is already the release name of another chart of this app",
];
