/**
 * The catalog: the seed stack's apps (Argo CD, Longhorn, cert-manager), built
 * with the same builders a cluster file uses. Each takes an override, merged with
 * Jsonnet's semantics (objects merge, arrays replace, `append()`/`remove()` explicit).
 *
 * @module
 */
import type { HelmAppInput } from "../../model/schema.ts";
import { extend, type Override } from "../../model/merge.ts";
import { helmApp, route } from "../apps.ts";

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
 * Argo CD managing itself: fixed resource names (the route's `argocd-server`),
 * plain HTTP behind the Gateway that terminates TLS, and the Application health
 * check. Its public URL (`global.domain`) is derived from its first route.
 *
 * @example
 * ```ts
 * import { argocd } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const app = argocd({ chart: { version: "9.2.0" } });
 * assert.equal(app.chart.version, "9.2.0");
 * assert.equal(app.chart.chart, "argo-cd");
 * ```
 */
export function argocd(override: Override<HelmAppInput> = {}): HelmAppInput {
  return extend(
    helmApp({
      chart: {
        repoURL: "https://argoproj.github.io/argo-helm",
        chart: "argo-cd",
        version: "9.1.4",
      },
      namespace: "argocd",
      routes: [route({ host: "argocd", gateway: "internal", service: "argocd-server", port: 80 })],
      values: {
        fullnameOverride: "argocd",
        configs: {
          params: { "server.insecure": true },
          cm: { "resource.customizations.health.argoproj.io_Application": APPLICATION_HEALTH_LUA },
        },
      },
    }),
    override,
  );
}

/** The Talos system extensions Longhorn needs (iSCSI and the util-linux tools). */
export const LONGHORN_EXTENSIONS = ["siderolabs/iscsi-tools", "siderolabs/util-linux-tools"];

/**
 * Longhorn on Talos: its system extensions, the kubelet mount of its data
 * directory, a privileged namespace, and no pre-upgrade checker Job (which Argo
 * CD cannot run).
 *
 * @example
 * ```ts
 * import { longhorn } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const app = longhorn({ values: { persistence: { defaultClassReplicaCount: 2 } } });
 * assert.deepEqual(app.talos?.systemExtensions, ["siderolabs/iscsi-tools", "siderolabs/util-linux-tools"]);
 * ```
 */
export function longhorn(override: Override<HelmAppInput> = {}): HelmAppInput {
  return extend(
    helmApp({
      chart: { repoURL: "https://charts.longhorn.io", chart: "longhorn", version: "1.10.1" },
      namespace: "longhorn-system",
      routes: [
        route({ host: "longhorn", gateway: "internal", service: "longhorn-frontend", port: 80 }),
      ],
      values: { preUpgradeChecker: { jobEnabled: false } },
      namespaceLabels: { "pod-security.kubernetes.io/enforce": "privileged" },
      talos: {
        systemExtensions: LONGHORN_EXTENSIONS,
        patches: {
          longhorn: {
            machine: {
              kubelet: {
                extraMounts: [{
                  destination: "/var/lib/longhorn",
                  type: "bind",
                  source: "/var/lib/longhorn",
                  options: ["bind", "rshared", "rw"],
                }],
              },
            },
          },
        },
      },
    }),
    override,
  );
}

/**
 * cert-manager with its CRDs and Gateway API support, so it issues the
 * certificates the Gateways' issuer annotation asks for. The issuer comes from
 * `tls.issuer` (Hydrate's ACME issuer, an app of yours, or a stated place).
 *
 * @example
 * ```ts
 * import { certManager } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const app = certManager({ values: { replicaCount: 2 } });
 * assert.equal(app.namespace, "cert-manager");
 * assert.equal((app.values as { replicaCount: number }).replicaCount, 2);
 * ```
 */
export function certManager(override: Override<HelmAppInput> = {}): HelmAppInput {
  return extend(
    helmApp({
      chart: { repoURL: "https://charts.jetstack.io", chart: "cert-manager", version: "v1.19.1" },
      namespace: "cert-manager",
      values: {
        crds: { enabled: true },
        config: {
          apiVersion: "controller.config.cert-manager.io/v1alpha1",
          kind: "ControllerConfiguration",
          enableGatewayAPI: true,
        },
      },
    }),
    override,
  );
}
