/**
 * Rule 7: every LoadBalancer address a Gateway or a Service pins lies in what a
 * pool block allocates, and is held once (Services may share one by sharing key).
 * Models LB IPAM (cilium v1.18 operator/pkg/lbipam/lbipam.go): `allowFirstLastIPs:
 * "No"` reserves a CIDR block's ends, never a range's; getSVCRequestedIPs reads
 * `spec.loadBalancerIP`, `lbipam.cilium.io/ips` and `io.cilium/lb-ipam-ips`.
 *
 * @module
 */
import type { ClusterConfig } from "../model/schema.ts";
import type { Build } from "../model/build.ts";
import { containsAddress, ipv4, parseIPv4 } from "../model/net.ts";
import { error, type Problem } from "../model/problem.ts";
import {
  mayShareAddress,
  type PinnedAddress,
  pinnedAddresses,
  renderedPoolBlocks,
} from "../build/cilium/lb_ipam.ts";
import type { Rule } from "./rule.ts";
import { asJson, kindOf } from "./_helpers.ts";
import { poolBlocks } from "./_network.ts";

function input(cluster: ClusterConfig): Problem[] {
  const problems: Problem[] = [];
  const allBlocks = poolBlocks(cluster);
  // A reversed block is rule 6's; measuring Gateways against it would only add noise.
  const blocks = allBlocks.filter((block) => block.first <= block.last);
  if (blocks.length < allBlocks.length) return problems;
  const used = new Map<string, string>();
  const poolList = blocks.map((block) => block.text).join(", ");
  for (const [key, spec] of Object.entries(cluster.gateways)) {
    const path = `gateways.${key}.address`;
    const address = ipv4(spec.address);
    const owner = used.get(spec.address);
    if (owner !== undefined) {
      problems.push(error(path, `${spec.address} is already the address of gateways.${owner}`));
    } else used.set(spec.address, key);
    const block = blocks.find((b) => containsAddress(b, address));
    if (!block) {
      const where = blocks.length === 1
        ? `LoadBalancer pool ${poolList}`
        : `every LoadBalancer pool (${poolList})`;
      problems.push(error(path, `${spec.address} is outside ${where}`));
    } else if (!containsAddress(block.alloc, address)) {
      problems.push(
        error(
          path,
          `${spec.address} is the ${
            address === block.first ? "first" : "last"
          } address of ${block.text}, which pool ${block.pool} does not allocate (allowFirstLastIPs: "No" reserves a CIDR block's first and last address)`,
        ),
      );
    }
  }
  return problems;
}

function built(build: Build): Problem[] {
  const problems: Problem[] = [];
  const blocks = renderedPoolBlocks(build);
  const owners = new Map<string, PinnedAddress>();
  for (const { path, resource } of kindOf(build, "Gateway")) {
    if (((asJson(resource.spec).addresses ?? []) as unknown[]).length === 0) {
      problems.push(error(path, "spec.addresses: a Gateway must pin its address"));
    }
  }
  for (const pin of pinnedAddresses(build)) {
    const { address, path, field } = pin;
    const owner = owners.get(address);
    if (owner !== undefined && !mayShareAddress(owner.resource, pin.resource)) {
      problems.push(
        error(path, `${field}: ${address} is already the address of ${owner.consumer}`),
      );
    }
    owners.set(address, pin);
    const value = parseIPv4(address);
    const block = value === undefined
      ? undefined
      : blocks.find((b) => b.first <= value && value <= b.last);
    if (!block) {
      const pools = blocks.map((b) => b.text).join(", ");
      problems.push(
        error(path, `${field}: ${address} is outside every LoadBalancer pool (${pools})`),
      );
    } else if (!(block.alloc.first <= value! && value! <= block.alloc.last)) {
      problems.push(
        error(
          path,
          `${field}: ${address} is the first or last address of ${block.text} in pool ${block.pool}, which does not allocate it (allowFirstLastIPs: "No")`,
        ),
      );
    }
  }
  return problems;
}

/** Rule 7. */
export const rule: Rule = {
  id: "lb-addresses",
  number: 7,
  statement:
    "every LoadBalancer address pinned by a Gateway or a Service lies in what a pool allocates (`allowFirstLastIPs: \"No\"` reserves a CIDR block's ends, never a range's), and is unique unless Services share it by one `lbipam.cilium.io/sharing-key`",
  prevents: "Gateway or Service stuck `<pending>`",
  severity: "error",
  upstream:
    "cilium/cilium v1.18 operator/pkg/lbipam/lbipam.go (handleNewPool, getSVCRequestedIPs); pkg/annotation/k8s.go",
  input,
  built,
};
