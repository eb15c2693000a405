/**
 * What a cluster pins and the version-true checks read: the chart of every Helm
 * component, the Gateway API CRDs Talos installs, the CRDs Cilium's operator
 * registers at the chart's version, the Talos machine-config schema, and the
 * CRDs the cluster file names by URL. Each with the URL `deno task vendor`
 * fetches it from.
 *
 * @module
 */
import type { ClusterConfig } from "../model/schema.ts";
import type { Component } from "../model/build.ts";
import { type Artifact, sha256 } from "../model/upstream/vendor.ts";
import { components } from "./components.ts";
import { gatewayApiCrdsUrl } from "./omni/patches.ts";

const RAW = "https://raw.githubusercontent.com";

/**
 * The CRDs cilium-operator registers that Hydrate's checks read (the LB-IPAM pool,
 * the L2 announcement policy and the network policies): cilium/cilium
 * `pkg/k8s/apis/cilium.io/client/crds/` at the agent's tag, the chart's version.
 */
export const CILIUM_CRDS = [
  "v2/ciliumloadbalancerippools.yaml",
  "v2alpha1/ciliuml2announcementpolicies.yaml",
  "v2/ciliumnetworkpolicies.yaml",
  "v2/ciliumclusterwidenetworkpolicies.yaml",
];

function chartArtifact(
  chart: { repoURL: string; chart: string; version: string },
  pinnedAt: string,
): Artifact {
  return {
    dir: `charts/${chart.chart}/${chart.version}`,
    label: `${chart.chart} ${chart.version}`,
    pinnedAt,
    source: { kind: "chart", ...chart },
  };
}

/**
 * The artifacts a cluster pins, each once, in a stable order (`list`: its
 * components, when they are built already).
 *
 * @example
 * ```ts
 * import { vendorPlan } from "./vendor_plan.ts";
 * import { parseCluster } from "../model/parse.ts";
 * import homelab from "../../clusters/homelab.ts";
 * import assert from "node:assert/strict";
 * const parsed = parseCluster(homelab);
 * assert.ok(parsed.ok);
 * const dirs = vendorPlan(parsed.cluster).map((artifact) => artifact.dir);
 * assert.ok(dirs.includes("charts/cilium/1.18.4"));
 * assert.ok(dirs.includes("crds/gateway-api/v1.3.0"));
 * assert.ok(dirs.includes("talos/v1.11.5"));
 * ```
 */
export function vendorPlan(
  cluster: ClusterConfig,
  list: readonly Component[] = components(cluster),
): Artifact[] {
  const charts = list.flatMap((component) => [
    ...(component.chart
      ? [chartArtifact(
        component.chart,
        component.name === "cilium"
          ? "cilium.chart.version"
          : `apps.${component.name}.chart.version`,
      )]
      : []),
    ...(component.charts ?? []).map((extra, i) =>
      chartArtifact(extra.chart, `apps.${component.name}.charts[${i}].chart.version`)
    ),
  ]);
  const all = [...charts, ...crdArtifacts(cluster), talosArtifact(cluster.omni.talosVersion)];
  return all.filter((artifact, i) => all.findIndex((a) => a.dir === artifact.dir) === i);
}

/** The Gateway API CRDs Talos installs, Cilium's at the chart's version, those named by URL. */
function crdArtifacts(cluster: ClusterConfig): Artifact[] {
  const gateway = cluster.cilium.gatewayAPI.crdsVersion;
  const cilium = cluster.cilium.chart.version;
  return [
    {
      dir: `crds/gateway-api/${gateway}`,
      label: `Gateway API CRDs ${gateway}`,
      pinnedAt: "cilium.gatewayAPI.crdsVersion",
      source: { kind: "files", files: { "standard-install.yaml": gatewayApiCrdsUrl(gateway) } },
    },
    {
      dir: `crds/cilium/${cilium}`,
      label: `Cilium ${cilium} CRDs`,
      pinnedAt: "cilium.chart.version",
      source: {
        kind: "files",
        files: Object.fromEntries(CILIUM_CRDS.map((path) => [
          path.split("/")[1],
          `${RAW}/cilium/cilium/v${cilium}/pkg/k8s/apis/cilium.io/client/crds/${path}`,
        ])),
      },
    },
    ...Object.entries(cluster.crds).map(([name, url]): Artifact => ({
      // By the URL's digest: another URL is another artifact, never a stale one.
      dir: `crds/url/${sha256(url).slice(0, 16)}`,
      label: `CRDs at ${url}`,
      pinnedAt: `crds.${name}`,
      source: { kind: "files", files: { [`${name}.yaml`]: url } },
    })),
  ];
}

function talosArtifact(talos: string): Artifact {
  return {
    dir: `talos/${talos}`,
    label: `Talos ${talos} machine-config schema`,
    pinnedAt: "omni.talosVersion",
    source: {
      kind: "files",
      files: {
        "config.schema.json":
          `${RAW}/siderolabs/talos/${talos}/pkg/machinery/config/schemas/config.schema.json`,
      },
    },
  };
}
