// Rule 34: an ExternalSecret reads a ClusterSecretStore nothing creates, another a SecretStore its
// namespace lacks, and two resources write one Secret. (Rule 27 lets the Secret keys' names
// through: `secretKey: "password"` names a key, it holds no password.)
import { defineCluster, externalSecret, manifestsApp, sealedSecret } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

const SEALED =
  "AgDG94U4nlIvpghRIxDCPn/c2VMbX3H9Hcd3Xn8vFblhKji/zkNPPdeBj2FglokZhxdesvbJtBta43Ni15xR+pNZURdzt9eQR8mRLnUjAjHFLFegmsAAGsmWzv0+Kv+Us8C1omRvyz0CHsFMihYdHHwIbHCgdGkhrTN/RE3RbrEJqjjrZVIc7VLyhZNWZvNuxXaz3f09D9S/o+2pWOyLZz/ABZbHLqpJ8DtGEgUDxnRMBx5NUaZmgezAVt1pUBvJKu0U8KSV5DkeKVwBZKCBMp3IOlJs29y/DGrCwbJLR1DQjLnNnzzRGeZc3vbfzzP1/cH+Uh6eN3KAuAhEpDvN6mwuSUMA6EsoMO2tBcGQfBzTfrcOc1OzGgHbH5ag8jCCmO6xJM5MHSLGbO8n8OFdvxxvDUnnbn4zlr6Ut6tg6wtLD7gh+bnAtfNXPW7rO9CR0OBoTrRQUWmGp6VFeiO0ShcOfJfp5pGxRcT6EJ0ZpDbD7TZDjkfNeWHgFLbDsEyLAmUmC8WbJH6p6P0Awq3IHdSZsgYEe3dukzA1aoWTrwp+cU8fJJedfd8Ql4qLuofsq2b3Q53n/Wq3n2WyPfqDB0L7QmpTlNGc0XfUXcnBOeo4ZqkdL1l2K8xF8C8ekWBOkBmf1Hq2SsgR6CqBZg9iLTJm9FpW9ZkPlRSd7ZtNQmqTSoRKWf6/5/fSx7l0Zh8H1yPlj8fPJ8P3hvf3OQ9mQHnmRqVb0EyW0Nk86czXVr8v0Qh0qA2z4S6Jc3fhmnRmsQ==";

export default defineCluster(homelab, {
  crds: {
    externalsecrets:
      "https://raw.githubusercontent.com/external-secrets/external-secrets/v2.9.0/config/crds/bases/external-secrets.io_externalsecrets.yaml",
    sealedsecrets:
      "https://raw.githubusercontent.com/bitnami-labs/sealed-secrets/v0.36.6/helm/sealed-secrets/crds/bitnami.com_sealedsecrets.yaml",
  },
  apps: {
    wiki: manifestsApp({
      namespace: "wiki",
      resources: [
        externalSecret({
          name: "wiki-db",
          store: "vault",
          data: { password: { key: "wiki/db", property: "password" } },
        }),
        externalSecret({
          name: "wiki-smtp",
          store: { kind: "SecretStore", name: "mail" },
          data: { "smtp-password": "wiki-smtp" },
        }),
        sealedSecret({ name: "wiki-db", encryptedData: { password: SEALED } }),
      ],
    }),
  },
});

/** The rules it breaks. */
export const rules: string[] = ["secret-stores"];

export const expected: string[] = [
  "tests/broken/external_secret_store_missing.ts: apps/homelab/wiki/externalsecret-wiki-db.yaml: ExternalSecret wiki/wiki-db reads ClusterSecretStore vault, which no app renders and secretStores does not name: the operator would never write its Secret",
  "tests/broken/external_secret_store_missing.ts: apps/homelab/wiki/externalsecret-wiki-smtp.yaml: ExternalSecret wiki/wiki-smtp reads SecretStore mail in namespace wiki, which no app renders there (a SecretStore serves its own namespace only): the operator would never write its Secret",
  "tests/broken/external_secret_store_missing.ts: apps/homelab/wiki/sealedsecret-wiki-db.yaml: SealedSecret wiki/wiki-db writes Secret wiki/wiki-db, which ExternalSecret wiki-db (apps/homelab/wiki/externalsecret-wiki-db.yaml) writes too: only one of them can own it",
];
