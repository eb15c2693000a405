/**
 * The text of a new cluster file: every field a cluster must state, each with a
 * comment saying what to fill in. The facts only the user knows (the repository
 * Argo CD reads, the ACME contact) are placeholders the render refuses (rules 32
 * and 19), never a default that is someone else's; the rest are example values
 * that render as they are, so a new cluster is refined step by step.
 *
 * @module
 */

import { PLACEHOLDER_EMAIL, PLACEHOLDER_REPO_URL } from "../model/repository.ts";

/** Whether `name` can be a cluster name (a DNS-1123 label of at most 32 characters). */
export function isClusterName(name: string): boolean {
  return /^[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?$/.test(name);
}

/**
 * The source of `clusters/<name>.ts`. With `shared`, it extends
 * `clusters/_shared.ts` and states only what differs; otherwise it states the
 * shared facts too.
 *
 * @example
 * ```ts
 * import { scaffoldCluster } from "./scaffold.ts";
 * import assert from "node:assert/strict";
 * const text = scaffoldCluster("edge", true);
 * assert.match(text, /name: "edge",/);
 * assert.match(text, /import shared from "\.\/_shared\.ts";/);
 * ```
 */
export function scaffoldCluster(name: string, shared: boolean): string {
  const { head, omniVersions, apps } = layerParts(shared);
  return `/**
 * The ${name} cluster. Scaffolded by \`deno task new-cluster ${name}\`: replace each
 * example value with this cluster's, then run \`deno task render\`.
 */
${head}
${clusterFacts(name, omniVersions)}
${ownFacts(name)}
${apps}
});
`;
}

/** The facts only the user knows: their repository and their certificate issuer. */
function ownFacts(name: string): string {
  return `  // The Git repository Argo CD reads apps/${name}/ from: this repository, as Argo CD reaches
  // it. The render refuses this placeholder until you state yours.
  git: { repoURL: "${PLACEHOLDER_REPO_URL}", revision: "main" },
  // The cert-manager issuer of the Gateways' wildcard certificates: an ACME account (Let's
  // Encrypt, which refuses this placeholder address) that proves the domain by DNS-01 (a wildcard
  // needs it); the DNS provider's token stays in a Secret you create (deno task bootstrap says
  // how). Or an app of yours that renders the issuer, or external: "where it is created".
  tls: {
    issuer: {
      kind: "ClusterIssuer",
      name: "letsencrypt-prod",
      acme: {
        email: "${PLACEHOLDER_EMAIL}",
        solver: {
          dns01: {
            cloudflare: { apiTokenSecretRef: { name: "cloudflare-api-token", key: "api-token" } },
          },
        },
      },
    },
  },`;
}

/** What differs between a cluster that extends the shared layer and one that stands alone. */
function layerParts(
  shared: boolean,
): { head: string; omniVersions: string; apps: string } {
  const head = shared
    ? `import { defineCluster } from "../mod.ts";
import shared from "./_shared.ts";

export default defineCluster(shared, {`
    : `import { argocd, certManager, defineCluster } from "../mod.ts";

export default defineCluster({`;
  const omniVersions = shared ? "" : `
    // The Talos and Kubernetes versions Omni installs.
    talosVersion: "v1.11.5",
    kubernetesVersion: "v1.34.1",`;
  const apps = shared
    ? `  // Apps beyond the shared ones: catalog apps (longhorn(), certManager()) or your own
  // (helmApp, manifestsApp, gitApp from ../mod.ts). remove() (from ../mod.ts) drops a shared one.
  apps: {},`
    : `  // The apps it runs: catalog apps (argocd(), longhorn(), certManager()) or your own
  // (helmApp, manifestsApp, gitApp from ../mod.ts).
  apps: { "cert-manager": certManager(), argocd: argocd() },`;
  return { head, omniVersions, apps };
}

/** The facts every cluster states, with a comment each. */
function clusterFacts(name: string, omniVersions: string): string {
  return `  // The cluster's name: the Omni cluster, Cilium's cluster.name, and apps/${name}/, omni/${name}/.
  name: "${name}",
  // The DNS domain its Gateways serve: a route's host becomes <host>.<domain>.
  domain: "${name}.example.com",
  omni: {${omniVersions}
    // Omni picks machines by class for nodes without a machineId: create this class in Omni.
    controlPlane: { machineClass: "${name}-control-plane" },
  },
  network: {
    // The node network (the nodes' static IPs), its router and DNS servers.
    nodes: "192.168.100.0/24",
    gateway: "192.168.100.1",
    nameservers: ["192.168.100.1"],
  },
  // Every node: name, role ("controlplane" or "worker") and static IP. Add machineId (the Omni
  // machine UUID) to every node of a role to pin those machines and their addresses.
  nodes: [
    { name: "${name}-cp-1", role: "controlplane", ip: "192.168.100.11" },
  ],
  loadBalancer: {
    // The LoadBalancer IPs Cilium hands out and announces over L2: inside the node network,
    // clear of every node, the router and your DHCP range.
    pools: { default: { blocks: [{ start: "192.168.100.49", stop: "192.168.100.50" }] } },
  },
  // The Gateways (gateway-<key>), each pinned to an address of a pool.
  gateways: { internal: { address: "192.168.100.50" } },
  // One control-plane node and no workers: a second Cilium operator replica would stay Pending.
  cilium: { values: { operator: { replicas: 1 } } },`;
}
