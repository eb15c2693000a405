// Richer routes stated wrong: a redirect that also names a backend, a route without a backend or
// a redirect.
import { argocd, defineCluster, route } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  apps: {
    argocd: argocd({
      routes: [
        route({
          host: "cd",
          gateway: "internal",
          service: "argocd-server",
          port: 80,
          redirect: { hostname: "argocd.vanillax.me" },
        }),
        route({ host: "cd2", gateway: "internal" }),
      ],
    }),
  },
});

/** The rules it breaks. */
export const rules: string[] = ["schema"];

export const expected: string[] = [
  "tests/broken/routes_rich.ts: apps.argocd.routes[0].service: argocd-server must be left out with redirect (a redirect answers itself, no backend gets it)",
  "tests/broken/routes_rich.ts: apps.argocd.routes[0].port: 80 must be left out with redirect (a redirect answers itself, no backend gets it)",
  "tests/broken/routes_rich.ts: apps.argocd.routes[1].service: is required (or redirect)",
  "tests/broken/routes_rich.ts: apps.argocd.routes[1].port: is required (or redirect)",
];
