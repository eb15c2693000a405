/**
 * What the version-true rules share: the vendored artifacts of a build that
 * rule `vendored` found usable (the others are its problems, not theirs).
 *
 * @module
 */
import type { Build } from "../model/build.ts";
import type { Artifact, Upstream } from "../model/upstream/vendor.ts";
import { vendorPlan } from "../build/vendor_plan.ts";

/** The build's pinned artifacts that are vendored and intact. */
export function usableArtifacts(build: Build, upstream: Upstream): Artifact[] {
  return vendorPlan(build.cluster, build.components).filter((artifact) =>
    !upstream.unusable(artifact)
  );
}
