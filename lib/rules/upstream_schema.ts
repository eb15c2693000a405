/**
 * Rule 24: every rendered resource conforms to its upstream schema (the
 * `@kubernetes-models/*` packages: the Kubernetes API and the CRDs of Cilium, the
 * Gateway API, Argo CD and cert-manager).
 *
 * @module
 */
import { allResources, type Build } from "../model/build.ts";
import { error, type Problem } from "../model/problem.ts";
import { schemaViolations } from "../model/resource.ts";
import type { Rule } from "./rule.ts";

function built(build: Build): Problem[] {
  return allResources(build).flatMap(({ path, resource }) =>
    schemaViolations(resource).map((violation) =>
      error(path, `${violation} (upstream schema of ${resource.kind})`)
    )
  );
}

/** Rule 24. */
export const rule: Rule = {
  id: "upstream-schema",
  number: 24,
  statement:
    "every rendered resource (after the last-mile patches) conforms to its upstream schema; a kind without a known schema is refused",
  prevents: "the API server refuses it at sync",
  severity: "error",
  built,
};
