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
  const patched = patchedValue(build, ["cluster", "proxy", "disabled"]);
  const disabled = patched.value;
  if ((kpr === true) === (disabled === true)) return [];
  // Blame an app's patch that overrides Hydrate's, else the Cilium setting.
  const ours = `${build.patchDir}/disable-kube-proxy.yaml`;
  const culprit = patched.file && patched.file !== ours && kpr === true ? patched.file : undefined;
  const why =
    'kube-proxy must be disabled exactly when Cilium replaces it (otherwise both bind the same ports: "address already in use")';
  if (culprit) {
    return [
      error(
        culprit,
        `sets cluster.proxy.disabled: ${
          JSON.stringify(disabled)
        } after Hydrate's disable-kube-proxy patch (Omni applies them in order), while Cilium replaces kube-proxy: ${why}`,
      ),
    ];
  }
  return [
    error(
      ciliumPath(build, ["kubeProxyReplacement"], "cilium.kubeProxyReplacement"),
      `${JSON.stringify(kpr)} disagrees with Omni (kube-proxy ${
        disabled === true ? "disabled" : "running"
      }): ${why}`,
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
