/**
 * Rule 5: every pool block lies in the node network, off the pod and service
 * networks, and hands out no address that is in use. Only what LB IPAM allocates
 * counts (cilium v1.18 operator/pkg/lbipam/lbipam.go: a CIDR block's ends are not
 * allocated with allowFirstLastIPs "No").
 *
 * @module
 */
import type { ClusterConfig } from "../model/schema.ts";
import { cidr, formatIPv4, ipv4, overlaps } from "../model/net.ts";
import { error, type Problem } from "../model/problem.ts";
import type { Rule } from "./rule.ts";
import { type Block, lowerBound, poolBlocks, takenAddresses } from "./_network.ts";

function input(cluster: ClusterConfig): Problem[] {
  const network = cidr(cluster.network.nodes);
  const reserved = takenAddresses(cluster);
  const addresses = reserved.map((entry) => entry.address);
  // A reversed block is rule 6's; measuring it would only add noise.
  return poolBlocks(cluster).filter((block) => block.first <= block.last).flatMap((block) => [
    ...(network.first <= block.first && block.last <= network.last
      ? []
      : [error(block.path, `${block.text} is outside the node network ${cluster.network.nodes}`)]),
    ...insideServiceNetworks(cluster, block),
    ...insideDhcpRange(cluster, block),
    ...reserved.slice(lowerBound(addresses, block.alloc.first))
      .filter((entry) => entry.address <= block.alloc.last)
      .map((entry) =>
        error(block.path, `${block.text} contains ${formatIPv4(entry.address)}, ${entry.what}`)
      ),
  ]);
}

function insideServiceNetworks(cluster: ClusterConfig, block: Block): Problem[] {
  return [["pod CIDR", cluster.network.pods], ["service CIDR", cluster.network.services]]
    .filter(([, text]) => overlaps(block, cidr(text)))
    .map(([label, text]) => error(block.path, `${block.text} overlaps the ${label} ${text}`));
}

/** A DHCP server handing out a pool's address puts a machine on a LoadBalancer IP. */
function insideDhcpRange(cluster: ClusterConfig, block: Block): Problem[] {
  const range = cluster.network.dhcp;
  if (range === undefined) return [];
  const dhcp = { first: ipv4(range.start), last: ipv4(range.stop) };
  return overlaps(block.alloc, dhcp)
    ? [
      error(
        block.path,
        `${block.text} overlaps the DHCP range ${range.start}-${range.stop} (network.dhcp)`,
      ),
    ]
    : [];
}

/** Rule 5. */
export const rule: Rule = {
  id: "pool-placement",
  number: 5,
  statement:
    "every pool block lies in the node network, outside the pod/service CIDRs and the DHCP range (`network.dhcp`), and what it allocates holds no node IP, router, nameserver, `network.reserved` address, or the node network's network or broadcast address",
  prevents: "L2 cannot announce it; an IP conflict takes a node or the router off the network",
  severity: "error",
  upstream: "cilium/cilium v1.18 operator/pkg/lbipam/lbipam.go (ipRangeFromBlock, handleNewPool)",
  input,
};
