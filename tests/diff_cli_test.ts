/**
 * End to end: `deno task diff` on a temporary git repository, as a reviewer runs
 * it on a pull request branch (base: the merge base with main).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { edit, git, run, tempRepo } from "./_e2e.ts";

/** A repository with the homelab rendered and committed on main, and a branch `pr` checked out. */
async function repo(
  prepare?: (cluster: string) => Promise<void>,
): Promise<{ dir: string; cluster: string }> {
  const dir = await tempRepo();
  const cluster = join(dir, "clusters/homelab.ts");
  if (prepare) await prepare(cluster);
  await git(dir, "init", "-q");
  assert.equal((await run("render", dir)).code, 0);
  await git(dir, "add", "-A");
  await git(dir, "commit", "-qm", "base");
  await git(dir, "checkout", "-qb", "pr");
  return { dir, cluster };
}

async function commitRender(dir: string) {
  const render = await run("render", dir);
  assert.equal(render.code, 0, render.stderr);
  await git(dir, "add", "-A");
  await git(dir, "commit", "-qm", "change");
}

Deno.test("diff: no change exits 0", async () => {
  const { dir } = await repo();
  try {
    const result = await run("diff", dir);
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      /^No rendered change against merge-base with main \([0-9a-f]{12}\)\.\n$/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("diff: a moved Gateway address shows the field paths and the risk flags, exit 2", async () => {
  const { dir, cluster } = await repo();
  try {
    await edit(cluster, 'stop: "192.168.10.50"', 'stop: "192.168.10.51"');
    await edit(
      cluster,
      'internal: { address: "192.168.10.50" }',
      'internal: { address: "192.168.10.51" }',
    );
    await commitRender(dir);
    const result = await run("diff", dir);
    assert.equal(result.code, 2, result.stderr);
    assert.equal(result.stderr, "");
    const out = result.stdout;
    assert.match(
      out,
      /homelab: 0 added, 2 changed, 0 removed \(resources\); 1 file\(s\) changed outside Kubernetes/,
    );
    assert.match(out, /^ {6}spec\.addresses\[0\]\.value: 192\.168\.10\.50 -> 192\.168\.10\.51$/m);
    assert.match(out, /^ {6}spec\.blocks\[0\]\.stop: 192\.168\.10\.50 -> 192\.168\.10\.51$/m);
    assert.match(
      out,
      /! homelab \/ gateway: gateway\.networking\.k8s\.io\/v1\/Gateway gateway\/gateway-internal: Gateway address/,
    );
    assert.match(
      out,
      /! homelab \/ cilium-lb: cilium\.io\/v2\/CiliumLoadBalancerIPPool default: LoadBalancer pool/,
    );
    assert.match(out, /^ {6}- {6}value: 192\.168\.10\.50\n {6}\+ {6}value: 192\.168\.10\.51$/m);

    const markdown = await run("diff", dir, "--format", "markdown");
    assert.equal(markdown.code, 2);
    assert.ok(
      markdown.stdout.startsWith("<!-- hydrate-diff part 1/1 -->\n## Hydrate: rendered change\n"),
    );
    assert.match(markdown.stdout, /\| homelab \| 0 \| 2 \| 0 \| 1 \|/);
    assert.match(
      markdown.stdout,
      /- `spec\.addresses\[0\]\.value: 192\.168\.10\.50 -> 192\.168\.10\.51`/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("diff: a user-defined Helm app added with a route counts its resources and files", async () => {
  const { dir, cluster } = await repo();
  try {
    await edit(
      cluster,
      'import { defineCluster, longhorn } from "../mod.ts";',
      'import { defineCluster, helmApp, longhorn, route } from "../mod.ts";',
    );
    await edit(
      cluster,
      "    longhorn: longhorn(),\n",
      `    longhorn: longhorn(),
    grafana: helmApp({
      chart: { repoURL: "https://grafana.github.io/helm-charts", chart: "grafana", version: "10.1.4" },
      namespace: "monitoring",
      values: { persistence: { enabled: true, storageClassName: "longhorn" } },
      routes: [route({ host: "grafana", gateway: "internal", service: "grafana", port: 80 })],
      dependsOn: ["longhorn"],
    }),
`,
    );
    await commitRender(dir);
    const result = await run("diff", dir);
    assert.equal(result.code, 2, result.stderr);
    assert.match(
      result.stdout,
      /homelab: 2 added, 0 changed, 0 removed \(resources\); 2 file\(s\) changed outside Kubernetes/,
    );
    assert.match(
      result.stdout,
      /^ {2}\+ argoproj\.io\/v1alpha1\/Application argocd\/grafana \(apps\/homelab\/applications\/grafana\.yaml\)$/m,
    );
    assert.match(
      result.stdout,
      /^ {2}\+ gateway\.networking\.k8s\.io\/v1\/HTTPRoute monitoring\/grafana \(apps\/homelab\/grafana\/httproute-grafana\.yaml\)$/m,
    );
    assert.match(result.stdout, /^ {2}\+ apps\/homelab\/grafana\/values\.yaml$/m);
    // After longhorn (wave 3): wave 4.
    assert.match(result.stdout, /^ {6}\+ {4}argocd\.argoproj\.io\/sync-wave: '4'$/m);
    assert.doesNotMatch(result.stdout, /staging/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("diff: a removed app is flagged as pruned by Argo CD", async () => {
  const { dir, cluster } = await repo();
  try {
    await edit(cluster, "    longhorn: longhorn(),\n", "");
    await commitRender(dir);
    const result = await run("diff", dir, "--base", "main");
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stdout, /^Rendered change against main \([0-9a-f]{12}\)$/m);
    assert.match(
      result.stdout,
      /homelab: 0 added, 0 changed, 2 removed \(resources\); 4 file\(s\) changed outside Kubernetes/,
    );
    assert.match(
      result.stdout,
      /! homelab \/ longhorn: argoproj\.io\/v1alpha1\/Application argocd\/longhorn: Application removed: Argo CD prunes it/,
    );
    assert.match(result.stdout, /^ {2}- apps\/homelab\/longhorn\/values\.yaml$/m);
    assert.match(result.stdout, /^ {2}- omni\/homelab\/patches\/longhorn\.yaml$/m);
    assert.match(
      result.stdout,
      /^ {6}Cluster\.systemExtensions: - \["siderolabs\/iscsi-tools","siderolabs\/util-linux-tools"\]$/m,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("diff: a cluster file edited without re-rendering is caught, exit 1", async () => {
  const { dir, cluster } = await repo();
  try {
    await edit(
      cluster,
      '  domain: "vanillax.me",\n',
      '  domain: "vanillax.me",\n  kubePrism: { port: 7446 },\n',
    );
    await git(dir, "commit", "-qam", "forgot to render");
    const result = await run("diff", dir);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^ {6}k8sServicePort: 7445 -> 7446$/m);
    assert.match(
      result.stdout,
      /! homelab \/ cilium: apps\/homelab\/cilium\/values\.yaml: Cilium k8sServicePort/,
    );
    assert.match(
      result.stdout,
      /! homelab \/ omni: omni\/homelab\/patches\/kubeprism\.yaml: KubePrism: every kubelet and Cilium agent reaches the API server through it/,
    );
    assert.match(
      result.stdout,
      /! homelab \/ omni: batch\/v1\/Job kube-system\/hydrate-bootstrap-cilium: Bootstrap manifest: Omni applies it once/,
    );
    assert.equal(
      result.stderr,
      "The committed apps/ and omni/ are not a fresh render of clusters/ (4 file(s) differ): run `deno task render` and commit the result.\n",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("diff: a base that does not exist is an error, exit 1", async () => {
  const { dir } = await repo();
  try {
    const result = await run("diff", dir, "--base", "no-such-branch");
    assert.equal(result.code, 1);
    assert.equal(result.stderr, "--base no-such-branch: no such commit, branch or tag\n");
    const format = await run("diff", dir, "--format", "html");
    assert.equal(format.code, 1);
    assert.match(format.stderr, /^--format html: must be text or markdown\n/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("diff: in a shallow clone without the base, the error says how to fetch it", async () => {
  const { dir } = await repo();
  const clone = await Deno.makeTempDir({ prefix: "hydrate-shallow-" });
  try {
    // A second commit on pr, so that depth 1 leaves the base out.
    await git(dir, "commit", "-q", "--allow-empty", "-m", "on pr");
    await git(clone, "clone", "-q", "--depth", "1", "--branch", "pr", `file://${dir}`, ".");
    const result = await run("diff", clone);
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /^no base: this is a shallow clone, .*`git fetch --unshallow origin main`.*fetch-depth: 0/m,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
    await Deno.remove(clone, { recursive: true });
  }
});
