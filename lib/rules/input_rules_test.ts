import assert from "node:assert/strict";
import { parseCluster } from "../model/parse.ts";
import { checkInput } from "./mod.ts";
import homelab from "../../clusters/homelab.ts";

function problems(input: unknown): string[] {
  const parsed = parseCluster(input);
  assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.problems));
  return checkInput(parsed.cluster).map((problem) => `${problem.path}: ${problem.message}`);
}

Deno.test("homelab is consistent", () => {
  assert.deepEqual(problems(homelab), []);
});

Deno.test("a pool that holds a node IP and the router, and leaves the node network", () => {
  assert.deepEqual(
    problems({
      ...homelab,
      loadBalancer: {
        pools: {
          default: {
            blocks: [{ start: "192.168.10.1", stop: "192.168.10.50" }, {
              start: "192.168.11.1",
              stop: "192.168.11.2",
            }],
          },
        },
      },
    }),
    [
      "loadBalancer.pools.default.blocks[0]: 192.168.10.1-192.168.10.50 contains 192.168.10.1, the address of the router (network.gateway)",
      "loadBalancer.pools.default.blocks[0]: 192.168.10.1-192.168.10.50 contains 192.168.10.11, the address of node talos-cp-1 (nodes[0].ip)",
      "loadBalancer.pools.default.blocks[0]: 192.168.10.1-192.168.10.50 contains 192.168.10.12, the address of node talos-cp-2 (nodes[1].ip)",
      "loadBalancer.pools.default.blocks[0]: 192.168.10.1-192.168.10.50 contains 192.168.10.13, the address of node talos-cp-3 (nodes[2].ip)",
      "loadBalancer.pools.default.blocks[0]: 192.168.10.1-192.168.10.50 contains 192.168.10.21, the address of node talos-worker-1 (nodes[3].ip)",
      "loadBalancer.pools.default.blocks[0]: 192.168.10.1-192.168.10.50 contains 192.168.10.22, the address of node talos-worker-2 (nodes[4].ip)",
      "loadBalancer.pools.default.blocks[1]: 192.168.11.1-192.168.11.2 is outside the node network 192.168.10.0/24",
    ],
  );
});

Deno.test("overlapping CIDRs and pools", () => {
  assert.deepEqual(
    problems({
      ...homelab,
      network: { ...homelab.network, services: "10.244.0.0/20" },
      loadBalancer: {
        pools: {
          a: { blocks: [{ start: "192.168.10.49", stop: "192.168.10.50" }] },
          b: { blocks: [{ start: "192.168.10.50", stop: "192.168.10.52" }] },
        },
      },
    }),
    [
      "network.services: 10.244.0.0/20 overlaps the pod CIDR 10.244.0.0/16",
      "loadBalancer.pools.b.blocks[0]: 192.168.10.50-192.168.10.52 overlaps 192.168.10.49-192.168.10.50 (loadBalancer.pools.a.blocks[0]); pools must not share addresses",
    ],
  );
});

Deno.test("Cilium must reach the API through an enabled KubePrism", () => {
  assert.deepEqual(
    problems({
      ...homelab,
      kubePrism: { enabled: false, port: 6443 },
      cilium: { ...homelab.cilium, k8sServiceHost: "192.168.10.11" },
    }),
    [
      "cilium.k8sServiceHost: 192.168.10.11 must be localhost or 127.0.0.1: Cilium reaches the API server through KubePrism on port 6443",
      "kubePrism.enabled: false must be true: Cilium reaches the API server through KubePrism (k8sServicePort is the KubePrism port)",
      "kubePrism.port: 6443 is the API server port; KubePrism needs a port of its own on every node",
    ],
  );
});

Deno.test("nodes: duplicates, outside the network, no control plane, machine sets", () => {
  assert.deepEqual(
    problems({
      ...homelab,
      omni: { ...homelab.omni, workers: {} },
      nodes: [
        { name: "w1", role: "worker", ip: "192.168.10.21" },
        {
          name: "w1",
          role: "worker",
          ip: "192.168.10.21",
          machineId: "b885f565-b64f-4c7a-a1ac-d2c8c2781373",
        },
        { name: "w3", role: "worker", ip: "10.0.0.1" },
      ],
    }),
    [
      "nodes[1].name: w1 is already the name of nodes[0]",
      "nodes[1].ip: 192.168.10.21 is already the address of nodes[0]",
      "nodes[2].ip: 10.0.0.1 is outside the node network 192.168.10.0/24",
      "nodes: has no controlplane node (a cluster needs at least one)",
      "omni.workers.machineClass: is required: worker nodes w1, w3 have no machineId, so Omni picks them by class",
      "nodes[1].machineId: b885f565-b64f-4c7a-a1ac-d2c8c2781373 cannot be pinned: the other worker nodes have no machineId, and an Omni machine set either lists every machine or picks them by class",
    ],
  );
});
