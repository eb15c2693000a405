/**
 * Rule 21: the nodes are distinct, on the node network (never its network or
 * broadcast address, never the router), with a control plane, and each Omni
 * machine set either pins every machine or picks them by class.
 *
 * @module
 */
import type { ClusterConfig } from "../model/schema.ts";
import { cidr, containsAddress, ipv4 } from "../model/net.ts";
import { error, type Problem } from "../model/problem.ts";
import { CONTROL_PLANES, listsMachines, machineSetsOf, WORKERS } from "../build/omni/template.ts";
import type { Rule } from "./rule.ts";
import { specialAddress } from "./_network.ts";

/** Each node: unique name, address and machine ID; on the node network, never its router. */
function eachNode(cluster: ClusterConfig): Problem[] {
  const problems: Problem[] = [];
  const network = cidr(cluster.network.nodes);
  const names = new Map<string, number>();
  const ips = new Map<string, number>();
  const machineIds = new Map<string, number>();
  cluster.nodes.forEach((node, i) => {
    const seen = names.get(node.name);
    if (seen !== undefined) {
      problems.push(
        error(["nodes", i, "name"], `${node.name} is already the name of nodes[${seen}]`),
      );
    } else names.set(node.name, i);
    const sameIp = ips.get(node.ip);
    if (sameIp !== undefined) {
      problems.push(
        error(["nodes", i, "ip"], `${node.ip} is already the address of nodes[${sameIp}]`),
      );
    } else ips.set(node.ip, i);
    if (!containsAddress(network, ipv4(node.ip))) {
      problems.push(
        error(
          ["nodes", i, "ip"],
          `${node.ip} is outside the node network ${cluster.network.nodes}`,
        ),
      );
    }
    const special = specialAddress(network, ipv4(node.ip));
    if (special) {
      problems.push(error(["nodes", i, "ip"], `${node.ip} is ${special}`));
    }
    if (node.ip === cluster.network.gateway) {
      problems.push(
        error(["nodes", i, "ip"], `${node.ip} is the node network's router (network.gateway)`),
      );
    }
    if (node.machineId !== undefined) {
      const sameId = machineIds.get(node.machineId);
      if (sameId !== undefined) {
        problems.push(
          error(
            ["nodes", i, "machineId"],
            `${node.machineId} is already the machine of nodes[${sameId}]`,
          ),
        );
      } else machineIds.set(node.machineId, i);
    }
  });
  return problems;
}

/** The router lies on the node network, off its network and broadcast address. */
function routerPlacement(cluster: ClusterConfig): Problem[] {
  const problems: Problem[] = [];
  const network = cidr(cluster.network.nodes);
  const router = ipv4(cluster.network.gateway);
  if (!containsAddress(network, router)) {
    problems.push(
      error(
        "network.gateway",
        `${cluster.network.gateway} is outside the node network ${cluster.network.nodes}`,
      ),
    );
  } else if (specialAddress(network, router)) {
    problems.push(
      error("network.gateway", `${cluster.network.gateway} is ${specialAddress(network, router)}`),
    );
  }
  return problems;
}

/** Each worker's `set` names one of `omni.workerSets`; a set has nodes; names are Omni's to take. */
function setMembership(cluster: ClusterConfig): Problem[] {
  const problems: Problem[] = [];
  const known = Object.keys(cluster.omni.workerSets);
  for (const name of known) {
    if (name === "nodes") {
      problems.push(
        error(
          `omni.workerSets.${name}`,
          "nodes is taken: the nodes' own patches go to patches/nodes/",
        ),
      );
    } else if (name === WORKERS || name === CONTROL_PLANES) {
      problems.push(
        error(
          `omni.workerSets.${name}`,
          `${name} is the name of the ${
            name === WORKERS ? "default workers set (omni.workers)" : "control plane's set"
          }: choose another`,
        ),
      );
    } else if (!cluster.nodes.some((node) => node.role === "worker" && node.set === name)) {
      problems.push(
        error(
          `omni.workerSets.${name}`,
          `has no worker node (a node joins it with set: "${name}")`,
        ),
      );
    }
  }
  cluster.nodes.forEach((node, i) => {
    if (node.set === undefined) return;
    if (node.role !== "worker") {
      problems.push(
        error(
          ["nodes", i, "set"],
          `${node.set}: only a worker joins a set (the control plane is one)`,
        ),
      );
    } else if (!known.includes(node.set)) {
      problems.push(
        error(
          ["nodes", i, "set"],
          `${node.set} is not a set of omni.workerSets (${known.join(", ") || "none"})`,
        ),
      );
    }
  });
  return problems;
}

/** A control plane exists; a machine set pins every machine or picks all by class. */
function machineSets(cluster: ClusterConfig): Problem[] {
  const problems: Problem[] = [];
  for (const set of machineSetsOf(cluster)) {
    const { nodes } = set;
    const label = set.kind === "ControlPlane"
      ? "control-plane"
      : set.name === WORKERS
      ? "worker"
      : `${set.name} worker`;
    if (set.kind === "ControlPlane" && nodes.length === 0) {
      problems.push(error("nodes", "has no controlplane node (a cluster needs at least one)"));
    }
    if (nodes.length === 0 || listsMachines(nodes)) continue;
    if (set.config.machineClass === undefined) {
      const names = nodes.filter((n) => n.machineId === undefined).map((n) => n.name);
      problems.push(
        error(
          `${set.field}.machineClass`,
          `is required: ${label} nodes ${
            names.join(", ")
          } have no machineId, so Omni picks them by class`,
        ),
      );
    }
    nodes.forEach((node) => {
      if (node.machineId === undefined) return;
      problems.push(
        error(
          ["nodes", cluster.nodes.indexOf(node), "machineId"],
          `${node.machineId} cannot be pinned: the other ${label} nodes have no machineId, and an Omni machine set either lists every machine or picks them by class`,
        ),
      );
    });
  }
  return problems;
}

function input(cluster: ClusterConfig): Problem[] {
  return [
    ...eachNode(cluster),
    ...routerPlacement(cluster),
    ...setMembership(cluster),
    ...machineSets(cluster),
  ];
}

/** Rule 21. */
export const rule: Rule = {
  id: "nodes",
  number: 21,
  statement:
    "node names, addresses and machine IDs are unique; every node and the router lie in the node network, off its network and broadcast address; a control-plane node exists; a worker's `set` is one of `omni.workerSets`, each with nodes; a machine set pins all its machines or none",
  prevents: "an IP conflict; Omni cannot place the nodes",
  severity: "error",
  input,
};
