/**
 * Rule 34: an ExternalSecret reads a store that exists. The External Secrets
 * Operator looks `secretStoreRef` up when it syncs: a `ClusterSecretStore` by
 * name, else (the kind's default) a `SecretStore` in the ExternalSecret's own
 * namespace (external-secrets v2.9.0 pkg/controllers/secretstore/client_manager.go,
 * getStore); a store no one creates leaves the Secret never written. And no two
 * of the cluster's resources write one Secret: the operator refuses a Secret
 * another ExternalSecret owns ("target is owned by another ExternalSecret",
 * pkg/controllers/externalsecret/externalsecret_controller.go), the sealed-secrets
 * controller one it does not manage (sealed-secrets v0.36.6 pkg/controller/controller.go).
 *
 * @module
 */
import type { Build, PlacedResource } from "../model/build.ts";
import { error, type Problem } from "../model/problem.ts";
import type { Rule } from "./rule.ts";

interface Placed extends PlacedResource {
  /** The rendered file, relative to the repository root. */
  path: string;
  namespace: string;
}

/** Every resource of the components' folders and of the folders Git apps sync, with its namespace. */
function placed(build: Build): Placed[] {
  return [
    ...build.components.flatMap((component) =>
      component.resources.map((entry) => ({
        ...entry,
        path: `apps/${build.cluster.name}/${component.name}/${entry.file}`,
        namespace: (entry.resource.metadata.namespace as string | undefined) ?? component.namespace,
      }))
    ),
    ...(build.synced ?? []).map(({ path, resource }) => ({
      file: path,
      resource,
      path,
      namespace: resource.metadata.namespace ?? "",
    })),
  ];
}

function storeProblems(build: Build, all: Placed[]): Problem[] {
  const stores = new Set(
    all.filter((e) => e.resource.kind === "SecretStore").map((e) =>
      `${e.namespace}/${e.resource.metadata.name}`
    ),
  );
  const clusterStores = new Set([
    ...all.filter((e) => e.resource.kind === "ClusterSecretStore").map((e) =>
      e.resource.metadata.name
    ),
    ...Object.keys(build.cluster.secretStores),
  ]);
  return all.filter((e) => e.resource.kind === "ExternalSecret").flatMap((entry) => {
    const spec = entry.resource.spec as { secretStoreRef?: { kind?: string; name?: string } };
    const ref = spec?.secretStoreRef;
    if (ref?.name === undefined) return [];
    const cluster = ref.kind === "ClusterSecretStore";
    const found = cluster
      ? clusterStores.has(ref.name)
      : stores.has(`${entry.namespace}/${ref.name}`);
    if (found) return [];
    const what = cluster
      ? `ClusterSecretStore ${ref.name}, which no app renders and secretStores does not name`
      : `SecretStore ${ref.name} in namespace ${entry.namespace}, which no app renders there (a SecretStore serves its own namespace only)`;
    return [
      error(
        entry.path,
        `ExternalSecret ${entry.namespace}/${entry.resource.metadata.name} reads ${what}: the operator would never write its Secret`,
      ),
    ];
  });
}

/** The Secret a resource writes, when it writes one. */
function writtenSecret(entry: Placed): string | undefined {
  const spec = entry.resource.spec as { target?: { name?: string } } | undefined;
  if (entry.resource.kind === "ExternalSecret") {
    return spec?.target?.name ?? entry.resource.metadata.name;
  }
  if (entry.resource.kind === "SealedSecret") return entry.resource.metadata.name;
  return undefined;
}

function writerProblems(all: Placed[]): Problem[] {
  const writers = new Map<string, Placed>();
  return all.flatMap((entry) => {
    const name = writtenSecret(entry);
    if (name === undefined) return [];
    const key = `${entry.namespace}/${name}`;
    const first = writers.get(key);
    if (first === undefined) return (writers.set(key, entry), []);
    return [
      error(
        entry.path,
        `${entry.resource.kind} ${entry.namespace}/${entry.resource.metadata.name} writes Secret ${key}, which ${first.resource.kind} ${first.resource.metadata.name} (${first.path}) writes too: only one of them can own it`,
      ),
    ];
  });
}

function built(build: Build): Problem[] {
  const all = placed(build);
  return [...storeProblems(build, all), ...writerProblems(all)];
}

/** Rule 34. */
export const rule: Rule = {
  id: "secret-stores",
  number: 34,
  statement:
    "an ExternalSecret's store is rendered (a `SecretStore` in its namespace, a `ClusterSecretStore` anywhere) or named in `secretStores`; no two ExternalSecrets or SealedSecrets write one Secret",
  prevents: "an ExternalSecret that never syncs; two controllers fighting over one Secret",
  severity: "error",
  upstream:
    "external-secrets/external-secrets v2.9.0 pkg/controllers/secretstore/client_manager.go (getStore)",
  built,
};
