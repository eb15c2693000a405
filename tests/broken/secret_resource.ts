// Rule 27: a Secret with data would be committed to Git: it must be referenced instead.
import { defineCluster, manifestsApp } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  apps: {
    db: manifestsApp({
      namespace: "db",
      resources: [{
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: "db", namespace: "db" },
        stringData: { url: "postgres://db" },
      }],
    }),
  },
});

/** The rules it breaks. */
export const rules: string[] = ["secrets"];

export const expected: string[] = [
  "tests/broken/secret_resource.ts: apps/homelab/db/secret-db.yaml: Secret db/db holds data, which would be committed to Git: reference a secret instead (an ExternalSecret, a SealedSecret, or a Secret created outside Git)",
];
