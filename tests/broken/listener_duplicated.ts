// Rule 12: a last-mile patch adds a second HTTPS listener on the same port and hostname, and one
// that passes TLS through (an HTTPS listener must terminate it). The Gateway API CRD's own CEL
// rules refuse both too (rule 30).
import { append, defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  patches: [{
    target: { kind: "Gateway", name: "gateway-internal" },
    patch: {
      spec: {
        listeners: append(
          {
            name: "https-again",
            protocol: "HTTPS",
            port: 443,
            hostname: "*.vanillax.me",
            tls: { certificateRefs: [{ kind: "Secret", name: "gateway-internal-tls" }] },
          },
          { name: "passthrough", protocol: "HTTPS", port: 8443, tls: { mode: "Passthrough" } },
        ),
      },
    },
  }],
});

/** The rules it breaks. */
export const rules: string[] = ["gateway-listeners", "crd-schema"];

export const expected: string[] = [
  "tests/broken/listener_duplicated.ts: apps/homelab/gateway/gateway-internal.yaml: spec.listeners[2]: port 443 HTTPS *.vanillax.me is already served by another listener",
  "tests/broken/listener_duplicated.ts: apps/homelab/gateway/gateway-internal.yaml: spec.listeners[3]: HTTPS listener passthrough must terminate TLS with a certificate ref (tls.mode is Passthrough)",
  "tests/broken/listener_duplicated.ts: apps/homelab/gateway/gateway-internal.yaml: Gateway gateway-internal: spec.listeners tls mode must be Terminate for protocol HTTPS (CRD gateway.networking.k8s.io/v1/Gateway, crds/gateway-api/v1.3.0)",
  "tests/broken/listener_duplicated.ts: apps/homelab/gateway/gateway-internal.yaml: Gateway gateway-internal: spec.listeners Combination of port, protocol and hostname must be unique for each listener (CRD gateway.networking.k8s.io/v1/Gateway, crds/gateway-api/v1.3.0)",
];
