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
export const rules: string[] = ["schema"];

export const expected: string[] = [
  "tests/broken/append_without_base.ts: cilium.l2.interfaces: append() has no list to append to here: it extends the list of a layer below (defineCluster, a catalog app)",
];
