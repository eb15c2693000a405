// append() in a cluster that extends nothing: there is no list below it to append to.
import { append } from "../../mod.ts";

export default {
  name: "homelab",
  domain: "vanillax.me",
  git: { repoURL: "https://github.com/vanillax/homelab.git" },
  omni: { talosVersion: "v1.11.5", kubernetesVersion: "v1.34.1" },
  network: { nodes: "192.168.10.0/24", gateway: "192.168.10.1" },
  nodes: [{ name: "talos-cp-1", role: "controlplane", ip: "192.168.10.11" }],
  cilium: { l2: { interfaces: append("^bond[0-9]+") } },
  loadBalancer: {
    pools: { default: { blocks: [{ start: "192.168.10.49", stop: "192.168.10.50" }] } },
  },
  gateways: { internal: { address: "192.168.10.50" } },
  tls: { issuer: { name: "letsencrypt-prod" } },
};

/** The rules it breaks. */
export const rules: string[] = ["schema", "tls-issuer", "nodes"];

export const expected: string[] = [
  "tests/broken/append_without_base.ts: cilium.l2.interfaces: append() has no list to append to here: no layer below states this list (it extends a list a layer below states; a default is not extended: state the whole list)",
  "tests/broken/append_without_base.ts: tls.issuer: ClusterIssuer letsencrypt-prod is rendered by no app and has no acme settings: without it no Gateway gets a certificate and no HTTPS listener is programmed; add tls.issuer.acme, an app that renders it, or tls.issuer.external saying where it is created",
  "tests/broken/append_without_base.ts: omni.controlPlane.machineClass: is required: control-plane nodes talos-cp-1 have no machineId, so Omni picks them by class",
];
