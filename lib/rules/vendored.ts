/**
 * Rule 28: every upstream artifact the cluster pins is vendored. The
 * version-true checks read the chart, CRDs and Talos schema of the exact
 * versions the cluster installs from `vendor/`, never from the network: a
 * version that is not there, a chart vendored from another repository, or a
 * vendored file that no longer matches its sha256 in `vendor/lock.json` stops
 * the render with the command that fixes it.
 *
 * @module
 */
import type { Build } from "../model/build.ts";
import { error } from "../model/problem.ts";
import type { Upstream } from "../model/upstream/vendor.ts";
import { pinnedArtifacts } from "./_upstream.ts";
import type { Rule } from "./rule.ts";

/** Rule 28. */
export const rule: Rule = {
  id: "vendored",
  number: 28,
  statement:
    "every chart, CRD set and Talos schema the cluster pins is in vendor/, as vendor/lock.json records it",
  prevents: "checks against other versions than the cluster installs, or none at all",
  severity: "error",
  pinned: (build: Build, upstream: Upstream) =>
    pinnedArtifacts(build).flatMap((artifact) => {
      const why = upstream.unusable(artifact);
      return why ? [error(artifact.pinnedAt, why)] : [];
    }),
};
