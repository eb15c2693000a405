// A patch that pins the bootstrap Job to another Cilium chart than the cilium Application.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  patches: [{
    target: { kind: "Job", name: "hydrate-bootstrap-cilium", namespace: "kube-system" },
    patch: {
      spec: {
        template: {
          spec: {
            containers: [{
              name: "helm",
              image: "docker.io/alpine/helm:3.18.4",
              args: [
                "upgrade",
                "--install",
                "cilium",
                "cilium",
                "--repo=https://helm.cilium.io",
                "--version=1.17.9",
                "--namespace=kube-system",
                "--values=/values/values.yaml",
              ],
              env: [
                { name: "KUBERNETES_SERVICE_HOST", value: "localhost" },
                { name: "KUBERNETES_SERVICE_PORT", value: "6443" },
              ],
              volumeMounts: [{ name: "values", mountPath: "/values", readOnly: true }],
            }],
          },
        },
      },
    },
  }],
});

/** The rules it breaks. */
export const rules: string[] = ["bootstrap-adoption"];

export const expected: string[] = [
  "tests/broken/bootstrap_version_drift.ts: omni/homelab/bootstrap/cilium.yaml: Job kube-system/hydrate-bootstrap-cilium installs chart version 1.17.9, but apps/homelab/applications/cilium.yaml deploys 1.18.4: Argo CD would replace what the bootstrap installed",
  "tests/broken/bootstrap_version_drift.ts: omni/homelab/bootstrap/cilium.yaml: Job kube-system/hydrate-bootstrap-cilium reaches the API server on port 6443, not KubePrism's 7445 (on the node's loopback, only KubePrism answers before Cilium runs)",
];
