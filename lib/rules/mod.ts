/**
 * The rule registry: every invariant the renderer enforces, one file each, in
 * the order of the README's rule table (generated from this list). A render runs
 * every rule's check of the cluster file's facts, then, when none failed, every
 * rule's check of what was built; each problem carries its rule's id.
 *
 * @module
 */
import type { ClusterConfig } from "../model/schema.ts";
import type { Build } from "../model/build.ts";
import type { Problem } from "../model/problem.ts";
import type { Upstream } from "../model/upstream/vendor.ts";
import type { Rule } from "./rule.ts";
import type { RepositoryContext } from "../model/repository.ts";
import { rule as kubeProxy } from "./kube_proxy.ts";
import { rule as cniNone } from "./cni_none.ts";
import { rule as kubeprism } from "./kubeprism.ts";
import { rule as cidrs } from "./cidrs.ts";
import { rule as poolPlacement } from "./pool_placement.ts";
import { rule as poolsDisjoint } from "./pools_disjoint.ts";
import { rule as lbAddresses } from "./lb_addresses.ts";
import { rule as l2Policy } from "./l2_policy.ts";
import { rule as l2Leases } from "./l2_leases.ts";
import { rule as trafficPolicy } from "./traffic_policy.ts";
import { rule as masquerade } from "./masquerade.ts";
import { rule as gatewayListeners } from "./gateway_listeners.ts";
import { rule as routeAttachment } from "./route_attachment.ts";
import { rule as routeClaims } from "./route_claims.ts";
import { rule as syncOrder } from "./sync_order.ts";
import { rule as omniTemplate } from "./omni_template.ts";
import { rule as bootstrapAdoption } from "./bootstrap_adoption.ts";
import { rule as omniBatch } from "./omni_batch.ts";
import { rule as tlsIssuer } from "./tls_issuer.ts";
import { rule as ciliumFeatures } from "./cilium_features.ts";
import { rule as nodes } from "./nodes.ts";
import { rule as apps } from "./apps.ts";
import { rule as uniqueResources } from "./unique_resources.ts";
import { rule as upstreamSchema } from "./upstream_schema.ts";
import { rule as ciliumClusterName } from "./cilium_cluster_name.ts";
import { rule as versions } from "./versions.ts";
import { rule as secrets } from "./secrets.ts";
import { rule as vendored } from "./vendored.ts";
import { rule as helmValues } from "./helm_values.ts";
import { rule as crdSchema } from "./crd_schema.ts";
import { rule as talosSchema } from "./talos_schema.ts";
import { rule as repository } from "./repository.ts";
import { rule as applicationSettings } from "./application_settings.ts";
import { rule as secretStores } from "./secret_stores.ts";
import { rule as sealedSecrets } from "./sealed_secrets.ts";

/** Every rule, in table order. */
export const RULES: readonly Rule[] = [
  kubeProxy,
  cniNone,
  kubeprism,
  cidrs,
  poolPlacement,
  poolsDisjoint,
  lbAddresses,
  l2Policy,
  l2Leases,
  trafficPolicy,
  masquerade,
  gatewayListeners,
  routeAttachment,
  routeClaims,
  syncOrder,
  omniTemplate,
  bootstrapAdoption,
  omniBatch,
  tlsIssuer,
  ciliumFeatures,
  nodes,
  apps,
  uniqueResources,
  upstreamSchema,
  ciliumClusterName,
  versions,
  secrets,
  vendored,
  helmValues,
  crdSchema,
  talosSchema,
  repository,
  applicationSettings,
  secretStores,
  sealedSecrets,
];

const tagged = (rule: Rule, problems: Problem[]) =>
  problems.map((problem) => ({ ...problem, rule: rule.id }));

/**
 * Every rule's check of a parsed cluster file's facts, rule by rule.
 *
 * @example
 * ```ts
 * import { checkInput } from "./mod.ts";
 * import { parseCluster } from "../model/parse.ts";
 * import homelab from "../../clusters/homelab.ts";
 * import assert from "node:assert/strict";
 * const parsed = parseCluster({ ...homelab, gateways: { internal: { address: "192.168.10.60" } } });
 * assert.ok(parsed.ok);
 * assert.deepEqual(checkInput(parsed.cluster).map((p) => `${p.rule} ${p.path}: ${p.message}`), [
 *   "lb-addresses gateways.internal.address: 192.168.10.60 is outside LoadBalancer pool 192.168.10.49-192.168.10.50",
 * ]);
 * ```
 */
export function checkInput(cluster: ClusterConfig, rules: readonly Rule[] = RULES): Problem[] {
  return rules.flatMap((rule) => rule.input ? tagged(rule, rule.input(cluster)) : []);
}

/** Every rule's check of what was built (after the last-mile patches), rule by rule. */
export function checkBuilt(build: Build, rules: readonly Rule[] = RULES): Problem[] {
  return rules.flatMap((rule) => rule.built ? tagged(rule, rule.built(build)) : []);
}

/** Every rule's check of what was built against the vendored upstream artifacts, rule by rule. */
export function checkUpstream(
  build: Build,
  upstream: Upstream,
  rules: readonly Rule[] = RULES,
): Problem[] {
  return rules.flatMap((rule) => rule.pinned ? tagged(rule, rule.pinned(build, upstream)) : []);
}

/** Every rule's check of the cluster file's facts against the repository the render writes into. */
export function checkRepository(
  cluster: ClusterConfig,
  context: RepositoryContext,
  rules: readonly Rule[] = RULES,
): Problem[] {
  return rules.flatMap((rule) =>
    rule.repository ? tagged(rule, rule.repository(cluster, context)) : []
  );
}
