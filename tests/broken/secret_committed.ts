// Rule 27: a password in Helm values and a private key in a ConfigMap would be committed to Git;
// a reviewed path in notSecret passes, and a reference to a Secret (existingSecret) is no secret.
import { defineCluster, helmApp, manifestsApp } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  notSecret: ["apps.grafana.values.auth.token"],
  apps: {
    grafana: helmApp({
      chart: {
        repoURL: "https://grafana.github.io/helm-charts",
        chart: "grafana",
        version: "10.1.4",
      },
      namespace: "monitoring",
      values: {
        adminPassword: "hunter2",
        admin: { existingSecret: "grafana-admin" },
        auth: { token: "anonymous" },
      },
    }),
    certs: manifestsApp({
      namespace: "certs",
      resources: [
        {
          apiVersion: "v1",
          kind: "ConfigMap",
          metadata: { name: "ca", namespace: "certs" },
          data: {
            "ca.key": "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----\n",
          },
        },
      ],
    }),
  },
});

/** The rules it breaks. */
export const rules: string[] = ["secrets"];

export const expected: string[] = [
  "tests/broken/secret_committed.ts: apps.grafana.values.adminPassword: is under the key adminPassword, which holds a secret: the rendered tree is committed to Git. Reference it instead (an ExternalSecret, a SealedSecret, or a Secret created outside Git, named in the values), or, if it is no secret, list apps.grafana.values.adminPassword in notSecret",
  "tests/broken/secret_committed.ts: apps.certs.resources[0].data.ca.key: is shaped like a private key: the rendered tree is committed to Git. Reference it instead (an ExternalSecret, a SealedSecret, or a Secret created outside Git, named in the values), or, if it is no secret, list apps.certs.resources[0].data.ca.key in notSecret",
];
