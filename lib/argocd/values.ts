/**
 * The Argo CD Helm values of a cluster.
 *
 * @module
 */
import type { ClusterConfig } from "../schema.ts";
import { deepMerge } from "../merge.ts";

/**
 * The health check that makes an Application report its own health, so that
 * sync waves of the app-of-apps wait for each wave's Applications to be Healthy
 * (Argo CD 1.8 removed it from the defaults).
 */
export const APPLICATION_HEALTH_LUA = `hs = {}
hs.status = "Progressing"
hs.message = ""
if obj.status ~= nil and obj.status.health ~= nil then
  hs.status = obj.status.health.status
  if obj.status.health.message ~= nil then
    hs.message = obj.status.health.message
  end
end
return hs
`;

/**
 * Builds the Argo CD values: fixed resource names (the route's `argocd-server`
 * whatever the release is called), served over plain HTTP behind the Gateway
 * (which terminates TLS), its public URL, and the Application health check.
 */
export function argocdValues(cluster: ClusterConfig): Record<string, unknown> {
  const app = cluster.apps.argocd;
  const values = {
    fullnameOverride: "argocd",
    global: { domain: app.route ? `${app.route.host}.${cluster.domain}` : undefined },
    configs: {
      params: { "server.insecure": true },
      cm: { "resource.customizations.health.argoproj.io_Application": APPLICATION_HEALTH_LUA },
    },
  };
  return deepMerge(values, app.values);
}
