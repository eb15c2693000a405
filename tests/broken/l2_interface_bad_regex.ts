// An L2 interface pattern that is not a regular expression.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  cilium: { l2: { interfaces: ["^eth["] } },
});

/** The rules it breaks. */
export const rules: string[] = ["schema"];

export const expected: string[] = [
  "tests/broken/l2_interface_bad_regex.ts: cilium.l2.interfaces[0]: ^eth[ is not a valid regular expression",
];
