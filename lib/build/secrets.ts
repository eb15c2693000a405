/**
 * Builders of secrets by reference, which a cluster file puts in an app's
 * `resources`: an External Secrets Operator `ExternalSecret` (the value stays in
 * the store, 1Password say, and the operator writes the Secret) and a Bitnami
 * `SealedSecret` (the value is committed encrypted, for the cluster's sealing key
 * only). Both are checked against their vendored CRDs like any resource, and by
 * rules `secret-stores` and `sealed-secrets`.
 *
 * @module
 */
import type { ResourceInput } from "../model/input.ts";

/** Where an `ExternalSecret` reads: a remote key, and a property of it (a 1Password item's field). */
export interface RemoteRef {
  /** The remote key (a 1Password item's title or ID, a path in Vault). */
  key: string;
  /** The property of it (a 1Password field's label); left out, the whole value. */
  property?: string;
}

/** An External Secrets Operator `ExternalSecret`, as `externalSecret()` takes it. */
export interface ExternalSecretSpec {
  /** The name of the ExternalSecret and of the Secret it writes. */
  name: string;
  /** Its namespace; left out, the app's (Argo CD's destination namespace). */
  namespace?: string;
  /** The store it reads: a `ClusterSecretStore` by name, or `{ kind: "SecretStore", name }` in its namespace. */
  store: string | { kind: "ClusterSecretStore" | "SecretStore"; name: string };
  /** The Secret's keys and where each is read: `"item"` (a remote key) or `{ key, property }`. */
  data: Record<string, string | RemoteRef>;
  /** How often the operator reads the store again (its default: `1h`). */
  refreshInterval?: string;
  /** The type of the Secret it writes (`kubernetes.io/dockerconfigjson`); left out, `Opaque`. */
  type?: string;
}

/**
 * An External Secrets Operator `ExternalSecret` (external-secrets.io/v1, served
 * from v0.17 on; external-secrets v2.9.0 apis/externalsecrets/v1/externalsecret_types.go):
 * the operator reads each key from the store and writes the Secret `name`.
 *
 * @example
 * ```ts
 * import { externalSecret } from "./secrets.ts";
 * import assert from "node:assert/strict";
 * const secret = externalSecret({
 *   name: "grafana-admin",
 *   store: "onepassword",
 *   data: { "admin-password": { key: "grafana", property: "password" } },
 * });
 * assert.deepEqual(secret.spec, {
 *   secretStoreRef: { kind: "ClusterSecretStore", name: "onepassword" },
 *   target: { name: "grafana-admin" },
 *   data: [{ secretKey: "admin-password", remoteRef: { key: "grafana", property: "password" } }],
 * });
 * ```
 */
export function externalSecret(spec: ExternalSecretSpec): ResourceInput {
  const store = typeof spec.store === "string"
    ? { kind: "ClusterSecretStore", name: spec.store }
    : { kind: spec.store.kind, name: spec.store.name };
  return {
    apiVersion: "external-secrets.io/v1",
    kind: "ExternalSecret",
    metadata: { name: spec.name, ...(spec.namespace ? { namespace: spec.namespace } : {}) },
    spec: {
      secretStoreRef: store,
      ...(spec.refreshInterval ? { refreshInterval: spec.refreshInterval } : {}),
      target: { name: spec.name, ...(spec.type ? { template: { type: spec.type } } : {}) },
      data: Object.entries(spec.data).map(([secretKey, ref]) => ({
        secretKey,
        remoteRef: typeof ref === "string" ? { key: ref } : { ...ref },
      })),
    },
  };
}

/** A Bitnami `SealedSecret`, as `sealedSecret()` takes it. */
export interface SealedSecretSpec {
  /** The name of the SealedSecret and of the Secret the controller unseals it to. */
  name: string;
  /** Its namespace; left out, the app's. It must be the namespace it was sealed for. */
  namespace?: string;
  /** The encrypted values by key, as `kubeseal` writes them (base64). */
  encryptedData: Record<string, string>;
  /** The type of the Secret it unseals to; left out, `Opaque`. */
  type?: string;
}

/**
 * A Bitnami `SealedSecret` (bitnami.com/v1alpha1; sealed-secrets v0.36.6
 * helm/sealed-secrets/crds/bitnami.com_sealedsecrets.yaml): values `kubeseal`
 * encrypted for the cluster's controller, which unseals them into the Secret `name`.
 *
 * @example
 * ```ts
 * import { sealedSecret } from "./secrets.ts";
 * import assert from "node:assert/strict";
 * const secret = sealedSecret({ name: "registry", encryptedData: { token: "AgB..." } });
 * assert.equal(secret.kind, "SealedSecret");
 * ```
 */
export function sealedSecret(spec: SealedSecretSpec): ResourceInput {
  return {
    apiVersion: "bitnami.com/v1alpha1",
    kind: "SealedSecret",
    metadata: { name: spec.name, ...(spec.namespace ? { namespace: spec.namespace } : {}) },
    spec: {
      encryptedData: { ...spec.encryptedData },
      ...(spec.type ? { template: { type: spec.type } } : {}),
    },
  };
}
