// Rule 29: the values of an app's second chart set a key its chart never reads (Helm would
// ignore it without a word).
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
        { chart: grafana, releaseName: "grafana-public", values: { anonymousAccess: true } },
      ],
    }),
  },
});

/** The rules it breaks. */
export const rules: string[] = ["helm-values"];

export const expected: string[] = [
  "tests/broken/extra_chart_values.ts: apps.grafana.charts[0].values.anonymousAccess: true: grafana 10.1.4 reads no value anonymousAccess: Helm would ignore it",
];
