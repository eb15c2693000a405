/**
 * The cluster file's last-mile patches, merged onto the rendered resources.
 *
 * @module
 */
import { allResources, type Build } from "../model/build.ts";
import { deepMerge } from "../model/merge.ts";
import { error, type Problem } from "../model/problem.ts";
import type { Resource } from "../model/resource.ts";

/**
 * Applies the cluster file's last-mile patches to the rendered resources (deep
 * merge: objects merge, arrays replace, `append()`/`remove()` explicit). Every
 * patch must hit exactly one resource. The patched resources are then checked
 * like any other.
 */
export function applyPatches(build: Build): Problem[] {
  const problems: Problem[] = [];
  build.cluster.patches.forEach(({ target, patch }, i) => {
    const hits = allResources(build).filter(({ resource }) =>
      resource.kind === target.kind && resource.metadata.name === target.name &&
      (target.namespace === undefined || resource.metadata.namespace === target.namespace)
    );
    const what = `${target.kind} ${target.namespace ? `${target.namespace}/` : ""}${target.name}`;
    if (hits.length !== 1) {
      const where = hits.map((hit) => hit.path).join(", ");
      problems.push({
        rule: "patch-targets",
        ...error(
          `patches[${i}].target`,
          hits.length === 0
            ? `${what} matches no rendered resource`
            : `${what} matches ${hits.length} resources (${where}); name its namespace`,
        ),
      });
      return;
    }
    const patched = deepMerge(hits[0].resource, patch) as Resource;
    for (const component of build.components) {
      for (const placed of component.resources) {
        if (placed.resource === hits[0].resource) placed.resource = patched;
      }
    }
    hits[0].resource = patched;
  });
  return problems;
}
