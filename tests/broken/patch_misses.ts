// A post-render patch whose target is not rendered.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  patches: [{
    target: { kind: "Gateway", name: "gateway-dmz" },
    patch: { metadata: { labels: { tier: "dmz" } } },
  }],
});

/** The rules it breaks. */
export const rules: string[] = ["patch-targets"];

export const expected: string[] = [
  "tests/broken/patch_misses.ts: patches[0].target: Gateway gateway-dmz matches no rendered resource",
];
