/**
 * The node network and the LoadBalancer pools as the rules read them: each pool
 * block with what LB IPAM allocates of it, and the addresses no pool may hand out.
 *
 * @module
 */
import type { ClusterConfig } from "../model/schema.ts";
import { cidr, formatCidr, ipv4, type IPv4Cidr } from "../model/net.ts";
import { type BlockRange, blockRange } from "../build/cilium/lb_ipam.ts";

/** A LoadBalancer pool block with where it was declared. */
export interface Block extends BlockRange {
  pool: string;
  path: string;
}

/** Every pool block of the cluster file, parsed (the schema checked each address and CIDR). */
export function poolBlocks(cluster: ClusterConfig): Block[] {
  return Object.entries(cluster.loadBalancer.pools).flatMap(([pool, spec]) =>
    spec.blocks.map((block, i) => ({
      pool,
      path: `loadBalancer.pools.${pool}.blocks[${i}]`,
      ...blockRange(block, spec.allowFirstLastIPs)!,
    }))
  );
}

/** The first index in sorted `values` that is >= `target`. */
export function lowerBound(values: readonly number[], target: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * What an address of the node network cannot be given to: its network address
 * or its broadcast address. A /31 or /32 has neither (RFC 3021).
 */
export function specialAddress(network: IPv4Cidr, address: number): string | undefined {
  if (network.prefix >= 31) return undefined;
  const text = formatCidr(network);
  if (address === network.first) return `the network address of the node network ${text}`;
  if (address === network.last) return `the broadcast address of the node network ${text}`;
  return undefined;
}

/** An address no pool may hand out, and whose it is. */
export interface Taken {
  address: number;
  what: string;
}

/**
 * The addresses of the node network that are in use, sorted, one reason each
 * (a nameserver that is also the router is named once, as the router): nodes,
 * the router, reserved addresses, nameservers, the network and broadcast address.
 */
export function takenAddresses(cluster: ClusterConfig): Taken[] {
  const network = cidr(cluster.network.nodes);
  const taken = [
    ...cluster.nodes.flatMap((node, i) =>
      node.ip === undefined ? [] : [{
        address: ipv4(node.ip),
        what: `the address of node ${node.name} (nodes[${i}].ip)`,
      }]
    ),
    { address: ipv4(cluster.network.gateway), what: "the address of the router (network.gateway)" },
    ...Object.entries(cluster.network.reserved).map(([name, address]) => ({
      address: ipv4(address),
      what: `the address of ${name} (network.reserved.${name})`,
    })),
    ...(cluster.network.nameservers ?? []).map((address, i) => ({
      address: ipv4(address),
      what: `the address of a nameserver (network.nameservers[${i}])`,
    })),
    ...(network.prefix < 31
      ? [
        { address: network.first, what: `the network address of ${cluster.network.nodes}` },
        { address: network.last, what: `the broadcast address of ${cluster.network.nodes}` },
      ]
      : []),
  ];
  return [...new Map(taken.reverse().map((entry) => [entry.address, entry])).values()]
    .sort((a, b) => a.address - b.address);
}
