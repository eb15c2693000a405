/**
 * What each Omni release does with a cluster template: which template features
 * it has, how it resolves the `file:` paths of patches and manifests, and which
 * config-patch fields it refuses. Read in siderolabs/omni at the tags named.
 *
 * @module
 */
import { posix } from "node:path";

/** A template feature and the first Omni release that has it. */
export interface OmniFeature {
  since: string;
  what: string;
  /** Where the behaviour is read in siderolabs/omni. */
  source: string;
}

/** Template features Hydrate uses, by the release that introduced them. */
export const OMNI_FEATURES = {
  /** omni v1.7.0 client/pkg/template/internal/models/kubernetes_manifest.go (v1.6.6's KubernetesCluster has only `version`; decoding is strict, KnownFields(true)). */
  manifests: {
    since: "v1.7.0",
    what: "kubernetes.manifests in cluster templates",
    source: "siderolabs/omni v1.7.0 client/pkg/template/internal/models/kubernetes_manifest.go",
  },
  /** omni client/v1.8.0 client/pkg/template/template.go (Load resolves against the template's directory). */
  templateRelativePaths: {
    since: "v1.8.0",
    what: "file paths resolved against the template's own folder",
    source: "siderolabs/omni client/v1.8.0 client/pkg/template/template.go",
  },
  /** omni v1.9.0 client/pkg/template/internal/models/machineset.go (MachineSet.SystemExtensions; v1.8's has none, and decoding is strict). */
  machineSetExtensions: {
    since: "v1.9.0",
    what: "systemExtensions of a machine set",
    source: "siderolabs/omni v1.9.0 client/pkg/template/internal/models/machineset.go",
  },
} as const satisfies Record<string, OmniFeature>;

function parts(version: string): number[] {
  return version.replace(/^v/, "").split(/[.-]/).slice(0, 3).map(Number);
}

/**
 * Whether Omni `version` is at least `since` (major, minor, patch; a pre-release counts as its release).
 *
 * @example
 * ```ts
 * import { atLeast } from "./version.ts";
 * import assert from "node:assert/strict";
 * assert.ok(atLeast("v1.10.4", "v1.8.0"));
 * assert.ok(!atLeast("v1.7.3", "v1.8.0"));
 * ```
 */
export function atLeast(version: string, since: string): boolean {
  const a = parts(version);
  const b = parts(since);
  for (let i = 0; i < 3; i++) {
    if (a[i] !== b[i]) return a[i] > b[i];
  }
  return true;
}

/** Where `omnictl cluster template` resolves a relative `file:` path of a template. */
export interface FileResolution {
  /** The path relative to the repository root, when Omni can read it. */
  path?: string;
  /** Why Omni cannot. */
  reason?: string;
}

/**
 * Resolves a template's `file:` as `omnictl cluster template validate|sync` at
 * `version` does, run from the repository root with the default `--allowed-dir`.
 *
 * - From v1.8.0 (siderolabs/omni client/v1.8.0 client/pkg/template/template.go,
 *   internal/models/models.go `FileContext`): a relative path joins the template
 *   file's directory; `--allowed-dir` defaults to `./` of that directory and is an
 *   `os.Root`, so a path that leaves it fails ("path escapes from parent").
 * - Before (client/v1.7.3 internal/models/patch.go `os.ReadFile(patch.File)`):
 *   relative to the working directory, the repository root here.
 *
 * @example
 * ```ts
 * import { resolveTemplateFile } from "./version.ts";
 * import assert from "node:assert/strict";
 * const template = "omni/homelab/cluster-template.yaml";
 * assert.deepEqual(resolveTemplateFile("v1.10.4", template, "patches/cni.yaml"), {
 *   path: "omni/homelab/patches/cni.yaml",
 * });
 * assert.match(resolveTemplateFile("v1.10.4", template, "../x.yaml").reason!, /escapes/);
 * ```
 */
export function resolveTemplateFile(
  version: string,
  templatePath: string,
  file: string,
): FileResolution {
  if (posix.isAbsolute(file)) {
    return { reason: `${file} is absolute: it names a file of the machine omnictl runs on` };
  }
  if (!atLeast(version, OMNI_FEATURES.templateRelativePaths.since)) {
    const path = posix.normalize(file);
    return path.startsWith("../") || path === ".."
      ? { reason: `${file} leaves the repository root omnictl runs from` }
      : { path };
  }
  const dir = posix.dirname(templatePath);
  const path = posix.normalize(posix.join(dir, file));
  if (!path.startsWith(`${dir}/`)) {
    return {
      reason:
        `${file} escapes the template's folder ${dir}/, the only one omnictl ${version} reads by default (--allowed-dir ./): "path escapes from parent"`,
    };
  }
  return { path };
}

/**
 * How a template names one of its files: relative to the template's folder from
 * v1.8.0, relative to the repository root (where omnictl then has to run) before.
 */
export function templateFileRef(version: string, templatePath: string, path: string): string {
  return atLeast(version, OMNI_FEATURES.templateRelativePaths.since)
    ? posix.relative(posix.dirname(templatePath), path)
    : path;
}

/**
 * The config-patch fields Omni refuses at `version` ("overriding %q is not
 * allowed in the config patch"): siderolabs/omni v1.10.4
 * client/pkg/omni/resources/omni/config_patch.go `forbiddenFields`, the same for
 * cluster, machine-set and machine patches. v1.10.0 added `cluster.ca` and
 * `cluster.serviceAccount`. `machine.install.disk` is allowed in every release
 * up to v1.10.4 (a real Talos cluster on Omni sets it).
 */
export function omniForbiddenFields(version: string): string[] {
  return [
    "cluster.clusterName",
    "cluster.id",
    "cluster.controlPlane.endpoint",
    "cluster.token",
    "cluster.secret",
    "cluster.aescbcEncryptionSecret",
    "cluster.secretboxEncryptionSecret",
    ...(atLeast(version, "v1.10.0") ? ["cluster.ca"] : []),
    "cluster.acceptedCAs",
    ...(atLeast(version, "v1.10.0") ? ["cluster.serviceAccount"] : []),
    "machine.token",
    "machine.ca",
    "machine.type",
    "machine.install.extensions",
    "machine.acceptedCAs",
  ];
}

/**
 * List elements Omni refuses in a config patch ("element %q is not allowed in
 * field %q"): siderolabs/omni config_patch.go `forbiddenSliceElements`, the same
 * from v1.7.3 to v1.10.4 (the Talos API role that would give a workload full
 * control of the machines).
 */
export function omniForbiddenElements(_version: string): { field: string; element: string }[] {
  return [{ field: "machine.features.kubernetesTalosAPIAccess.allowedRoles", element: "os:admin" }];
}
