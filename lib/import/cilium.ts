/**
 * The source's Cilium values as cluster-file facts: the settings Hydrate has a
 * field for become that field; what Hydrate renders the same way anyway is
 * dropped; the rest is carried in `cilium.values`, deep-merged over Hydrate's.
 *
 * @module
 */
import type { CiliumInput } from "../model/input.ts";
import { at, type Finding, objectOf } from "./source.ts";

type Json = Record<string, unknown>;

const text = (value: unknown) => typeof value === "string" ? value : undefined;
const count = (value: unknown) => typeof value === "number" ? value : undefined;

/** The Cilium facts the values state (chart, L2 leases, client rate limit, BPF, socket LB, BBR). */
export function ciliumFacts(
  values: Json,
  where: string,
): { facts: CiliumInput; findings: Finding[] } {
  const findings: Finding[] = [];
  const stated = Object.keys(values).length > 0;
  if (stated && values.kubeProxyReplacement !== true && values.kubeProxyReplacement !== "true") {
    findings.push({
      where,
      what:
        "Cilium does not replace kube-proxy there: Hydrate's Cilium does (its L2 announcements and Gateways need it)",
    });
  }
  const l2 = objectOf(values.l2announcements) ?? {};
  const rate = objectOf(values.k8sClientRateLimit) ?? {};
  const bpf = objectOf(values.bpf) ?? {};
  const facts: CiliumInput = {
    l2: {
      ...(text(l2.leaseDuration) ? { leaseDuration: text(l2.leaseDuration) } : {}),
      ...(text(l2.leaseRenewDeadline) ? { leaseRenewDeadline: text(l2.leaseRenewDeadline) } : {}),
      ...(text(l2.leaseRetryPeriod) ? { leaseRetryPeriod: text(l2.leaseRetryPeriod) } : {}),
    },
    ...(count(rate.qps) || count(rate.burst)
      ? { k8sClientRateLimit: { qps: count(rate.qps), burst: count(rate.burst) } }
      : {}),
    ...(typeof bpf.masquerade === "boolean" || typeof bpf.hostLegacyRouting === "boolean"
      ? {
        bpf: {
          masquerade: bpf.masquerade as boolean,
          hostLegacyRouting: bpf.hostLegacyRouting as boolean,
        },
      }
      : {}),
    ...(at(values, "socketLB", "enabled") === true
      ? { socketLB: { hostNamespaceOnly: at(values, "socketLB", "hostNamespaceOnly") === true } }
      : {}),
    ...(at(values, "bandwidthManager", "enabled") === true
      ? { bandwidthManager: { bbr: at(values, "bandwidthManager", "bbr") === true } }
      : {}),
  };
  return { facts: JSON.parse(JSON.stringify(facts)), findings };
}

/** Two leaves the same to Helm's templates (`7445` and `"7445"` render alike). */
const sameLeaf = (a: unknown, b: unknown) =>
  JSON.stringify(a) === JSON.stringify(b) ||
  (a !== null && b !== null && typeof a !== "object" && typeof b !== "object" &&
    String(a) === String(b));

/**
 * What of `source` Hydrate does not render already (`derived`): each key whose
 * value differs, down to the leaves (lists compared whole), or `{}`.
 *
 * @example
 * ```ts
 * import { leftover } from "./cilium.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(
 *   leftover({ a: { b: 1, c: 2 }, d: [1], e: "7445" }, { a: { b: 1 }, d: [1], e: 7445 }),
 *   { a: { c: 2 } },
 * );
 * ```
 */
export function leftover(source: Json, derived: Json): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(source)) {
    const mine = objectOf(value);
    const theirs = objectOf(derived[key]);
    if (mine && theirs) {
      const rest = leftover(mine, theirs);
      if (Object.keys(rest).length > 0) out[key] = rest;
    } else if (!sameLeaf(value, derived[key])) out[key] = value;
  }
  return out;
}
