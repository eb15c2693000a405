/**
 * A synthetic fleet for benchmarks: `clusters` clusters of `apps` Helm apps (a
 * vendored chart, so that the version-true checks run on every one), each
 * with one route, every cluster with its node network, pool, L2 policy, two
 * Gateways, Cilium values and Omni files. Built with the same builders as a
 * cluster file, so the benchmark measures the real library.
 *
 * @module
 */
import { defineCluster } from "../model/define.ts";
import { helmApp, route } from "../build/apps.ts";
import { argocd } from "../build/catalog/mod.ts";
import type { ClusterInput } from "../model/schema.ts";

/** One synthetic cluster; `index` keeps every cluster's networks apart (up to 250). */
export function syntheticCluster(index: number, apps: number): ClusterInput {
  const net = `172.16.${index}`;
  const userApps = Object.fromEntries(
    Array.from({ length: apps }, (_, j) => [
      `app-${j}`,
      helmApp({
        chart: {
          repoURL: "https://grafana.github.io/helm-charts",
          chart: "grafana",
          version: "10.1.4",
        },
        namespace: `team-${j % 25}`,
        values: {
          replicas: 1 + (j % 3),
          image: { tag: `v${j}.0.0` },
          env: { MODE: j % 2 ? "on" : "off" },
        },
        routes: [
          route({
            host: `app-${j}`,
            gateway: j % 2 ? "internal" : "external",
            service: `app-${j}`,
            port: 8080,
          }),
        ],
      }),
    ]),
  );
  return defineCluster({
    name: `fleet-${index}`,
    domain: `fleet-${index}.example.com`,
    git: { repoURL: "https://git.example.com/fleet.git", revision: "main" },
    omni: {
      talosVersion: "v1.11.5",
      kubernetesVersion: "v1.34.1",
      controlPlane: { machineClass: "cp" },
      workers: { machineClass: "worker" },
    },
    network: { nodes: `${net}.0/24`, gateway: `${net}.1`, nameservers: [`${net}.1`] },
    nodes: [
      { name: "cp-1", role: "controlplane", ip: `${net}.11` },
      { name: "cp-2", role: "controlplane", ip: `${net}.12` },
      { name: "cp-3", role: "controlplane", ip: `${net}.13` },
      { name: "worker-1", role: "worker", ip: `${net}.21` },
    ],
    cilium: {
      socketLB: { hostNamespaceOnly: false },
      bpf: { ctTcpTimeout: 21600, ctAnyTimeout: 3600 },
    },
    loadBalancer: { pools: { default: { blocks: [{ start: `${net}.200`, stop: `${net}.250` }] } } },
    gateways: { external: { address: `${net}.200` }, internal: { address: `${net}.201` } },
    tls: { issuer: { name: "letsencrypt-prod", external: "applied by the fleet's operators" } },
    apps: { argocd: argocd({ routes: [] }), ...userApps },
  });
}

/**
 * A fleet of `clusters` x `apps`.
 *
 * @example
 * ```ts
 * import { syntheticFleet } from "./fleet.ts";
 * import assert from "node:assert/strict";
 * const fleet = syntheticFleet(2, 3);
 * assert.equal(fleet.length, 2);
 * assert.equal(Object.keys(fleet[0].apps ?? {}).length, 4); // argocd + 3
 * ```
 */
export function syntheticFleet(clusters: number, apps: number): ClusterInput[] {
  return Array.from({ length: clusters }, (_, i) => syntheticCluster(i, apps));
}
