// Rule 26: a Kubernetes version with no registry.k8s.io/kubectl image for the Argo CD Job, and an
// Omni release newer than the newest Hydrate models (a warning).
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  omni: { version: "v1.12.0", kubernetesVersion: "v1.27.16" },
});

/** The rules it breaks. */
export const rules: string[] = ["versions"];

export const expected: string[] = [
  "warning: tests/broken/versions_unmodelled.ts: omni.version: v1.12.0 is newer than the newest Omni release Hydrate models (v1.10.4): its template paths, features and forbidden patch fields are assumed to be those of v1.10.4",
  "tests/broken/versions_unmodelled.ts: omni.kubernetesVersion: v1.27.16 has no registry.k8s.io/kubectl image (published from v1.28), which the Argo CD bootstrap Job applies the root Application with: set bootstrap.kubectlImage",
];
