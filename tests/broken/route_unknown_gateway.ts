// Rule 13: a route on a Gateway the cluster does not have.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  apps: {
    longhorn: {
      routes: [{ host: "longhorn", gateway: "dmz", service: "longhorn-frontend", port: 80 }],
    },
  },
});

/** The rules it breaks. */
export const rules: string[] = ["route-attachment"];

export const expected: string[] = [
  "tests/broken/route_unknown_gateway.ts: apps.longhorn.routes[0].gateway: dmz is not a Gateway of this cluster (gateways: external, internal)",
];
