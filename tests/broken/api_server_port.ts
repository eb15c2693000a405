// An API server port Omni never dials: Omni's load balancer reaches each control-plane node on
// 6443, and nothing Hydrate renders moves the API server, so the network document would be false.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, { apiServerPort: 8443 });

/** The rules it breaks. */
export const rules: string[] = ["kubeprism"];

export const expected: string[] = [
  "tests/broken/api_server_port.ts: apiServerPort: 8443 must be 6443: Omni reaches every control-plane node's API server on 6443, and KubePrism's backends are those",
];
