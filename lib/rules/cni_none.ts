/**
 * Rule 2: while Cilium is the CNI, Talos installs none.
 *
 * @module
 */
import type { Build } from "../model/build.ts";
import { error, type Problem } from "../model/problem.ts";
import { valueAt } from "../model/json.ts";
import type { Rule } from "./rule.ts";
import { asJson, patchBody } from "./_helpers.ts";

function built(build: Build): Problem[] {
  const cni = asJson(valueAt(patchBody(build, "cni"), ["cluster", "network", "cni"]));
  if (cni.name === "none" && cni.urls === undefined) return [];
  return [
    error(
      `${build.patchDir}/cni.yaml`,
      `cluster.network.cni must be { name: none } with no urls while Cilium is the CNI (Talos would install its own)`,
    ),
  ];
}

/** Rule 2. */
export const rule: Rule = {
  id: "cni-none",
  number: 2,
  statement: "the CNI patch is `cni.name: none` with no URLs",
  prevents: "Talos installs Flannel beside Cilium",
  severity: "error",
  built,
};
