/**
 * Rule 2: while Cilium is the CNI, Talos installs none.
 *
 * @module
 */
import type { Build } from "../model/build.ts";
import { error, type Problem } from "../model/problem.ts";
import type { Rule } from "./rule.ts";
import { asJson, patchedValue } from "./_helpers.ts";

function built(build: Build): Problem[] {
  // Omni applies the cluster patches in order: an app's patch after ours would win.
  const { value, file } = patchedValue(build, ["cluster", "network", "cni"]);
  const cni = asJson(value);
  if (cni.name === "none" && cni.urls === undefined) return [];
  return [
    error(
      file ?? `${build.patchDir}/cni.yaml`,
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
