import assert from "node:assert/strict";
import { importRepository, type SourceTree } from "./mod.ts";

const REPO = "https://git.example.com/infra.git";

function tree(files: Record<string, string>, folders: string[] = []): SourceTree {
  return { files: new Map(Object.entries(files)), folders: new Set(folders) };
}

const TEMPLATE = `kind: Cluster
name: lab
kubernetes: { version: v1.34.1 }
talos: { version: v1.11.5 }
patches:
  - name: mixed
    inline:
      cluster: { proxy: { disabled: true } }
      machine:
        features: { kubePrism: { enabled: true, port: 7446 } }
        time: { servers: [time.example.com] }
---
kind: ControlPlane
machineClass: { name: lab-cp, size: 1 }
`;

Deno.test("import: a patch mixing derived fields and others keeps the others; the derived become facts", () => {
  const result = importRepository(tree({ "omni/template.yaml": TEMPLATE }), { sourcePath: "src" });
  assert.ok(typeof result === "object");
  const omni = result.cluster.omni as { patches: Record<string, unknown> };
  assert.deepEqual(omni.patches, {
    mixed: { machine: { time: { servers: ["time.example.com"] } } },
  });
  assert.deepEqual(result.cluster.kubePrism, { enabled: true, port: 7446 });
  assert.deepEqual(result.cluster.nodes, [{ name: "lab-cp-1", role: "controlplane", dhcp: true }]);
});

Deno.test("import: ApplicationSets it cannot expand, and values files outside the repository, are reported", () => {
  const listSet = `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata: { name: listed }
spec:
  generators: [{ list: { elements: [{ name: a }] } }]
  template: { metadata: { name: "{{name}}" }, spec: {} }
`;
  const clusterSet = `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata: { name: per-cluster }
spec:
  generators: [{ git: { repoURL: ${REPO}, revision: main, directories: [{ path: "apps/*" }] } }]
  template:
    metadata: { name: "{{path.basename}}-{{cluster}}" }
    spec: { source: { repoURL: ${REPO}, path: "{{path}}" }, destination: { namespace: x } }
`;
  const helm = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: { name: web }
spec:
  source:
    repoURL: https://charts.example.com
    chart: web
    targetRevision: 1.0.0
    helm: { valueFiles: [values-prod.yaml], valuesObject: { replicas: 2 } }
  destination: { namespace: web }
`;
  const result = importRepository(
    tree({
      "omni/template.yaml": TEMPLATE,
      "argocd/list.yaml": listSet,
      "argocd/per-cluster.yaml": clusterSet,
      "argocd/web.yaml": helm,
    }, ["apps", "apps/one"]),
    { sourcePath: "src" },
  );
  assert.ok(typeof result === "object");
  const what = result.findings.map((f) => `${f.where}: ${f.what}`);
  assert.ok(
    what.includes(
      "argocd/list.yaml (ApplicationSet listed): not carried: only a single Git directory generator over this repository is expanded",
    ),
    what.join("\n"),
  );
  assert.ok(
    what.includes(
      "argocd/per-cluster.yaml (ApplicationSet per-cluster): not carried: its template uses parameters other than path ones",
    ),
    what.join("\n"),
  );
  assert.ok(
    what.includes(
      "argocd/web.yaml (Application web): values file values-prod.yaml is not carried: not in this repository",
    ),
    what.join("\n"),
  );
  const apps = result.cluster.apps as Record<string, { values?: unknown; application?: unknown }>;
  assert.deepEqual(apps.web.values, { replicas: 2 });
  // No automated sync in the source: none in the app either.
  assert.deepEqual(apps.web.application, { automated: false });
});

Deno.test("import: a repository without an Omni template is refused", () => {
  assert.equal(
    importRepository(tree({ "a.yaml": "kind: ConfigMap\n" }), { sourcePath: "src" }),
    "src holds no Omni cluster template (a YAML file with kind: Cluster): nothing to import",
  );
});

Deno.test("import: automated sync as Argo CD reads it, and the fields it does not carry are named", () => {
  const app = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: web
  annotations: { argocd.argoproj.io/sync-wave: "3" }
spec:
  source:
    repoURL: https://git.example.com/web.git
    path: deploy
    plugin: { name: cmp }
  destination: { server: https://10.0.0.9:6443, namespace: web }
  syncPolicy:
    automated: {}
    managedNamespaceMetadata: { labels: { a: b } }
`;
  const result = importRepository(
    tree({ "omni/template.yaml": TEMPLATE, "argocd/web.yaml": app }),
    { sourcePath: "src" },
  );
  assert.ok(typeof result === "object");
  const apps = result.cluster.apps as Record<string, { application?: unknown }>;
  // `automated: {}` syncs without prune and self-heal (Argo CD's defaults are false).
  assert.deepEqual(apps.web.application, { automated: { prune: false, selfHeal: false } });
  const what = result.findings.filter((f) => f.where.startsWith("argocd/web.yaml")).map((f) =>
    f.what
  );
  assert.deepEqual(what.sort(), [
    "Hydrate adds its bounded retry (5 attempts, backoff 10s doubling to 3m): state application.retry: false for none",
    "Hydrate adds the sync options CreateNamespace=true, ServerSideApply=true",
    "its destination is another cluster (https://10.0.0.9:6443): Hydrate's Applications deploy to the cluster Argo CD runs in",
    "spec.source.plugin not carried",
    "spec.syncPolicy.managedNamespaceMetadata not carried",
    "sync wave 3 not carried: Hydrate orders the apps by dependsOn (state it, or application.wave)",
  ]);
});

Deno.test("import: values are read as Argo CD and Helm read them (Go's YAML 1.1: yes, on, 0755), not as YAML 1.2", () => {
  const app = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: { name: web }
spec:
  sources:
    - repoURL: https://charts.example.com
      chart: web
      targetRevision: 1.0.0
      helm: { valueFiles: [$values/values/web.yaml] }
    - { repoURL: ${REPO}, ref: values }
  destination: { namespace: web }
  syncPolicy: { automated: { prune: true, selfHeal: true } }
`;
  const result = importRepository(
    tree({
      "omni/template.yaml": TEMPLATE,
      "argocd/web.yaml": app,
      "values/web.yaml":
        "metrics: { enabled: yes, tls: off }\nmode: 0755\nport: 8080:80\nsince: 2024-01-01\n",
    }),
    { sourcePath: "src" },
  );
  assert.ok(typeof result === "object");
  const apps = result.cluster.apps as Record<string, { values?: unknown }>;
  assert.deepEqual(apps.web.values, {
    metrics: { enabled: true, tls: false },
    mode: 493,
    port: "8080:80",
    since: "2024-01-01",
  });
});
