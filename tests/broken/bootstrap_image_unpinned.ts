// The bootstrap Jobs' Helm image must be pinned: `latest` installs whatever Helm is current that day.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  bootstrap: { helmImage: "alpine/helm:latest" },
});

/** The rules it breaks. */
export const rules: string[] = ["schema"];

export const expected: string[] = [
  "tests/broken/bootstrap_image_unpinned.ts: bootstrap.helmImage: alpine/helm:latest must be an image pinned by tag or digest, like docker.io/alpine/helm:3.18.4 (not latest)",
];
