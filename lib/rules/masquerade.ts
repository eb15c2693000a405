/**
 * Rule 11: BPF masquerading with kube-proxy replacement on Talos needs legacy host
 * routing.
 *
 * @module
 */
import type { Build } from "../model/build.ts";
import { error, type Problem } from "../model/problem.ts";
import { valueAt } from "../model/json.ts";
import type { Rule } from "./rule.ts";
import { ciliumPath, ciliumValuesOf } from "./_helpers.ts";

function built(build: Build): Problem[] {
  const values = ciliumValuesOf(build);
  const masquerade = valueAt(values, ["bpf", "masquerade"]) === true &&
    values.kubeProxyReplacement === true;
  if (!masquerade || valueAt(values, ["bpf", "hostLegacyRouting"]) === true) return [];
  return [
    error(
      ciliumPath(build, ["bpf", "masquerade"], "cilium.bpf.masquerade"),
      "true with kube-proxy replacement on Talos needs bpf.hostLegacyRouting: true (set cilium.bpf.hostLegacyRouting), or CoreDNS queries forwarded to the host time out",
    ),
  ];
}

/** Rule 11. */
export const rule: Rule = {
  id: "masquerade",
  number: 11,
  statement:
    "with `bpf.masquerade` and kube-proxy replacement on Talos, `bpf.hostLegacyRouting` is set",
  prevents: "CoreDNS queries forwarded to the host time out",
  severity: "error",
  built,
};
