// A KubePrism port outside 1-65535, and an API server port that is not a number.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  kubePrism: { port: 0 },
  // @ts-expect-error: a string where a number belongs, as a JavaScript cluster file could hold
  apiServerPort: "6443",
});

/** The rules it breaks. */
export const rules: string[] = ["schema"];

export const expected: string[] = [
  'tests/broken/port_out_of_range.ts: apiServerPort: "6443" must be a number',
  "tests/broken/port_out_of_range.ts: kubePrism.port: 0 must be a port from 1 to 65535",
];
