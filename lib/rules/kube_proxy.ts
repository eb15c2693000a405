/**
 * Rule 1: kube-proxy is disabled in Omni exactly when Cilium replaces it.
 *
 * @module
 */
import type { Build } from "../model/build.ts";
import { error, type Problem } from "../model/problem.ts";
import type { Rule } from "./rule.ts";
import { ciliumPath, ciliumValuesOf, patchedValue } from "./_helpers.ts";

function built(build: Build): Problem[] {
  const kpr = ciliumValuesOf(build).kubeProxyReplacement;
  // Omni applies the cluster patches in order: the last one that sets the field wins.
  const disabled = patchedValue(build, ["cluster", "proxy", "disabled"]).value;
  if ((kpr === true) === (disabled === true)) return [];
  return [
    error(
      ciliumPath(build, ["kubeProxyReplacement"], "cilium.kubeProxyReplacement"),
      `${JSON.stringify(kpr)} disagrees with Omni (kube-proxy ${
        disabled === true ? "disabled" : "running"
      }): kube-proxy must be disabled exactly when Cilium replaces it (otherwise both bind the same ports: "address already in use")`,
    ),
  ];
}

/** Rule 1. */
export const rule: Rule = {
  id: "kube-proxy",
  number: 1,
  statement: "kube-proxy is disabled in Omni exactly when Cilium's `kubeProxyReplacement` is true",
  prevents: 'both bind health-check ports: "bind: address already in use", 503s',
  severity: "error",
  built,
};
