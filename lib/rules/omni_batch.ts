/**
 * Rule 18: Omni's batches apply to a new cluster. All `one-time` manifests of the
 * template are one batch, all `full` ones another; each must pass the staged dry
 * run of applyBatch against a cluster that has only what Kubernetes provides, or
 * Omni retries it forever and applies none of the failing stage (the CNI Job
 * included: nodes stay NotReady).
 *
 * @module
 */
import type { Build } from "../model/build.ts";
import { error, type Problem } from "../model/problem.ts";
import { resourceId } from "../model/resource.ts";
import type { Rule } from "./rule.ts";
import { applyBatch } from "./_omni_apply.ts";

function built(build: Build): Problem[] {
  const problems: Problem[] = [];
  const byPath = new Map(
    [
      ...build.resources.map((placed) => ({ path: placed.path, resources: [placed] })),
      ...build.bootstrap,
    ]
      .map((file) => [file.path, file.resources]),
  );
  for (const mode of ["one-time", "full"] as const) {
    const batch = build.manifests.filter((m) => m.mode === mode)
      .flatMap((manifest) => byPath.get(manifest.file) ?? []);
    const outcome = applyBatch(batch);
    if (outcome.failures.length === 0) continue;
    const held = outcome.heldBack.map(({ resource }) => resourceId(resource)).join(", ");
    for (const failure of outcome.failures) {
      problems.push(
        error(
          failure.path,
          `${
            resourceId(failure.resource)
          } fails Omni's dry run of the ${mode} manifests on a new cluster: ${failure.reason}. Omni retries the batch forever and applies none of stage ${outcome.failedStage}: ${held}`,
        ),
      );
    }
  }
  return problems;
}

/** Rule 18. */
export const rule: Rule = {
  id: "omni-batch",
  number: 18,
  statement:
    "every object of Omni's one-time batch (and of its full batch) passes a dry run on a new cluster: a built-in kind or one whose CRD an earlier stage of the batch applies, in a namespace that exists or that an earlier stage creates",
  prevents: "Omni retries the batch forever and applies none of it: no CNI, nodes NotReady",
  severity: "error",
  upstream:
    "siderolabs/omni v1.10.4 internal/backend/runtime/omni/controllers/omni/kubernetes/cluster_manifest_status.go; fluxcd/pkg ssa/v0.77.0 ssa/manager_apply.go (ApplyAllStaged, ApplyAll)",
  built,
};
