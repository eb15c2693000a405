// An L2 policy with no interface pattern.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  cilium: { l2: { interfaces: [] } },
});

/** The rules it breaks. */
export const rules: string[] = ["schema"];

export const expected: string[] = [
  "tests/broken/l2_no_interfaces.ts: cilium.l2.interfaces: [] must list at least one interface pattern",
];
