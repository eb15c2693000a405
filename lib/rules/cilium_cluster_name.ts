/**
 * Rule 25: Cilium's `cluster.name` is one Cilium accepts.
 *
 * @module
 */
import type { Build } from "../model/build.ts";
import { error, type Problem } from "../model/problem.ts";
import { valueAt } from "../model/json.ts";
import type { Rule } from "./rule.ts";
import { ciliumPath, ciliumValuesOf } from "./_helpers.ts";

function built(build: Build): Problem[] {
  const name = valueAt(ciliumValuesOf(build), ["cluster", "name"]);
  if (typeof name === "string" && /^[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?$/.test(name)) return [];
  return [
    error(
      ciliumPath(build, ["cluster", "name"], "name"),
      `${
        JSON.stringify(name)
      } is not a valid Cilium cluster.name (lowercase letters, digits and '-', at most 32 characters)`,
    ),
  ];
}

/** Rule 25. */
export const rule: Rule = {
  id: "cilium-cluster-name",
  number: 25,
  statement: "Cilium `cluster.name` is lowercase letters, digits and `-`, at most 32 characters",
  prevents: "the Cilium agent refuses to start",
  severity: "error",
  built,
};
