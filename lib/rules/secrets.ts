/**
 * Rule 27: nothing secret is committed. The rendered tree is committed to Git
 * and read by Argo CD (and the bootstrap ConfigMaps by anyone who can read
 * kube-system): a value that looks like a secret (under a key such as
 * `password` or `token`, or shaped like a private key or an API token) is
 * refused unless the cluster file marks its path in `notSecret`, and a `Secret`
 * with `data` or `stringData` is refused with the way to reference one instead.
 *
 * @module
 */
import type { ClusterConfig } from "../model/schema.ts";
import type { Build } from "../model/build.ts";
import { checkedResources } from "../model/build.ts";
import { error, type Problem } from "../model/problem.ts";
import type { Rule } from "./rule.ts";

/** Keys ending in one of these words hold secrets (case and separators ignored). */
const SECRET_KEY =
  /(password|passwd|passphrase|secretkey|secret|token|apikey|privatekey|accesskey|credential)s?$/;

/** A key whose secret word follows one of these names or points at a secret (`existingSecret`). */
const REFERENCE_PREFIX = /(existing|ref|name|file|path|use|create|enable|enabled)$/;

/** Values shaped like secrets, whatever their key. */
const SECRET_SHAPES: readonly [RegExp, string][] = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, "a private key"],
  [/^(gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,})$/, "a GitHub token"],
  [/^AKIA[0-9A-Z]{16}$/, "an AWS access key ID"],
  [/^xox[abprs]-[A-Za-z0-9-]{10,}$/, "a Slack token"],
  [/^eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}$/, "a JSON Web Token"],
];

const normalize = (key: string) => key.toLowerCase().replace(/[-_.]/g, "");

/** Why a value at `key` looks like a secret, or `undefined`. */
export function secretReason(key: string, value: unknown): string | undefined {
  if (typeof value !== "string" || value.trim() === "") return undefined;
  for (const [shape, what] of SECRET_SHAPES) if (shape.test(value)) return `is shaped like ${what}`;
  const name = normalize(key);
  const match = name.match(SECRET_KEY);
  if (!match || REFERENCE_PREFIX.test(name.slice(0, match.index))) return undefined;
  return `is under the key ${key}, which holds a secret`;
}

/** Every string leaf of a value that looks like a secret, by path. */
function findSecrets(value: unknown, path: string): { path: string; reason: string }[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => findSecrets(item, `${path}[${i}]`));
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const here = `${path}.${key}`;
    const reason = secretReason(key, child);
    return reason ? [{ path: here, reason }] : findSecrets(child, here);
  });
}

/**
 * A resource as the scan reads it: without what names or encrypts a secret rather
 * than holding one (a SealedSecret's ciphertext, rule 35's; an ExternalSecret's
 * `secretKey`, the name of a key of the Secret it writes).
 */
function scanned(resource: Record<string, unknown>): unknown {
  const spec = resource.spec as Record<string, unknown> | undefined;
  if (spec === undefined || typeof spec !== "object") return resource;
  if (resource.kind === "SealedSecret") {
    return { ...resource, spec: { ...spec, encryptedData: undefined } };
  }
  if (resource.kind === "ExternalSecret" && Array.isArray(spec.data)) {
    const data = spec.data.map((item) => ({ ...item, secretKey: undefined }));
    return { ...resource, spec: { ...spec, data } };
  }
  return resource;
}

function input(cluster: ClusterConfig): Problem[] {
  const allowed = new Set(cluster.notSecret);
  const places: [string, unknown][] = [
    ["cilium.values", cluster.cilium.values],
    ["patches", cluster.patches],
    ...Object.entries(cluster.apps).flatMap(([name, app]): [string, unknown][] => [
      [`apps.${name}.values`, app.kind === "helm" ? app.values : undefined],
      ...(app.kind === "helm" ? app.charts : []).map((extra, i): [string, unknown] => [
        `apps.${name}.charts[${i}].values`,
        extra.values,
      ]),
      [`apps.${name}.resources`, app.kind === "git" ? undefined : app.resources.map(scanned)],
      [`apps.${name}.talos.patches`, app.talos?.patches],
    ]),
  ];
  return places.flatMap(([path, value]) => findSecrets(value, path))
    .filter(({ path }) => !allowed.has(path))
    .map(({ path, reason }) =>
      error(
        path,
        `${reason}: the rendered tree is committed to Git. Reference it instead (an ExternalSecret, a SealedSecret, or a Secret created outside Git, named in the values), or, if it is no secret, list ${path} in notSecret`,
      )
    );
}

function built(build: Build): Problem[] {
  return checkedResources(build).filter(({ resource }) =>
    resource.kind === "Secret" && resource.apiVersion === "v1" &&
    (resource.data !== undefined || resource.stringData !== undefined)
  ).map(({ path, resource }) =>
    error(
      path,
      `Secret ${
        resource.metadata.namespace ?? "default"
      }/${resource.metadata.name} holds data, which would be committed to Git: reference a secret instead (an ExternalSecret, a SealedSecret, or a Secret created outside Git)`,
    )
  );
}

/** Rule 27. */
export const rule: Rule = {
  id: "secrets",
  number: 27,
  statement:
    "no value that looks like a secret (a key such as `password` or `token`, a private key or API token shape) unless its path is in `notSecret`; no `Secret` with `data` or `stringData`",
  prevents: "secrets committed to Git and copied into the bootstrap ConfigMaps",
  severity: "error",
  input,
  built,
};
