// append() on a list no layer states (the schema's default would be replaced without a word: L2
// announcements would stop on eth/en) and remove() of an app the cluster does not have.
import { append, defineCluster, remove } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  cilium: { l2: { interfaces: append("^bond[0-9]+") } },
  apps: { grafana: remove() },
});

/** The rules it breaks. */
export const rules: string[] = ["schema"];

export const expected: string[] = [
  "tests/broken/marker_on_default.ts: cilium.l2.interfaces: append() has no list to append to here: no layer below states this list (it extends a list a layer below states; a default is not extended: state the whole list)",
  "tests/broken/marker_on_default.ts: apps.grafana: remove() has nothing to remove here: no layer below states this key",
];
