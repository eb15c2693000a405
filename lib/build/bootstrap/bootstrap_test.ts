import assert from "node:assert/strict";
import { load } from "js-yaml";
import { emitBuild } from "../../output/files.ts";
import { allResources, type Build } from "../../model/build.ts";
import { checkBuilt } from "../../rules/mod.ts";
import { rule as omniTemplate } from "../../rules/omni_template.ts";

const templateRules = omniTemplate.built!;
import { defineCluster } from "../../model/define.ts";
import { remove } from "../../model/merge.ts";
import homelab from "../../../clusters/homelab.ts";
import { buildOf } from "../_build_of.ts";
import { bootstrapRules, parseHelmArgs } from "../../rules/bootstrap_adoption.ts";
import { bootstrapSteps, helmCommand, stepsText } from "./steps.ts";

const lines = (problems: { path: string; message: string }[]) =>
  problems.map((p) => `${p.path}: ${p.message}`);

function ciliumApplication(build: Build) {
  const found = build.resources.find((r) => r.path === "apps/homelab/applications/cilium.yaml");
  assert.ok(found);
  return found.resource as unknown as { spec: { sources: Record<string, unknown>[] } };
}

Deno.test("homelab: Omni installs Cilium, then Argo CD, whose Job then applies the root Application", () => {
  const build = buildOf(homelab);
  assert.deepEqual(build.manifests, [
    { name: "bootstrap-cilium", mode: "one-time", file: "omni/homelab/bootstrap/cilium.yaml" },
    { name: "bootstrap-argocd", mode: "one-time", file: "omni/homelab/bootstrap/argocd.yaml" },
  ]);
  const cluster = build.template.find((doc) => doc.kind === "Cluster");
  // Omni >= 1.8 resolves the files against the template's folder, omni/homelab/.
  assert.deepEqual((cluster?.kubernetes as { manifests: unknown }).manifests, [
    { name: "bootstrap-cilium", mode: "one-time", file: "bootstrap/cilium.yaml" },
    { name: "bootstrap-argocd", mode: "one-time", file: "bootstrap/argocd.yaml" },
  ]);
  assert.deepEqual(checkBuilt(build), []);
  const job = build.bootstrap[1].resources.find((r) => r.resource.kind === "Job")!.resource;
  const pod = (job.spec as { template: { spec: Record<string, unknown> } }).template.spec;
  assert.deepEqual((pod.initContainers as { name: string }[]).map((c) => c.name), ["helm"]);
  assert.deepEqual(pod.containers, [{
    name: "apply",
    image: "registry.k8s.io/kubectl:v1.34.1",
    args: ["apply", "--server-side", "-f", "/values/root.yaml"],
    volumeMounts: [{ name: "values", mountPath: "/values", readOnly: true }],
  }]);
});

Deno.test("rule 17: the root the Argo CD Job applies is the committed root", () => {
  const build = buildOf(homelab);
  const map = build.bootstrap[1].resources.find((r) => r.resource.kind === "ConfigMap")!.resource;
  (map.data as Record<string, string>)["root.yaml"] += "  # changed\n";
  assert.deepEqual(lines(bootstrapRules(build)), [
    "omni/homelab/bootstrap/argocd.yaml: Job kube-system/hydrate-bootstrap-argocd applies a root.yaml that differs from apps/homelab/root.yaml: the cluster would start from another root than the one committed",
  ]);
});

Deno.test("the bootstrap ConfigMap holds the very bytes of the Application's values file", () => {
  const build = buildOf(homelab);
  const files = new Map(emitBuild(build, "clusters/homelab.ts").map((f) => [f.path, f.content]));
  for (const component of ["cilium", "argocd"]) {
    const bootstrap = load(
      files.get(`omni/homelab/bootstrap/${component}.yaml`)!.split("\n---\n")[2],
    ) as { data: Record<string, string> };
    const values = files.get(`apps/homelab/${component}/values.yaml`)!;
    assert.equal(bootstrap.data["values.yaml"], values.slice(values.indexOf("\n") + 1));
  }
});

Deno.test("the Cilium Job runs before any CNI: host network, every taint tolerated, KubePrism", () => {
  const build = buildOf(homelab);
  const job = allResources(build).find((r) => r.resource.kind === "Job")!.resource;
  const pod = (job.spec as { template: { spec: Record<string, unknown> } }).template.spec;
  assert.equal(pod.hostNetwork, true);
  assert.equal(pod.dnsPolicy, "Default");
  assert.deepEqual(pod.tolerations, [{ operator: "Exists" }]);
  const container = (pod.containers as { env: unknown; image: string }[])[0];
  assert.equal(container.image, "docker.io/alpine/helm:3.18.4");
  assert.deepEqual(container.env, [
    { name: "KUBERNETES_SERVICE_HOST", value: "localhost" },
    { name: "KUBERNETES_SERVICE_PORT", value: "7445" },
  ]);
});

Deno.test("bootstrap.argocd command: only Cilium in the template, the steps print the Argo CD install", () => {
  const build = buildOf(defineCluster(homelab, { bootstrap: { argocd: "command" } }));
  assert.deepEqual(build.manifests.map((m) => m.name), ["bootstrap-cilium"]);
  const text = stepsText("homelab", bootstrapSteps(build));
  assert.match(
    text,
    /helm upgrade --install argocd argo-cd --repo https:\/\/argoproj\.github\.io\/argo-helm --version 9\.1\.4 --namespace argocd --create-namespace --values apps\/homelab\/argocd\/values\.yaml/,
  );
  assert.match(text, /kubectl apply --server-side -f apps\/homelab\/root\.yaml/);
});

Deno.test("a cluster without Argo CD: Cilium alone", () => {
  const build = buildOf(defineCluster(homelab, { apps: { argocd: remove() } }));
  assert.deepEqual(build.manifests.map((m) => m.name), ["bootstrap-cilium"]);
  const steps = bootstrapSteps(build);
  assert.equal(steps[4].title, "Argo CD");
  assert.match(steps[4].about, /runs no app from the argo-cd chart/);
});

Deno.test("rule 17: an Application carrying values the bootstrap does not install is refused", () => {
  const build = buildOf(homelab);
  const app = ciliumApplication(build);
  const helm = app.spec.sources[0].helm as Record<string, unknown>;
  helm.valuesObject = { debug: { enabled: true } };
  helm.releaseName = "cilium-main";
  assert.deepEqual(lines(bootstrapRules(build)), [
    "omni/homelab/bootstrap/cilium.yaml: Job kube-system/hydrate-bootstrap-cilium installs release name cilium, but apps/homelab/applications/cilium.yaml deploys cilium-main: Argo CD would replace what the bootstrap installed",
    "omni/homelab/bootstrap/cilium.yaml: apps/homelab/applications/cilium.yaml sets spec.source(s).helm.valuesObject, which the bootstrap does not install; keep every value in the values file",
  ]);
});

Deno.test("rule 17: a values change in the Application's file alone is caught, field by field", () => {
  const build = buildOf(homelab);
  const values = build.values.find((entry) => entry.component === "argocd")!;
  values.values = { ...values.values, fullnameOverride: "argo" };
  assert.deepEqual(lines(bootstrapRules(build)), [
    "omni/homelab/bootstrap/argocd.yaml: Job kube-system/hydrate-bootstrap-argocd installs values fullnameOverride: argocd, but apps/homelab/argocd/values.yaml has argo",
  ]);
});

Deno.test("rule 16: every Omni manifest named once, with a known mode and a file omnictl resolves", () => {
  const build = buildOf(homelab);
  const cluster = build.template.find((doc) => doc.kind === "Cluster")!;
  (cluster.kubernetes as { manifests: unknown[] }).manifests = [
    { name: "bootstrap-cilium", mode: "one-time", file: "bootstrap/cilium.yaml" },
    { name: "bootstrap-cilium", mode: "always", file: "bootstrap/missing.yaml" },
    { name: "root", mode: "one-time", file: "../../apps/homelab/root.yaml" },
  ];
  assert.deepEqual(lines(templateRules(build)), [
    "omni/homelab/cluster-template.yaml: manifest bootstrap-cilium is listed twice",
    "omni/homelab/cluster-template.yaml: manifest bootstrap-cilium has mode always (one-time or full)",
    "omni/homelab/cluster-template.yaml: manifest bootstrap-cilium bootstrap/missing.yaml: omnictl v1.10.4 reads omni/homelab/bootstrap/missing.yaml, which is not rendered",
    `omni/homelab/cluster-template.yaml: manifest root ../../apps/homelab/root.yaml: ../../apps/homelab/root.yaml escapes the template's folder omni/homelab/, the only one omnictl v1.10.4 reads by default (--allowed-dir ./): "path escapes from parent"`,
  ]);
});

Deno.test("helm arguments: flags with a separate value or with =, positionals in order", () => {
  const parsed = parseHelmArgs([
    "upgrade",
    "--install",
    "cilium",
    "--repo=https://helm.cilium.io",
    "cilium",
    "--version",
    "1.18.4",
  ]);
  assert.equal(parsed.release, "cilium");
  assert.equal(parsed.chart, "cilium");
  assert.equal(parsed.flags.get("repo"), "https://helm.cilium.io");
  assert.equal(parsed.flags.get("version"), "1.18.4");
});

Deno.test("the steps name the cluster's own files, Gateways and addresses, in order", () => {
  const build = buildOf(homelab);
  const steps = bootstrapSteps(build);
  assert.deepEqual(steps.map((step) => step.title), [
    "Render, check and push",
    "Create the cluster in Omni",
    "Reach the API server",
    "Cilium (installed by Omni)",
    "Argo CD (installed by Omni)",
    "TLS issuer ClusterIssuer letsencrypt-prod",
    "Wait for the apps",
    "Verify",
    "Remove the bootstrap objects",
  ]);
  // Before the waves: a Gateway without its certificate is Degraded and holds the later waves back.
  assert.deepEqual(steps[5].commands, [
    "kubectl -n argocd wait application/cert-manager --for=jsonpath='{.status.health.status}'=Healthy --timeout=15m",
    "kubectl apply -f <your ClusterIssuer letsencrypt-prod>",
    "kubectl get clusterissuer letsencrypt-prod",
    "kubectl get certificate -n gateway",
  ]);
  const verify = steps[7];
  assert.ok(verify.commands.includes("kubectl get pods -n kube-system -l k8s-app=kube-proxy"));
  assert.ok(verify.commands.includes("arp -a | grep 192.168.10.49"));
  assert.match(
    verify.expect,
    /gateway-external \(192\.168\.10\.49\), gateway-internal \(192\.168\.10\.50\) PROGRAMMED True/,
  );
  assert.deepEqual(steps[8].commands, [
    "kubectl delete -f omni/homelab/bootstrap/cilium.yaml -f omni/homelab/bootstrap/argocd.yaml",
  ]);
});

Deno.test("an ACME issuer with DNS-01: the step creates the provider's Secret, never in Git", () => {
  const build = buildOf(defineCluster(homelab, {
    tls: {
      issuer: {
        external: remove(),
        acme: {
          email: "ops@vanillax.me",
          solver: {
            dns01: {
              cloudflare: { apiTokenSecretRef: { name: "cloudflare-api-token", key: "api-token" } },
            },
          },
        },
      },
    },
  }));
  const step = bootstrapSteps(build).find((s) => s.title.startsWith("TLS issuer"))!;
  assert.deepEqual(step.commands, [
    "kubectl create namespace cert-manager --dry-run=client -o yaml | kubectl apply -f -",
    "kubectl -n cert-manager create secret generic cloudflare-api-token --from-literal=api-token=<from your DNS provider>",
    "kubectl get clusterissuer letsencrypt-prod",
    "kubectl get certificate -n gateway",
  ]);
  assert.deepEqual(checkBuilt(build), []);
  const issuer = build.resources.find((r) => r.resource.kind === "ClusterIssuer");
  assert.equal(issuer?.path, "apps/homelab/tls-issuer/clusterissuer-letsencrypt-prod.yaml");
  assert.equal(build.waves.get("tls-issuer"), build.waves.get("cert-manager")! + 1);
});

Deno.test("the helm command a person runs quotes each argument: sh reads back exactly the release's facts", async () => {
  const hostile = "https://charts.example.com/a;touch${IFS}p1;$(touch${IFS}p2)'`touch${IFS}p3`";
  const release = {
    release: "argocd",
    namespace: "argocd",
    chart: { repoURL: hostile, chart: "argo-cd", version: "9.1.4" },
    values: {},
  };
  const command = helmCommand(release, "apps/x y/argocd/values.yaml");
  const dir = await Deno.makeTempDir({ prefix: "hydrate-helm-command-" });
  try {
    const output = await new Deno.Command("sh", {
      args: ["-c", `helm() { printf '%s\\n' "$@"; }\n${command}`],
      cwd: dir,
      stdout: "piped",
    }).output();
    assert.deepEqual(new TextDecoder().decode(output.stdout).split("\n").slice(0, -1), [
      ..."upgrade --install argocd argo-cd --repo".split(" "),
      hostile,
      ..."--version 9.1.4 --namespace argocd --create-namespace --values".split(" "),
      "apps/x y/argocd/values.yaml",
    ]);
    assert.deepEqual([...Deno.readDirSync(dir)], [], "nothing else ran");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
  // Safe words stay bare.
  assert.equal(
    helmCommand({
      ...release,
      chart: { ...release.chart, repoURL: "https://argoproj.github.io/argo-helm" },
    }, "apps/homelab/argocd/values.yaml"),
    "helm upgrade --install argocd argo-cd --repo https://argoproj.github.io/argo-helm --version 9.1.4 --namespace argocd --create-namespace --values apps/homelab/argocd/values.yaml",
  );
});
