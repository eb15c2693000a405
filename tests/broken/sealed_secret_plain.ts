// Rule 35: a SealedSecret holds a value that kubeseal never sealed: base64 of the plain
// token, and a plain word (committed to Git either way).
import { defineCluster, manifestsApp, sealedSecret } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  crds: {
    sealedsecrets:
      "https://raw.githubusercontent.com/bitnami-labs/sealed-secrets/v0.36.6/helm/sealed-secrets/crds/bitnami.com_sealedsecrets.yaml",
  },
  apps: {
    registry: manifestsApp({
      namespace: "registry",
      resources: [
        sealedSecret({
          name: "registry-token",
          encryptedData: { token: btoa("registry-token-123"), user: "admin" },
        }),
      ],
    }),
  },
});

/** The rules it breaks. */
export const rules: string[] = ["sealed-secrets"];

export const expected: string[] = [
  "tests/broken/sealed_secret_plain.ts: apps/homelab/registry/sealedsecret-registry-token.yaml: SealedSecret registry-token: encryptedData.token is 18 bytes of base64, too short to be an RSA-sealed session key and a sealed value: seal it with kubeseal for this cluster's controller (never commit the plain value)",
  "tests/broken/sealed_secret_plain.ts: apps/homelab/registry/sealedsecret-registry-token.yaml: SealedSecret registry-token: encryptedData.user is not base64, so it was not sealed: seal it with kubeseal for this cluster's controller (never commit the plain value)",
];
