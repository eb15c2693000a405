/**
 * Cilium LB IPAM's allocation semantics, as the operator implements them at
 * v1.18 (operator/pkg/lbipam/lbipam.go): which addresses a pool block hands
 * out, and which addresses a Service asks for.
 *
 * @module
 */
import { formatIPv4, type IPv4Range, parseCidr, parseIPv4 } from "../../model/net.ts";
import type { Resource } from "../../model/resource.ts";
import type { Build } from "../../model/build.ts";

type Json = Record<string, unknown>;

const kindOf = (build: Build, kind: string) =>
  build.resources.filter(({ resource }) => resource.kind === kind);

/** A pool block as the CiliumLoadBalancerIPPool v2 CRD states it. */
export interface PoolBlockSpec {
  cidr?: string;
  start?: string;
  stop?: string;
}

/** A parsed block: every address it spans, and those LB IPAM allocates. */
export interface BlockRange extends IPv4Range {
  /** `cidr` or `start-stop`, as written. */
  text: string;
  /** Whether the block is a CIDR (the only kind `allowFirstLastIPs` applies to). */
  fromCidr: boolean;
  /** The first and last address LB IPAM allocates. */
  alloc: IPv4Range;
}

/**
 * Parses a block the way `ipRangeFromBlock` does (a `cidr` wins over
 * `start`/`stop`; `start` alone is one address) and applies `allowFirstLastIPs`
 * as `handleNewPool` does: only for a CIDR block, only when it is `No`, and never
 * for a /31 or /32 ("the first and last IPs are the same or adjacent"). Unset
 * behaves as `Yes`. Returns `undefined` for a block that does not parse.
 *
 * @example
 * ```ts
 * import { blockRange } from "./lb_ipam.ts";
 * import { formatRange } from "../../model/net.ts";
 * import assert from "node:assert/strict";
 * assert.equal(formatRange(blockRange({ cidr: "10.0.0.0/29" }, "No")!.alloc), "10.0.0.1-10.0.0.6");
 * assert.equal(formatRange(blockRange({ cidr: "10.0.0.0/31" }, "No")!.alloc), "10.0.0.0-10.0.0.1");
 * assert.equal(formatRange(blockRange({ start: "10.0.0.1", stop: "10.0.0.2" }, "No")!.alloc), "10.0.0.1-10.0.0.2");
 * ```
 */
export function blockRange(
  block: PoolBlockSpec,
  allowFirstLastIPs: string | undefined,
): BlockRange | undefined {
  if (block.cidr) {
    const parsed = parseCidr(block.cidr);
    if (!parsed.ok) return undefined;
    const { first, last } = parsed.cidr;
    const trim = allowFirstLastIPs === "No" && last - first >= 2;
    return {
      first,
      last,
      text: block.cidr,
      fromCidr: true,
      alloc: trim ? { first: first + 1, last: last - 1 } : { first, last },
    };
  }
  const first = parseIPv4(block.start ?? "");
  const last = block.stop ? parseIPv4(block.stop) : first;
  if (first === undefined || last === undefined) return undefined;
  const text = first === last ? formatIPv4(first) : `${block.start}-${block.stop}`;
  return { first, last, text, fromCidr: false, alloc: { first, last } };
}

/** The Service annotation LB IPAM reads first, and its legacy alias (cilium v1.18 pkg/annotation/k8s.go). */
export const LB_IPAM_ANNOTATIONS = ["lbipam.cilium.io/ips", "io.cilium/lb-ipam-ips"] as const;

/**
 * The addresses a LoadBalancer Service asks LB IPAM for, as `getSVCRequestedIPs`
 * reads them: `spec.loadBalancerIP`, then the comma-separated list of
 * `lbipam.cilium.io/ips` or, when that is absent, `io.cilium/lb-ipam-ips`.
 *
 * @example
 * ```ts
 * import { requestedIPs } from "./lb_ipam.ts";
 * import assert from "node:assert/strict";
 * const svc = {
 *   apiVersion: "v1", kind: "Service",
 *   metadata: { name: "dns", annotations: { "io.cilium/lb-ipam-ips": "10.0.0.5, 10.0.0.6" } },
 *   spec: { type: "LoadBalancer" },
 * };
 * assert.deepEqual(requestedIPs(svc), ["10.0.0.5", "10.0.0.6"]);
 * ```
 */
export function requestedIPs(service: Resource): string[] {
  return [...new Set(ipRequests(service).map((request) => request.ip))];
}

/** An address a Service asks for, and the field that asks. */
export interface IPRequest {
  ip: string;
  /** `spec.loadBalancerIP` or `metadata.annotations["<key>"]`. */
  field: string;
}

/** Like {@link requestedIPs}, with the field each address comes from. */
export function ipRequests(service: Resource): IPRequest[] {
  const spec = (service.spec ?? {}) as { type?: string; loadBalancerIP?: string };
  if (service.kind !== "Service" || spec.type !== "LoadBalancer") return [];
  const annotations = service.metadata.annotations ?? {};
  const key = LB_IPAM_ANNOTATIONS.find((name) => annotations[name]);
  return [
    ...(spec.loadBalancerIP ? [{ ip: spec.loadBalancerIP, field: "spec.loadBalancerIP" }] : []),
    ...(key
      ? annotations[key].split(",").map((ip) => ip.trim()).filter((ip) => ip !== "").map((ip) => ({
        ip,
        field: `metadata.annotations["${key}"]`,
      }))
      : []),
  ];
}

/**
 * The annotations that let Services share one address (cilium v1.18
 * pkg/annotation/k8s.go; Documentation/network/lb-ipam.rst "Sharing keys"):
 * Services with the same sharing key may be given the same IP, across
 * namespaces only where `sharing-cross-namespace` names the other's namespace or `*`.
 */
export const SHARING_ANNOTATIONS = {
  key: "lbipam.cilium.io/sharing-key",
  crossNamespace: "lbipam.cilium.io/sharing-cross-namespace",
} as const;

/** Whether two Services may hold one LoadBalancer address (same sharing key, namespaces allowed). */
export function mayShareAddress(a: Resource, b: Resource): boolean {
  const key = (r: Resource) => r.metadata.annotations?.[SHARING_ANNOTATIONS.key];
  if (a.kind !== "Service" || b.kind !== "Service" || !key(a) || key(a) !== key(b)) return false;
  const ns = (r: Resource) => r.metadata.namespace ?? "default";
  if (ns(a) === ns(b)) return true;
  const allows = (r: Resource, other: string) =>
    (r.metadata.annotations?.[SHARING_ANNOTATIONS.crossNamespace] ?? "").split(",")
      .map((item) => item.trim()).some((item) => item === "*" || item === other);
  return allows(a, ns(b)) && allows(b, ns(a));
}

/** A LoadBalancer address a rendered resource asks LB IPAM for. */
export interface PinnedAddress {
  address: string;
  /** `Gateway gateway/gateway-internal` or `Service dns/coredns`. */
  consumer: string;
  path: string;
  /** Where in the resource it is asked for. */
  field: string;
  resource: Resource;
}

/**
 * Every LoadBalancer address the rendered resources pin: each Gateway's
 * `spec.addresses` (Cilium passes them to its Service as `io.cilium/lb-ipam-ips`)
 * and each LoadBalancer Service's `spec.loadBalancerIP` and LB IPAM annotations.
 */
export function pinnedAddresses(build: Build): PinnedAddress[] {
  const pinned: PinnedAddress[] = [];
  for (const { path, resource } of build.resources) {
    const id = `${resource.metadata.namespace ?? "default"}/${resource.metadata.name}`;
    if (resource.kind === "Gateway") {
      const addresses = ((resource.spec as Json).addresses ?? []) as { value?: string }[];
      addresses.forEach(({ value = "" }, i) =>
        pinned.push({
          address: value,
          consumer: `Gateway ${id}`,
          path,
          field: `spec.addresses[${i}].value`,
          resource,
        })
      );
    }
    for (const request of ipRequests(resource)) {
      if (pinned.some((pin) => pin.resource === resource && pin.address === request.ip)) continue;
      pinned.push({
        address: request.ip,
        consumer: `Service ${id}`,
        path,
        field: request.field,
        resource,
      });
    }
  }
  return pinned;
}

/** The pool blocks of the rendered CiliumLoadBalancerIPPools, with what LB IPAM allocates of each. */
export function renderedPoolBlocks(build: Build): (BlockRange & { pool: string })[] {
  return kindOf(build, "CiliumLoadBalancerIPPool").flatMap(({ resource }) => {
    const spec = (resource.spec ?? {}) as { blocks?: PoolBlockSpec[]; allowFirstLastIPs?: string };
    return (spec.blocks ?? []).flatMap((block) => {
      const range = blockRange(block, spec.allowFirstLastIPs);
      return range ? [{ ...range, pool: resource.metadata.name }] : [];
    });
  });
}
