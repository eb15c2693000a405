// An HTTPRoute that redirects and also names a backend: the Gateway API v1.3.0 CRD's CEL rule
// refuses it ("RequestRedirect filter must not be used together with backendRefs").
import { defineCluster, manifestsApp } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  apps: {
    docs: manifestsApp({
      namespace: "docs",
      dependsOn: ["gateway"],
      resources: [{
        apiVersion: "gateway.networking.k8s.io/v1",
        kind: "HTTPRoute",
        metadata: { name: "docs", namespace: "docs" },
        spec: {
          parentRefs: [{ name: "gateway-internal", namespace: "gateway", sectionName: "https" }],
          hostnames: ["docs.vanillax.me"],
          rules: [{
            filters: [{
              type: "RequestRedirect",
              requestRedirect: { hostname: "wiki.vanillax.me" },
            }],
            backendRefs: [{ name: "docs", port: 80 }],
          }],
        },
      }],
    }),
  },
});

/** The rules it breaks. */
export const rules: string[] = ["crd-schema"];

export const expected: string[] = [
  "tests/broken/route_redirect_with_backend.ts: apps/homelab/docs/httproute-docs.yaml: HTTPRoute docs: spec.rules[0] RequestRedirect filter must not be used together with backendRefs (CRD gateway.networking.k8s.io/v1/HTTPRoute, crds/gateway-api/v1.3.0)",
];
