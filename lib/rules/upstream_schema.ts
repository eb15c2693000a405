/**
 * Rule 24: every rendered resource of Kubernetes' own API conforms to its
 * schema (the `kubernetes-models` package of the core API). Custom resources are
 * rule 30's (`crd-schema`), against the vendored CRDs of the installed versions.
 *
 * @module
 */
import { type Build, checkedResources } from "../model/build.ts";
import { error, type Problem } from "../model/problem.ts";
import { schemaViolations } from "../model/resource.ts";
import type { Rule } from "./rule.ts";

function built(build: Build): Problem[] {
  return checkedResources(build).flatMap(({ path, resource }) =>
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
    "every rendered resource of Kubernetes' own API (after the last-mile patches) conforms to its schema; a built-in kind without a known schema is refused",
  prevents: "the API server refuses it at sync",
  severity: "error",
  built,
};
