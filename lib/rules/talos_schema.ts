/**
 * Rule 31: every Talos machine-config patch (Hydrate's, and each one a cluster
 * file or app adds) names only fields the cluster's Talos version has. Talos
 * loads a patch and the config strictly and refuses a key its version does not
 * know (siderolabs/talos v1.11.5 `pkg/machinery/config/configpatcher/load.go`
 * LoadPatch, `configloader/internal/decoder/decoder.go`: `xyaml.CheckUnknownKeys`,
 * "unknown keys found during decoding"). Omni v1.10.4 checks a patch when it is
 * created (`client/pkg/omni/resources/omni/config_patch.go` ValidateConfigPatch)
 * but against the Talos machinery it was built with (v1.14), so a field of a
 * newer Talos passes Omni and the v1.11.5 node then refuses its config. Checked
 * against the vendored `config.schema.json` of the cluster's version, which
 * declares `additionalProperties: false` throughout.
 *
 * @module
 */
import { allPatches, type Build, type Patch } from "../model/build.ts";
import { error, type Problem } from "../model/problem.ts";
import { talosPatchViolations } from "../model/upstream/talos.ts";
import type { Upstream } from "../model/upstream/vendor.ts";
import { usableArtifacts } from "./_upstream.ts";
import type { Rule } from "./rule.ts";

/** The cluster-file field of an app's Talos patch; Hydrate's own patches are named by their file. */
function statedAt(build: Build, patch: Patch): string | undefined {
  if (patch.field) return patch.field;
  for (const [name, app] of Object.entries(build.cluster.apps)) {
    if (app.talos?.patches[patch.name] !== undefined) {
      return `apps.${name}.talos.patches.${patch.name}`;
    }
  }
  return undefined;
}

function pinned(build: Build, upstream: Upstream): Problem[] {
  const version = build.cluster.omni.talosVersion;
  const artifact = usableArtifacts(build, upstream).find((a) => a.dir === `talos/${version}`);
  const schema = artifact && upstream.json(`${artifact.dir}/config.schema.json`);
  if (!schema) return [];
  const patches: Patch[] = allPatches(build);
  return patches.flatMap((patch) => {
    const where = statedAt(build, patch) ?? `${build.patchDir}/${patch.file}`;
    return talosPatchViolations(schema, patch.body).map((violation) =>
      error(
        where,
        `${violation.path} ${violation.message} (Talos ${version} machine-config schema)`,
      )
    );
  });
}

/** Rule 31. */
export const rule: Rule = {
  id: "talos-schema",
  number: 31,
  statement: "every Talos patch names only machine-config fields the cluster's Talos version has",
  prevents:
    "Omni accepts the patch, then the node's Talos refuses the machine config and does not get it",
  severity: "error",
  upstream:
    "siderolabs/talos v1.11.5 pkg/machinery/config/schemas/config.schema.json, configpatcher/load.go, configloader/internal/decoder/decoder.go; siderolabs/omni v1.10.4 client/pkg/omni/resources/omni/config_patch.go",
  pinned,
};
