// An L2 policy with no interface pattern.
import homelab from "../../clusters/homelab.ts";

export default {
  ...homelab,
  cilium: { ...homelab.cilium, l2: { interfaces: [] } },
};

export const expected: string[] = [
  "tests/broken/l2_no_interfaces.ts: cilium.l2.interfaces: [] must list at least one interface pattern",
];
