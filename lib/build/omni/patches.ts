/**
 * The Talos machine-config patches Omni applies: kube-proxy, CNI, KubePrism,
 * subnets, the Gateway API CRDs, Longhorn's mounts, and each known node's static address.
 *
 * @module
 */
import type { ClusterConfig, NodeConfig } from "../../model/schema.ts";
import { cidr } from "../../model/net.ts";
import type { Patch } from "../../model/build.ts";

/** The names of the patches Hydrate always may render; no app's Talos patch may take them. */
export const CORE_PATCHES = [
  "disable-kube-proxy",
  "cni",
  "kubeprism",
  "subnets",
  "gateway-api-crds",
  "control-plane-scheduling",
];

/** The Gateway API standard-channel CRDs at a release, as Talos fetches them at bootstrap. */
export function gatewayApiCrdsUrl(version: string): string {
  return `https://github.com/kubernetes-sigs/gateway-api/releases/download/${version}/standard-install.yaml`;
}

/**
 * Builds the cluster-wide patches: kube-proxy, CNI, KubePrism, subnets, the
 * Gateway API CRDs, workloads on the control planes when there are no workers,
 * then the patches the apps need. `disable-kube-proxy` is there
 * exactly when Cilium replaces kube-proxy: the seed's critical rule holds by construction.
 *
 * @example
 * ```ts
 * import { clusterPatches } from "./patches.ts";
 * import { parseCluster } from "../../model/parse.ts";
 * import homelab from "../../../clusters/homelab.ts";
 * import assert from "node:assert/strict";
 * const parsed = parseCluster(homelab);
 * assert.ok(parsed.ok);
 * const kubeProxy = clusterPatches(parsed.cluster).find((p) => p.name === "disable-kube-proxy");
 * assert.deepEqual(kubeProxy?.body, { cluster: { proxy: { disabled: true } } });
 * ```
 */
export function clusterPatches(cluster: ClusterConfig): Patch[] {
  const patches: Patch[] = [];
  if (cluster.cilium.kubeProxyReplacement) {
    patches.push({
      name: "disable-kube-proxy",
      file: "disable-kube-proxy.yaml",
      body: { cluster: { proxy: { disabled: true } } },
    });
  }
  patches.push(
    { name: "cni", file: "cni.yaml", body: { cluster: { network: { cni: { name: "none" } } } } },
    {
      name: "kubeprism",
      file: "kubeprism.yaml",
      body: {
        machine: {
          features: {
            kubePrism: { enabled: cluster.kubePrism.enabled, port: cluster.kubePrism.port },
          },
        },
      },
    },
    {
      name: "subnets",
      file: "subnets.yaml",
      body: {
        cluster: {
          network: {
            podSubnets: [cluster.network.pods],
            serviceSubnets: [cluster.network.services],
          },
        },
      },
    },
    {
      name: "gateway-api-crds",
      file: "gateway-api-crds.yaml",
      body: {
        cluster: { extraManifests: [gatewayApiCrdsUrl(cluster.cilium.gatewayAPI.crdsVersion)] },
      },
    },
  );
  if (!cluster.nodes.some((node) => node.role === "worker")) {
    // Without workers, Talos's control-plane taint would leave every app (Argo CD first) Pending.
    patches.push({
      name: "control-plane-scheduling",
      file: "control-plane-scheduling.yaml",
      body: { cluster: { allowSchedulingOnControlPlanes: true } },
    });
  }
  return [...patches, ...statedPatches(cluster)];
}

/**
 * The patches the cluster file states: what the apps need from Talos, then the cluster's own
 * (`omni.patches`), last (rule "apps" keeps the names unique).
 */
function statedPatches(cluster: ClusterConfig): Patch[] {
  const apps = Object.values(cluster.apps).flatMap((app) =>
    Object.entries(app.talos?.patches ?? {}).map(([name, body]) => ({
      name,
      file: `${name}.yaml`,
      body,
    }))
  );
  const own = Object.entries(cluster.omni.patches).map(([name, body]) => ({
    name,
    file: `${name}.yaml`,
    body,
    field: `omni.patches.${name}`,
  }));
  return [...apps, ...own];
}

/**
 * Builds a node's patch: its hostname, its nameservers, and either its static
 * address on the node network with the default route through the network's
 * router, or DHCP (which brings the address, the route and, unless stated, the
 * nameservers). Talos runs DHCP on an unconfigured physical link anyway (talos
 * v1.11.5 internal/app/machined/pkg/controllers/network/operator_config.go); the
 * patch states it, so the node's file says how it gets its address.
 */
export function nodePatch(cluster: ClusterConfig, node: NodeConfig): Patch {
  const prefix = cidr(cluster.network.nodes).prefix;
  const address = node.dhcp ? { dhcp: true } : {
    dhcp: false,
    addresses: [`${node.ip}/${prefix}`],
    routes: [{ network: "0.0.0.0/0", gateway: cluster.network.gateway }],
  };
  return {
    name: `node-${node.name}`,
    file: `nodes/${node.name}.yaml`,
    body: {
      machine: {
        network: {
          hostname: node.name,
          nameservers: cluster.network.nameservers,
          interfaces: [{ deviceSelector: { physical: true }, ...address }],
        },
      },
    },
  };
}
