// A chart version range instead of a pinned version.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  cilium: { chart: { repoURL: "https://helm.cilium.io", chart: "cilium", version: "^1.18" } },
});

/** The rules it breaks. */
export const rules: string[] = ["schema"];

export const expected: string[] = [
  "tests/broken/chart_version_range.ts: cilium.chart.version: ^1.18 must be a pinned chart version like 1.18.4 (no ranges)",
];
