import assert from "node:assert/strict";
import { diffTrees, entities } from "./diff.ts";
import { fieldChanges } from "../model/field_changes.ts";
import { renderCluster } from "../render.ts";
import homelab from "../../clusters/homelab.ts";
import { defineCluster } from "../model/define.ts";
import { append, remove } from "../model/merge.ts";

function tree(input: unknown): Map<string, string> {
  const result = renderCluster(input, "clusters/homelab.ts");
  assert.deepEqual(result.problems, []);
  return new Map(result.files.map((file) => [file.path, file.content]));
}

Deno.test("fieldChanges matches list items by name, reports added and removed subtrees once", () => {
  const before = {
    spec: { listeners: [{ name: "http", port: 80 }, { name: "https", port: 443 }] },
  };
  const after = {
    spec: { listeners: [{ name: "https", port: 8443 }, { name: "grpc", port: 9000 }] },
  };
  assert.deepEqual(fieldChanges(before, after), [
    { path: "spec.listeners[name=http]", op: "removed", before: { name: "http", port: 80 } },
    { path: "spec.listeners[name=https].port", op: "changed", before: 443, after: 8443 },
    { path: "spec.listeners[name=grpc]", op: "added", after: { name: "grpc", port: 9000 } },
  ]);
  assert.deepEqual(
    fieldChanges({ metadata: { annotations: { "a.b/c": "1" } } }, {
      metadata: { annotations: { "a.b/c": "2" } },
    }),
    [
      { path: 'metadata.annotations["a.b/c"]', op: "changed", before: "1", after: "2" },
    ],
  );
  assert.deepEqual(fieldChanges({ a: [1, 2] }, { a: [1, 3, 4] }), [
    { path: "a[1]", op: "changed", before: 2, after: 3 },
    { path: "a[2]", op: "added", after: 4 },
  ]);
});

Deno.test("entities: resources by identity, other files by path; files without the header are left out", () => {
  const found = entities(new Map([...tree(homelab), ["apps/homelab/NOTES.yaml", "a: 1\n"]]));
  assert.ok(found.has("homelab gateway.networking.k8s.io/v1/Gateway gateway/gateway-internal"));
  assert.ok(found.has("homelab argoproj.io/v1alpha1/Application argocd/root"));
  assert.equal(found.get("homelab omni/homelab/cluster-template.yaml")?.type, "file");
  assert.equal(found.get("homelab apps/homelab/cilium/values.yaml")?.app, "cilium");
  assert.equal(
    found.get("homelab argoproj.io/v1alpha1/Application argocd/gateway")?.app,
    "gateway",
  );
  assert.ok(![...found.keys()].some((key) => key.includes("NOTES")));
});

Deno.test("no change, no report", () => {
  const report = diffTrees(tree(homelab), tree(structuredClone(homelab)));
  assert.deepEqual(report, { changes: [], summary: [], notes: [] });
});

Deno.test("risk flags: pool, Gateway address, kube-proxy replacement in Cilium and Omni", () => {
  const after = tree({
    ...homelab,
    loadBalancer: {
      pools: { default: { blocks: [{ start: "192.168.10.49", stop: "192.168.10.51" }] } },
    },
    gateways: { ...homelab.gateways, internal: { address: "192.168.10.51" } },
  });
  // Hydrate refuses kube-proxy replacement off; a tree edited by hand (or rendered by an older
  // Hydrate) can still bring the change, and the diff must flag it.
  for (const [path, text] of after) {
    after.set(path, text.replaceAll("kubeProxyReplacement: true", "kubeProxyReplacement: false"));
  }
  after.delete("omni/homelab/patches/disable-kube-proxy.yaml");
  const template = "omni/homelab/cluster-template.yaml";
  after.set(
    template,
    after.get(template)!.replace(
      "  - name: disable-kube-proxy\n    file: patches/disable-kube-proxy.yaml\n",
      "",
    ),
  );
  const report = diffTrees(tree(homelab), after);
  assert.deepEqual(report.summary, [{
    cluster: "homelab",
    added: 0,
    changed: 3,
    removed: 0,
    files: 3,
  }]);
  const risks = report.changes.flatMap((change) =>
    change.risks.map((risk) => `${change.label}: ${risk}`)
  );
  assert.deepEqual(risks, [
    "apps/homelab/cilium/values.yaml: Cilium kubeProxyReplacement: must change together with Omni's kube-proxy patch",
    "cilium.io/v2/CiliumLoadBalancerIPPool default: LoadBalancer pool: Services may lose or change their IPs",
    "gateway.networking.k8s.io/v1/Gateway gateway/gateway-internal: Gateway address: clients and DNS records point at the old IP",
    "omni/homelab/patches/disable-kube-proxy.yaml: Omni kube-proxy patch: applied to every machine",
    "v1/ConfigMap kube-system/hydrate-bootstrap-cilium-values: Bootstrap manifest: Omni applies it once, to a new cluster; a running cluster keeps what it has",
  ]);
  const templateChange = report.changes.find((change) => change.path === template);
  assert.deepEqual(templateChange?.fields.map((field) => `${field.path} ${field.op}`), [
    "Cluster.patches[name=disable-kube-proxy] removed",
  ]);
});

Deno.test("a removed Application is flagged (Argo CD prunes it); a sync-wave change prints the order before and after", () => {
  const without = tree(defineCluster(homelab, { apps: { longhorn: remove() } }));
  const removed = diffTrees(tree(homelab), without);
  const app = removed.changes.find((change) =>
    change.label === "argoproj.io/v1alpha1/Application argocd/longhorn"
  );
  assert.equal(app?.status, "removed");
  assert.deepEqual(app?.risks, [
    "Application removed: Argo CD prunes it; what it deployed stays, orphaned (it has no resources finalizer)",
  ]);
  // An app whose deletion cascades (cascadeDelete: true puts Argo CD's resources finalizer on it).
  const cascading = defineCluster(homelab, { apps: { longhorn: { cascadeDelete: true } } });
  const gone = diffTrees(tree(cascading), without).changes.find((change) =>
    change.label === "argoproj.io/v1alpha1/Application argocd/longhorn"
  );
  assert.deepEqual(gone?.risks, [
    "Application removed: Argo CD prunes it and, by its finalizer, deletes everything it deployed",
  ]);
  assert.deepEqual(removed.summary, [{
    cluster: "homelab",
    added: 0,
    changed: 0,
    removed: 2,
    files: 3,
  }]);

  const noRoute = tree(defineCluster(homelab, { apps: { argocd: { routes: [] } } }));
  const reordered = diffTrees(tree(homelab), noRoute);
  assert.deepEqual(reordered.notes, [
    "homelab: sync order changes: before cilium (0) -> cert-manager, cilium-lb (1) -> gateway (2) -> argocd, longhorn (3); after cilium (0) -> argocd, cert-manager, cilium-lb (1) -> gateway (2) -> longhorn (3)",
  ]);
});

Deno.test("version changes that restart or reboot nodes are flagged with what they do", () => {
  const bumped = defineCluster(homelab, {
    omni: { talosVersion: "v1.11.6", kubernetesVersion: "v1.34.2" },
    cilium: { chart: { version: "1.18.5" }, gatewayAPI: { crdsVersion: "v1.4.0" } },
    apps: { longhorn: remove() },
  });
  const risks = diffTrees(tree(homelab), tree(bumped)).changes.flatMap((change) =>
    change.risks.map((risk) => `${change.path}: ${risk}`)
  );
  for (
    const expected of [
      "omni/homelab/cluster-template.yaml: Talos version: Omni upgrades every node, one at a time (each one drains and reboots)",
      "omni/homelab/cluster-template.yaml: Kubernetes version: Omni upgrades the control plane, then every kubelet",
      "omni/homelab/cluster-template.yaml: System extensions: a new installer image; every node is upgraded to it and reboots",
      "omni/homelab/patches/gateway-api-crds.yaml: Gateway API CRDs version: Talos applies the new release's CRDs; the Gateways and routes must be valid under it, and Cilium must support it",
      "apps/homelab/applications/cilium.yaml: Cilium chart version: every Cilium agent restarts, node by node (connections through each node are interrupted)",
    ]
  ) assert.ok(risks.includes(expected), `${expected}\nin\n${risks.join("\n")}`);
});

Deno.test("an app moved to another project or namespace, and a KubePrism change, are flagged with what they do", () => {
  const moved = defineCluster(homelab, {
    kubePrism: { port: 7446 },
    projects: { storage: { description: "Storage", clusterResources: true } },
    apps: { longhorn: { namespace: "storage", project: "storage" } },
  });
  const risks = diffTrees(tree(homelab), tree(moved)).changes.flatMap((change) =>
    change.risks.map((risk) => `${change.path}: ${risk}`)
  );
  for (
    const expected of [
      "apps/homelab/applications/longhorn.yaml: Application project changed: the app is checked against another AppProject's allowed sources, destinations and kinds; its syncs can be refused",
      "apps/homelab/applications/longhorn.yaml: Application destination changed (another namespace or cluster): its resources are created there, and those at the old destination are pruned (or left orphaned without prune)",
      "omni/homelab/patches/kubeprism.yaml: KubePrism: every kubelet and Cilium agent reaches the API server through it; Omni applies the change to every machine, and Cilium's k8sServicePort moves with it (agents restart)",
    ]
  ) assert.ok(risks.includes(expected), `${expected}\nin\n${risks.join("\n")}`);
});

Deno.test("a machine set's own extensions are flagged with the reboot of its machines", () => {
  const gpu = (extensions: string[]) =>
    defineCluster(homelab, {
      omni: { workerSets: { gpu: { machineClass: "gpu", systemExtensions: extensions } } },
      nodes: append({
        name: "talos-gpu-1",
        role: "worker" as const,
        ip: "192.168.10.31",
        set: "gpu",
      }),
    });
  const risks = diffTrees(
    tree(gpu(["siderolabs/nvidia-container-toolkit-production"])),
    tree(gpu(["siderolabs/nvidia-container-toolkit-lts"])),
  ).changes.flatMap((change) => change.risks.map((risk) => `${change.path}: ${risk}`));
  assert.deepEqual(risks, [
    "omni/homelab/cluster-template.yaml: System extensions of machine set gpu: a new installer image; each of its machines is upgraded to it and reboots",
  ]);
});

Deno.test("turning an app's automated sync off, or its prune, is flagged with what it does", () => {
  const manual = defineCluster(homelab, {
    apps: { longhorn: { application: { automated: false } } },
  });
  const noPrune = defineCluster(homelab, {
    apps: { longhorn: { application: { automated: { prune: false } } } },
  });
  const risksOf = (after: unknown) =>
    diffTrees(tree(homelab), tree(after)).changes.flatMap((change) => change.risks);
  assert.ok(
    risksOf(manual).includes(
      "Application automated sync turned off: Argo CD no longer syncs, prunes or self-heals it; every change waits for a person to sync",
    ),
  );
  assert.ok(
    risksOf(noPrune).includes(
      "Application prune changed: with it on, resources removed from Git are deleted; off, they stay in the cluster",
    ),
  );
});
