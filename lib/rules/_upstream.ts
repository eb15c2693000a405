/**
 * What the version-true rules share: the artifacts a build pins, planned once
 * per build, and those of them that rule `vendored` found usable (the others are
 * its problems, not theirs).
 *
 * @module
 */
import type { Build } from "../model/build.ts";
import type { Artifact, Upstream } from "../model/upstream/vendor.ts";
import { vendorPlan } from "../build/vendor_plan.ts";

const PLANS = new WeakMap<Build, Artifact[]>();

/** The artifacts a build pins (planned once, whichever rule asks first). */
export function pinnedArtifacts(build: Build): Artifact[] {
  let plan = PLANS.get(build);
  if (!plan) PLANS.set(build, plan = vendorPlan(build.cluster, build.components));
  return plan;
}

/** The build's pinned artifacts that are vendored and intact. */
export function usableArtifacts(build: Build, upstream: Upstream): Artifact[] {
  return pinnedArtifacts(build).filter((artifact) => !upstream.unusable(artifact));
}
