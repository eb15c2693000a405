// An L2 lease duration that is not a Go duration.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  cilium: { l2: { leaseDuration: "15 seconds" } },
});

/** The rules it breaks. */
export const rules: string[] = ["schema"];

export const expected: string[] = [
  "tests/broken/bad_duration.ts: cilium.l2.leaseDuration: 15 seconds must be a Go duration such as 15s or 1h30m",
];
