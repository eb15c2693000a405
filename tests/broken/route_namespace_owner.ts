// A route in another app's namespace, synced before that app creates the namespace: Argo CD's
// sync of the route would fail on a namespace not found.
import { argocd, defineCluster, route } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  apps: {
    argocd: argocd({
      routes: [
        route({ host: "argocd", gateway: "internal", service: "argocd-server", port: 80 }),
        route({
          host: "volumes",
          gateway: "internal",
          namespace: "longhorn-system",
          service: "longhorn-frontend",
          port: 80,
        }),
      ],
    }),
  },
});

/** The rules it breaks. */
export const rules: string[] = ["apps"];

export const expected: string[] = [
  "tests/broken/route_namespace_owner.ts: apps.argocd.routes[1].namespace: longhorn-system is the namespace of app longhorn, which creates it when it syncs: add longhorn to dependsOn",
];
