/**
 * Rule 21: the nodes are distinct, on the node network (never its network or
 * broadcast address, never the router), a DHCP server's range is stated when a
 * node takes its address by DHCP, a control plane exists, and each Omni
 * machine set either pins every machine or picks them by class.
 *
 * @module
 */
import type { ClusterConfig } from "../model/schema.ts";
import { cidr, contains, containsAddress, ipv4 } from "../model/net.ts";
import { error, type Problem } from "../model/problem.ts";
import { CONTROL_PLANES, listsMachines, machineSetsOf, WORKERS } from "../build/omni/template.ts";
import type { Rule } from "./rule.ts";
import { specialAddress } from "./_network.ts";

/** Each node: unique name, address and machine ID. */
function eachNode(cluster: ClusterConfig): Problem[] {
  const problems: Problem[] = [];
  const names = new Map<string, number>();
  const ips = new Map<string, number>();
  const machineIds = new Map<string, number>();
  const unique = (
    seen: Map<string, number>,
    value: string,
    i: number,
    field: string,
    what: string,
  ) => {
    const first = seen.get(value);
    if (first === undefined) seen.set(value, i);
    else {problems.push(
        error(["nodes", i, field], `${value} is already ${what} of nodes[${first}]`),
      );}
  };
  cluster.nodes.forEach((node, i) => {
    unique(names, node.name, i, "name", "the name");
    if (node.ip !== undefined) {
      unique(ips, node.ip, i, "ip", "the address");
      problems.push(...nodeAddress(cluster, node.ip, i));
    }
    if (node.machineId !== undefined) {
      unique(machineIds, node.machineId, i, "machineId", "the machine");
    }
  });
  return problems;
}

/** A node's address: on the node network, never its router, network or broadcast address. */
function nodeAddress(cluster: ClusterConfig, ip: string, i: number): Problem[] {
  const network = cidr(cluster.network.nodes);
  const at = ["nodes", i, "ip"];
  if (!containsAddress(network, ipv4(ip))) {
    return [error(at, `${ip} is outside the node network ${cluster.network.nodes}`)];
  }
  const special = specialAddress(network, ipv4(ip));
  if (special) return [error(at, `${ip} is ${special}`)];
  if (ip === cluster.network.gateway) {
    return [error(at, `${ip} is the node network's router (network.gateway)`)];
  }
  return [];
}

/**
 * DHCP: the server's range (`network.dhcp`) is stated when a node takes its address by DHCP,
 * lies on the node network, and holds no static node address (the server would hand it out).
 */
function dhcp(cluster: ClusterConfig): Problem[] {
  const range = cluster.network.dhcp;
  const first = cluster.nodes.findIndex((node) => node.dhcp);
  if (range === undefined) {
    return first < 0 ? [] : [
      error(
        ["nodes", first, "dhcp"],
        `${
          cluster.nodes[first].name
        } takes its address by DHCP: state network.dhcp, the range the DHCP server hands out, so no LoadBalancer pool overlaps it`,
      ),
    ];
  }
  const [start, stop] = [ipv4(range.start), ipv4(range.stop)];
  const text = `${range.start}-${range.stop}`;
  if (start > stop) return [error("network.dhcp", `${text} starts after it stops`)];
  if (!contains(cidr(cluster.network.nodes), { first: start, last: stop })) {
    return [error("network.dhcp", `${text} is outside the node network ${cluster.network.nodes}`)];
  }
  return cluster.nodes.flatMap((node, i) =>
    !node.dhcp && node.ip !== undefined && start <= ipv4(node.ip) && ipv4(node.ip) <= stop
      ? [
        error(
          ["nodes", i, "ip"],
          `${node.ip} is static but inside the DHCP range ${text} (network.dhcp): the server can hand it to another machine`,
        ),
      ]
      : []
  );
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
    ...dhcp(cluster),
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
    "node names, addresses and machine IDs are unique; every node address and the router lie in the node network, off its network and broadcast address; a node taking its address by DHCP needs `network.dhcp`, the server's range, inside the node network and holding no static node address; a control-plane node exists; a worker's `set` is one of `omni.workerSets`, each with nodes; a machine set pins all its machines or none",
  prevents: "an IP conflict; Omni cannot place the nodes",
  severity: "error",
  input,
};
