// A chart version bumped without `deno task vendor`: the checks have nothing of that version to
// read, so the render stops and says which command fixes it.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  cilium: { chart: { version: "1.18.5" } },
});

/** The rules it breaks. */
export const rules: string[] = ["vendored"];

export const expected: string[] = [
  "tests/broken/chart_not_vendored.ts: cilium.chart.version: vendor/ has no cilium 1.18.5: run `deno task vendor`",
  "tests/broken/chart_not_vendored.ts: cilium.chart.version: vendor/ has no Cilium 1.18.5 CRDs: run `deno task vendor`",
];
