/**
 * Rule 20: what Hydrate asks of Cilium is what Cilium 1.18 does. L2 announcements:
 * Documentation/network/l2-announcements.rst (v1.18) "Prerequisites: Kube Proxy
 * replacement mode must be enabled". Gateway API: operator/pkg/gateway-api/cell.go
 * (v1.18) starts no controller without kube-proxy replacement or NodePort, and only
 * logs a warning. Session persistence: no Gateway API code of Cilium 1.18 reads
 * HTTPRoute `sessionPersistence`, and its Envoy clusters balance round robin
 * (operator/pkg/model/translation/envoy_cluster.go). Values keys no template
 * reads are rule 29's (`helm-values`), against the vendored chart.
 *
 * @module
 */
import type { ClusterConfig } from "../model/schema.ts";
import type { Build } from "../model/build.ts";
import { error, formatValue, type Problem } from "../model/problem.ts";
import { valueAt } from "../model/json.ts";
import { parseDuration } from "../model/duration.ts";
import { CONNTRACK_OPTIONS, conntrackOptions } from "../build/cilium/values.ts";
import type { Rule } from "./rule.ts";
import { asJson, ciliumPath, ciliumValuesOf, type Json } from "./_helpers.ts";

function input(cluster: ClusterConfig): Problem[] {
  const problems: Problem[] = [];
  const { cilium } = cluster;
  if (!cilium.kubeProxyReplacement) {
    problems.push(
      error(
        "cilium.kubeProxyReplacement",
        `false would leave L2 announcements and the Gateways without kube-proxy replacement, which Cilium ${cilium.chart.version} needs for both (its documentation makes it a prerequisite of L2 announcements; its operator does not start the Gateway API controller without it or NodePort, and only logs a warning)`,
      ),
    );
  }
  const affinity = cilium.gatewayAPI.sessionAffinityTimeoutSeconds;
  if (affinity !== undefined) {
    problems.push(
      error(
        "cilium.gatewayAPI.sessionAffinityTimeoutSeconds",
        `${affinity} cannot be delivered: Cilium ${cilium.chart.version}'s Gateway API has no session persistence (Envoy balances every request round robin), and the chart reads no gatewayAPI.sessionAffinity value; remove it (kube-proxy replacement still honours a Service's own sessionAffinity: ClientIP; behind a Gateway, Envoy picks the backend itself)`,
      ),
    );
  }
  return problems;
}

function built(build: Build): Problem[] {
  const values = ciliumValuesOf(build);
  const kpr = values.kubeProxyReplacement;
  const problems = kpr === true || !build.cluster.cilium.kubeProxyReplacement ? [] : [
    error(
      ciliumPath(build, ["kubeProxyReplacement"], "cilium.kubeProxyReplacement"),
      `${
        JSON.stringify(kpr)
      } must be true: L2 announcements and Cilium's Gateway API need kube-proxy replacement`,
    ),
  ];
  return [...problems, ...extraConfigRules(build, values)];
}

/**
 * The chart writes `extraConfig` verbatim into the cilium-config ConfigMap
 * (cilium-1.18.4.tgz templates/cilium-configmap.yaml, `toYaml .Values.extraConfig`):
 * every value must be a string (ConfigMap data holds strings only), a conntrack
 * timeout a Go duration with its unit (the agent reads a bare number as
 * nanoseconds), and an entry must not silently replace what `cilium.bpf` states.
 */
function extraConfigRules(build: Build, values: Json): Problem[] {
  const problems: Problem[] = [];
  const extra = valueAt(values, ["extraConfig"]);
  if (extra === undefined) return problems;
  const own = conntrackOptions(build.cluster) ?? {};
  const facts: Record<string, string> = {
    [CONNTRACK_OPTIONS.tcp]: "cilium.bpf.ctTcpTimeout",
    [CONNTRACK_OPTIONS.any]: "cilium.bpf.ctAnyTimeout",
  };
  for (const [key, value] of Object.entries(asJson(extra))) {
    const path = ciliumPath(build, ["extraConfig", key], `cilium.values.extraConfig.${key}`);
    if (typeof value !== "string") {
      problems.push(
        error(
          path,
          `${
            formatValue(value)
          } must be a string: the chart writes extraConfig into the cilium-config ConfigMap, whose values are strings (the API server refuses the install)`,
        ),
      );
      continue;
    }
    if (key.startsWith("bpf-ct-timeout-") && parseDuration(value) === undefined) {
      problems.push(
        error(
          path,
          `${value} must be a Go duration with its unit, like 21600s or 6h (Cilium reads a number without a unit as nanoseconds)`,
        ),
      );
    }
    const fact = facts[key];
    if (fact && own[key] !== undefined && own[key] !== value) {
      problems.push(
        error(path, `${value} replaces ${own[key]}, which ${fact} states; state it once`),
      );
    }
  }
  return problems;
}

/** Rule 20. */
export const rule: Rule = {
  id: "cilium-features",
  number: 20,
  statement:
    "Cilium: kube-proxy replacement on (L2 announcements and the Gateway API need it); `extraConfig` strings, conntrack timeouts with their unit; no Gateway session affinity (Cilium has none)",
  prevents: "tuning silently not in force; Gateways never announced",
  severity: "error",
  upstream:
    "cilium/charts cilium-1.18.4.tgz templates/cilium-configmap.yaml; cilium/cilium v1.18 pkg/option/config.go, operator/pkg/gateway-api/cell.go",
  input,
  built,
};
