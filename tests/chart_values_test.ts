/**
 * Every values key Hydrate renders for a catalog chart is one a template of the
 * pinned chart reads: Helm ignores any other key without a word (the seed's
 * `bpf.ctTcpTimeout` and `gatewayAPI.sessionAffinity` did nothing). Each entry
 * below names the template that reads it at the pinned version; a key read as a
 * whole object (`toYaml`, `range`) covers every key below it. Until the
 * version-true checks read the vendored charts, this list pins the catalog.
 */
import assert from "node:assert/strict";
import { renderBuild } from "../lib/render.ts";
import { CLUSTERS } from "./_clusters.ts";

/** Values paths the chart's templates read, by `<chart> <version>`. */
const READ: Record<string, Record<string, string>> = {
  // cilium/charts cilium-1.18.4.tgz
  "cilium 1.18.4": {
    "cluster.name": "templates/cilium-configmap.yaml (cluster-name)",
    "ipam.mode": "templates/cilium-configmap.yaml ($ipam)",
    kubeProxyReplacement: "templates/cilium-configmap.yaml, cilium-agent/daemonset.yaml",
    k8sServiceHost: "templates/_helpers.tpl (define k8sServiceHost)",
    k8sServicePort: "templates/_helpers.tpl (define k8sServicePort)",
    "securityContext.capabilities.ciliumAgent": "templates/cilium-agent/daemonset.yaml",
    "securityContext.capabilities.cleanCiliumState": "templates/cilium-agent/daemonset.yaml",
    "cgroup.autoMount.enabled": "templates/cilium-agent/daemonset.yaml",
    "cgroup.hostRoot": "templates/cilium-configmap.yaml (cgroup-root)",
    "l2announcements.enabled": "templates/cilium-configmap.yaml",
    "l2announcements.leaseDuration": "templates/cilium-configmap.yaml",
    "l2announcements.leaseRenewDeadline": "templates/cilium-configmap.yaml",
    "l2announcements.leaseRetryPeriod": "templates/cilium-configmap.yaml",
    "k8sClientRateLimit.qps": "templates/cilium-configmap.yaml (k8s-client-qps)",
    "k8sClientRateLimit.burst": "templates/cilium-configmap.yaml (k8s-client-burst)",
    "gatewayAPI.enabled": "templates/cilium-configmap.yaml, cilium-gateway-api-class.yaml",
    "gatewayAPI.enableAlpn": "templates/cilium-configmap.yaml",
    "gatewayAPI.enableAppProtocol": "templates/cilium-configmap.yaml",
    "socketLB.enabled": "templates/cilium-configmap.yaml ($socketLB := coalesce .Values.socketLB)",
    "socketLB.hostNamespaceOnly": "templates/cilium-configmap.yaml ($socketLB)",
    "bandwidthManager.enabled": "templates/cilium-configmap.yaml",
    "bandwidthManager.bbr": "templates/cilium-configmap.yaml (enable-bbr)",
    "bpf.masquerade": "templates/cilium-configmap.yaml (enable-bpf-masquerade)",
    "bpf.hostLegacyRouting": "templates/cilium-configmap.yaml (enable-host-legacy-routing)",
    extraConfig: "templates/cilium-configmap.yaml (toYaml .Values.extraConfig)",
    "operator.replicas": "templates/cilium-operator/deployment.yaml",
    "hubble.relay.enabled": "templates/hubble-relay/*.yaml",
  },
  // argoproj/argo-helm charts/argo-cd at tag argo-cd-9.1.4
  "argo-cd 9.1.4": {
    "global.domain": "templates/_helpers.tpl (url preset of argocd-cm)",
    fullnameOverride: "templates/_common.tpl",
    "configs.params": "templates/_helpers.tpl (argo-cd.config.params, every key)",
    "configs.cm": "templates/_helpers.tpl (argo-cd.config.cm, every key)",
  },
  // cert-manager/cert-manager deploy/charts/cert-manager at tag v1.19.1
  "cert-manager v1.19.1": {
    "crds.enabled": "templates/crds.yaml",
    config: "templates/controller-config.yaml (toYaml into config.yaml)",
    replicaCount: "templates/deployment.yaml",
  },
  // longhorn/longhorn chart/ at tag v1.10.1
  "longhorn 1.10.1": {
    "preUpgradeChecker.jobEnabled": "templates/preupgrade-job.yaml",
  },
};

/** The leaf paths of a values object (a list is a leaf). */
function leaves(value: unknown, path: string[] = []): string[] {
  if (value === undefined) return []; // not emitted
  if (value === null || typeof value !== "object" || Array.isArray(value)) return [path.join(".")];
  return Object.entries(value).flatMap(([key, child]) => leaves(child, [...path, key]));
}

const covered = (read: Record<string, string>, path: string) =>
  Object.keys(read).some((key) => path === key || path.startsWith(`${key}.`));

for (
  const [source, cluster] of CLUSTERS
) {
  Deno.test(`${source}: every values key of a catalog chart is read by the pinned chart`, () => {
    const result = renderBuild(cluster, source);
    assert.deepEqual(result.problems, []);
    let checked = 0;
    for (const { component, values } of result.build!.values) {
      const chart = result.build!.components.find((c) => c.name === component)!.chart!;
      const read = READ[`${chart.chart} ${chart.version}`];
      if (!read) continue; // not a catalog chart (grafana in the lab)
      for (const path of leaves(values)) {
        assert.ok(covered(read, path), `${chart.chart} ${chart.version} reads no ${path}`);
        checked++;
      }
    }
    assert.ok(checked >= 20, `${checked} keys checked`);
  });
}

Deno.test("the keys the seed document got wrong are not in the list", () => {
  const read = READ["cilium 1.18.4"];
  for (const key of ["bpf.ctTcpTimeout", "gatewayAPI.sessionAffinity", "externalIPs.enabled"]) {
    assert.ok(!covered(read, key), key);
  }
});
