/**
 * Rule 35: a SealedSecret holds what `kubeseal` writes. Each value of
 * `encryptedData` is standard base64 of a 2-byte length, an RSA-OAEP encrypted
 * session key of that length, and the AES-GCM sealed value with its 16-byte tag
 * (sealed-secrets v0.36.6 pkg/crypto/crypto.go, HybridEncrypt and singleDecrypt;
 * pkg/apis/sealedsecrets/v1alpha1/sealedsecret_expansion.go decodes it with
 * base64.StdEncoding). Anything else, a plain value most of all, never unseals,
 * and a plain value is then committed to Git.
 *
 * @module
 */
import { type Build, checkedResources } from "../model/build.ts";
import { error, type Problem } from "../model/problem.ts";
import type { Rule } from "./rule.ts";

/** The smallest RSA key kubeseal's controller would use (1024 bits) encrypts to 128 bytes. */
const MIN_RSA_BYTES = 128;
const GCM_TAG_BYTES = 16;

/** Why a value is not kubeseal's output, or `undefined` when it may be. */
export function notSealed(value: unknown): string | undefined {
  if (typeof value !== "string") return "is not a string";
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 !== 0) {
    return "is not base64, so it was not sealed";
  }
  const bytes = Uint8Array.from(atob(value), (c) => c.charCodeAt(0));
  const rsa = bytes.length >= 2 ? (bytes[0] << 8) | bytes[1] : 0;
  if (rsa < MIN_RSA_BYTES || bytes.length < 2 + rsa + GCM_TAG_BYTES) {
    return `is ${bytes.length} bytes of base64, too short to be an RSA-sealed session key and a sealed value`;
  }
  return undefined;
}

function built(build: Build): Problem[] {
  return checkedResources(build).filter(({ resource }) => resource.kind === "SealedSecret")
    .flatMap(({ path, resource }) => {
      const data = (resource.spec as { encryptedData?: Record<string, unknown> } | undefined)
        ?.encryptedData ?? {};
      return Object.entries(data).flatMap(([key, value]) => {
        const why = notSealed(value);
        return why === undefined ? [] : [
          error(
            path,
            `SealedSecret ${resource.metadata.name}: encryptedData.${key} ${why}: seal it with kubeseal for this cluster's controller (never commit the plain value)`,
          ),
        ];
      });
    });
}

/** Rule 35. */
export const rule: Rule = {
  id: "sealed-secrets",
  number: 35,
  statement:
    "each `encryptedData` value of a SealedSecret is kubeseal's output: base64 of an RSA-sealed session key and an AES-GCM sealed value",
  prevents: "a SealedSecret that never unseals, or a plain value committed to Git",
  severity: "error",
  upstream: "bitnami-labs/sealed-secrets v0.36.6 pkg/crypto/crypto.go (HybridEncrypt)",
  built,
};
