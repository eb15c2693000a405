// Post-render patches whose results the upstream schemas refuse: the Gateway's vendored CRD
// (rule 30) and the Kubernetes API's own Namespace (rule 24).
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  patches: [{
    target: { kind: "Gateway", name: "gateway-internal" },
    patch: { spec: { gatewayClassName: 42 } },
  }, {
    target: { kind: "Namespace", name: "gateway" },
    patch: { metadata: { labels: { tier: 1 } } },
  }],
});

/** The rules it breaks. */
export const rules: string[] = ["upstream-schema", "crd-schema"];

export const expected: string[] = [
  "tests/broken/patch_breaks_schema.ts: apps/homelab/gateway/namespace.yaml: metadata.labels.tier must be string (upstream schema of Namespace)",
  "tests/broken/patch_breaks_schema.ts: apps/homelab/gateway/gateway-internal.yaml: Gateway gateway-internal: spec.gatewayClassName 42 is not a string (CRD gateway.networking.k8s.io/v1/Gateway, crds/gateway-api/v1.3.0)",
];
