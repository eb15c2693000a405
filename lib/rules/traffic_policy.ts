/**
 * Rule 10: the Gateways' Services keep `externalTrafficPolicy: Cluster` under L2
 * announcements.
 *
 * @module
 */
import type { Build } from "../model/build.ts";
import { type Problem, warning } from "../model/problem.ts";
import { valueAt } from "../model/json.ts";
import type { Rule } from "./rule.ts";
import { ciliumValuesOf } from "./_helpers.ts";

function built(build: Build): Problem[] {
  const values = ciliumValuesOf(build);
  const local = valueAt(values, ["gatewayAPI", "externalTrafficPolicy"]) === "Local";
  if (!local || valueAt(values, ["l2announcements", "enabled"]) !== true) return [];
  return [
    warning(
      "cilium.values.gatewayAPI.externalTrafficPolicy",
      "Local with L2 announcements drops traffic whenever the announcing node runs no Envoy backend; use Cluster",
    ),
  ];
}

/** Rule 10. */
export const rule: Rule = {
  id: "traffic-policy",
  number: 10,
  statement: "`externalTrafficPolicy: Local` is not combined with L2 announcements",
  prevents: "traffic dropped when the announcing node runs no backend",
  severity: "warning",
  built,
};
