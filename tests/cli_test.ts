/**
 * End to end: runs the render and check tasks as a user would (`deno task`,
 * with deno.json's permissions) in a temporary copy of the repository.
 */
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { CONFIG, edit, git, ROOT, run, snapshot, tempRepo } from "./_e2e.ts";
import { exists } from "../scripts/_cli.ts";

/** The temporary repository's staging cluster file, made to import `names` from mod.ts. */
async function stagingImporting(dir: string, names: string): Promise<string> {
  const staging = join(dir, "clusters/staging.ts");
  await edit(
    staging,
    'import { defineCluster } from "../mod.ts";',
    `import { ${names} } from "../mod.ts";`,
  );
  return staging;
}

/** The staging cluster importing `names`, with `fields` stated after its name. */
async function stagingWith(dir: string, names: string, fields: string): Promise<string> {
  const staging = await stagingImporting(dir, names);
  await edit(staging, '  name: "staging",', `  name: "staging",\n${fields}`);
  return staging;
}

/** The rendered files: everything under apps/ and omni/. */
async function rendered(dir: string): Promise<Map<string, string>> {
  const all = new Map<string, string>();
  for (const root of ["apps", "omni"]) {
    for (const [path, content] of await snapshot(join(dir, root)).catch(() => new Map())) {
      all.set(`${root}/${path}`, content);
    }
  }
  return all;
}

const FILES = 55; // homelab 30, staging 25

function assertNoStackTrace(text: string) {
  assert.doesNotMatch(text, /^\s+at /m, `no stack trace expected:\n${text}`);
}

Deno.test("the tasks run with the least permissions: read, write only apps/ and omni/, no network", () => {
  const safe =
    "DENO_NO_UPDATE_CHECK=1 deno run --frozen --cached-only --no-prompt --unstable-worker-options";
  const install = "DENO_NO_UPDATE_CHECK=1 deno install --frozen --quiet";
  assert.equal(
    CONFIG.tasks.render,
    `${install} && ${safe} --allow-read --allow-write=apps,omni,.hydrate scripts/render.ts`,
  );
  // check writes only to finish a render that was killed (its journal), under the render lock.
  assert.equal(
    CONFIG.tasks.check,
    `${install} && ${safe} --allow-read --allow-write=apps,omni,.hydrate scripts/check.ts`,
  );
  assert.equal(
    CONFIG.tasks.diff,
    `${install} && ${safe} --allow-read --allow-write=.hydrate --allow-run=git scripts/diff.ts`,
  );
});

Deno.test("e2e: render writes the committed tree, a second render changes nothing, check is clean", async () => {
  const dir = await tempRepo();
  try {
    const first = await run("render", dir);
    assert.equal(first.code, 0, first.stderr);
    assert.match(
      first.stdout,
      new RegExp(
        `^Rendered 2 clusters \\(homelab, staging\\): ${FILES} written, 0 unchanged, 0 removed in \\d+ ms\\n$`,
      ),
    );
    const tree = await rendered(dir);
    assert.deepEqual(tree, await rendered(ROOT), "equal to the committed apps/ and omni/");

    const second = await run("render", dir);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, new RegExp(`: 0 written, ${FILES} unchanged, 0 removed in`));
    assert.deepEqual(await rendered(dir), tree);

    const check = await run("check", dir);
    assert.equal(check.code, 0, check.stderr);
    assert.equal(
      check.stdout,
      `Up to date: ${FILES} files match a fresh render of 2 cluster(s).\n`,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("e2e: check lists every drifted file; render repairs them, removes stale generated files, keeps a person's files", async () => {
  const dir = await tempRepo();
  try {
    assert.equal((await run("render", dir)).code, 0);
    const values = join(dir, "apps/homelab/cilium/values.yaml");
    await edit(values, "'7445'", "'6443'");
    await Deno.remove(join(dir, "omni/homelab/patches/cni.yaml"));
    const stale = join(dir, "apps/homelab/old-app/values.yaml");
    await Deno.mkdir(dirname(stale), { recursive: true });
    await Deno.copyFile(values, stale);
    await Deno.writeTextFile(join(dir, "apps/homelab/NOTES.md"), "written by a person\n");

    const check = await run("check", dir);
    assert.equal(check.code, 1);
    assert.equal(
      check.stderr,
      [
        "omni/homelab/patches/cni.yaml: missing (not rendered yet)",
        "apps/homelab/cilium/values.yaml: differs from a fresh render",
        "apps/homelab/old-app/values.yaml: stale (no longer rendered)",
        "3 file(s) differ from a fresh render: run `deno task render` and commit the result.",
        "",
      ].join("\n"),
    );

    const repair = await run("render", dir);
    assert.equal(repair.code, 0, repair.stderr);
    assert.match(repair.stdout, new RegExp(`: 2 written, ${FILES - 2} unchanged, 1 removed in`));
    await assert.rejects(Deno.stat(join(dir, "apps/homelab/old-app")), Deno.errors.NotFound);
    assert.equal(
      await Deno.readTextFile(join(dir, "apps/homelab/NOTES.md")),
      "written by a person\n",
    );
    assert.equal((await run("check", dir)).code, 0);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("e2e: a broken cluster exits 1 with every problem, no stack trace, and nothing written", async () => {
  const dir = await tempRepo();
  try {
    assert.equal((await run("render", dir)).code, 0);
    const before = await rendered(dir);
    const file = join(dir, "clusters/homelab.ts");
    const text = await Deno.readTextFile(file);
    await edit(
      file,
      '    nodes: "192.168.10.0/24",\n',
      '    nodes: "192.168.10.0/24",\n    pods: "10.244.0.1/16",\n',
    );
    await edit(
      file,
      '  domain: "vanillax.me",\n',
      '  domain: "vanillax.me",\n  kubePrism: { port: 70000 },\n',
    );
    const result = await run("render", dir);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, "");
    assert.equal(
      result.stderr,
      [
        "clusters/homelab.ts: network.pods: 10.244.0.1/16 has host bits set (the network address is 10.244.0.0/16)",
        "clusters/homelab.ts: kubePrism.port: 70000 must be a port from 1 to 65535",
        "Nothing written: 2 problem(s).",
        "",
      ].join("\n"),
    );
    await Deno.writeTextFile(file, text);
    await edit(
      file,
      'internal: { address: "192.168.10.50" }',
      'internal: { address: "192.168.10.60" }',
    );
    const second = await run("render", dir);
    assert.equal(second.code, 1);
    assert.equal(
      second.stderr,
      "clusters/homelab.ts: gateways.internal.address: 192.168.10.60 is outside LoadBalancer pool 192.168.10.49-192.168.10.50\nNothing written: 1 problem(s).\n",
    );
    assert.deepEqual(await rendered(dir), before, "apps/ and omni/ are byte-identical");
    assert.equal((await run("check", dir)).code, 1);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("e2e: a cluster file that does not load is named, without a stack trace", async () => {
  const dir = await tempRepo();
  try {
    await Deno.writeTextFile(join(dir, "clusters/broken.ts"), "export default {\n  name: 'x',\n");
    const result = await run("render", dir);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^clusters\/broken\.ts: cannot be loaded: /);
    assertNoStackTrace(result.stderr);
    await assert.rejects(Deno.stat(join(dir, "apps")), Deno.errors.NotFound);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("e2e: a person's file where a rendered file goes stops the render before anything is written", async () => {
  const dir = await tempRepo();
  try {
    await Deno.mkdir(join(dir, "apps/homelab"), { recursive: true });
    await Deno.writeTextFile(join(dir, "apps/homelab/root.yaml"), "# mine\n");
    const result = await run("render", dir);
    assert.equal(result.code, 1);
    assert.equal(
      result.stderr,
      "apps/homelab/root.yaml: was not generated by Hydrate (no header); move it away, then render again\nNothing written: 1 problem(s).\n",
    );
    assert.deepEqual([...(await rendered(dir)).keys()], ["apps/homelab/root.yaml"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("e2e: a warning is printed and the render goes on; --strict refuses it and writes nothing", async () => {
  const dir = await tempRepo();
  try {
    await edit(
      join(dir, "clusters/homelab.ts"),
      '  domain: "vanillax.me",\n',
      '  domain: "vanillax.me",\n  cilium: { values: { gatewayAPI: { externalTrafficPolicy: "Local" } } },\n',
    );
    const message =
      "clusters/homelab.ts: cilium.values.gatewayAPI.externalTrafficPolicy: Local with L2 announcements drops traffic whenever the announcing node runs no Envoy backend; use Cluster";
    const strict = await run("render", dir, "--strict");
    assert.equal(strict.code, 1);
    assert.equal(strict.stderr, `${message}\nNothing written: 1 problem(s).\n`);
    await assert.rejects(Deno.stat(join(dir, "apps")), Deno.errors.NotFound);

    const relaxed = await run("render", dir);
    assert.equal(relaxed.code, 0, relaxed.stderr);
    assert.equal(relaxed.stderr, `warning: ${message}\n`);
    assert.match(
      relaxed.stdout,
      new RegExp(`^Rendered 2 clusters \\(homelab, staging\\): ${FILES} written`),
    );
    assert.equal((await run("check", dir)).code, 0);
    assert.equal((await run("check", dir, "--strict")).code, 1);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("e2e: new-cluster scaffolds a commented cluster file that type-checks and renders; never overwrites", async () => {
  const dir = await tempRepo();
  try {
    const made = await run("new-cluster", dir, "edge");
    assert.equal(made.code, 0, made.stderr);
    assert.equal(
      made.stdout,
      "Wrote clusters/edge.ts: fill in each commented field, then run `deno task render`.\n",
    );
    const text = await Deno.readTextFile(join(dir, "clusters/edge.ts"));
    assert.match(text, /import shared from "\.\/_shared\.ts";/);
    for (const field of ["name", "domain", "nodes", "gateways", "apps"]) {
      assert.match(text, new RegExp(`// .*\\n\\s+${field}: `), `${field} has a comment`);
    }
    const typecheck = await new Deno.Command(Deno.execPath(), {
      args: ["check", "clusters/edge.ts"],
      cwd: dir,
      stderr: "piped",
    })
      .output();
    assert.ok(typecheck.success, new TextDecoder().decode(typecheck.stderr));
    // The facts only the user knows are placeholders the render refuses, never someone else's.
    const refused = await run("render", dir);
    assert.equal(refused.code, 1);
    assert.match(
      refused.stderr,
      /^clusters\/edge\.ts: git\.repoURL: https:\/\/github\.com\/YOUR-ORG\/YOUR-REPO\.git is the scaffold's placeholder/m,
    );
    assert.match(
      refused.stderr,
      /^clusters\/edge\.ts: tls\.issuer\.acme\.email: you@example\.com: Let's Encrypt refuses/m,
    );
    assert.equal(await exists(join(dir, "apps/edge")), false);
    const edge = join(dir, "clusters/edge.ts");
    await edit(
      edge,
      "https://github.com/YOUR-ORG/YOUR-REPO.git",
      "https://git.example.org/ops/edge.git",
    );
    await edit(edge, "you@example.com", "ops@edge-lab.net");
    const render = await run("render", dir);
    assert.equal(render.code, 0, render.stderr);
    assert.match(render.stdout, /^Rendered 3 clusters \(edge, homelab, staging\)/);
    assert.equal((await run("check", dir)).code, 0);

    const again = await run("new-cluster", dir, "edge");
    assert.equal(again.code, 1);
    assert.equal(again.stderr, "clusters/edge.ts already exists; nothing written\n");
    const bad = await run("new-cluster", dir, "../edge");
    assert.equal(bad.code, 1);
    assert.match(
      bad.stderr,
      /^\.\.\/edge: a cluster name must be lowercase letters, digits and '-'/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("e2e: a duplicate cluster name blames the file changed last, not the untouched one", async () => {
  const dir = await tempRepo();
  try {
    // A new file, first in file order, that takes homelab's name.
    const text = await Deno.readTextFile(join(dir, "clusters/homelab.ts"));
    await Deno.writeTextFile(join(dir, "clusters/aaa.ts"), text);
    const result = await run("check", dir);
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /^clusters\/aaa\.ts: name: homelab is already the name of clusters\/homelab\.ts$/m,
    );
    assert.doesNotMatch(result.stderr, /^clusters\/homelab\.ts: name:/m);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("e2e: a repository URL inherited from a layer must be the repository's origin; one a cluster states is its own", async () => {
  const dir = await tempRepo();
  try {
    await git(dir, "init", "-q");
    // A fork: its origin is not the repository the shared layer names.
    await git(dir, "remote", "add", "origin", "git@github.com:Someone/Fork.git");
    const refused = await run("render", dir);
    assert.equal(refused.code, 1);
    assert.match(
      refused.stderr,
      /^clusters\/_shared\.ts: git\.repoURL: https:\/\/github\.com\/vanillax\/homelab\.git is not this repository \(its origin is git@github\.com:Someone\/Fork\.git\): Argo CD would sync apps\/homelab\/ from another repository/m,
    );
    assert.equal(await exists(join(dir, "apps")), false);
    // A cluster that states its repository (a mirror Argo CD reads) is not compared.
    await edit(
      join(dir, "clusters/staging.ts"),
      'name: "staging",',
      'name: "staging",\n  git: { repoURL: "https://mirror.internal/infra.git" },',
    );
    const staged = await run("check", dir);
    assert.doesNotMatch(staged.stderr, /staging/);
    // The layer names the fork (in another URL form of the same repository): renders.
    await edit(
      join(dir, "clusters/_shared.ts"),
      "https://github.com/vanillax/homelab.git",
      "https://github.com/someone/fork",
    );
    const render = await run("render", dir);
    assert.equal(render.code, 0, render.stderr);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("e2e: append() and remove() keep their meaning through the sandbox, in layers and patches", async () => {
  const dir = await tempRepo();
  try {
    const staging = await stagingImporting(dir, "append, defineCluster, remove");
    // A remove() with nothing below it: the marker's own error, not a schema error about its remains.
    await edit(staging, '  name: "staging",', '  name: "staging",\n  apps: { grafana: remove() },');
    const refused = await run("check", dir);
    assert.equal(refused.code, 1);
    assert.match(
      refused.stderr,
      /^clusters\/staging\.ts: apps\.grafana: remove\(\) has nothing to remove here/m,
    );
    // In a last-mile patch: remove() deletes the key, append() extends the list.
    await edit(
      staging,
      "  apps: { grafana: remove() },",
      `  patches: [{
    target: { kind: "Gateway", name: "gateway-internal" },
    patch: {
      metadata: { annotations: { "cert-manager.io/cluster-issuer": remove() } },
      spec: {
        listeners: append({
          name: "extra",
          protocol: "HTTP",
          port: 8080,
          hostname: "x.staging.vanillax.me",
          allowedRoutes: { namespaces: { from: "All" } },
        }),
      },
    },
  }],`,
    );
    const render = await run("render", dir);
    assert.equal(render.code, 0, render.stderr);
    const gateway = await Deno.readTextFile(
      join(dir, "apps/staging/gateway/gateway-internal.yaml"),
    );
    assert.doesNotMatch(gateway, /cert-manager\.io\/cluster-issuer/);
    assert.match(gateway, /- name: extra\n/);
    assert.match(gateway, /- name: https\n/, "the listeners below are kept");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("e2e: a Git app of this repository reads a folder it has; kustomize options need a kustomization", async () => {
  const dir = await tempRepo();
  try {
    await stagingWith(
      dir,
      "defineCluster, gitApp",
      `  apps: {
    web: gitApp({ path: "kustomize/web", namespace: "web", kustomize: { namePrefix: "staging-" } }),
  },`,
    );
    const missing = await run("check", dir);
    assert.equal(missing.code, 1);
    assert.match(
      missing.stderr,
      /^clusters\/staging\.ts: apps\.web\.path: kustomize\/web is not a folder of this repository/m,
    );
    await Deno.mkdir(join(dir, "kustomize/web"), { recursive: true });
    await Deno.writeTextFile(
      join(dir, "kustomize/web/deployment.yaml"),
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  mode: production\n",
    );
    const plain = await run("check", dir);
    assert.match(
      plain.stderr,
      /^clusters\/staging\.ts: apps\.web\.kustomize: kustomize\/web holds no kustomization\.yaml, kustomization\.yml, Kustomization/m,
    );
    await Deno.writeTextFile(
      join(dir, "kustomize/web/kustomization.yaml"),
      "resources: [deployment.yaml]\n",
    );
    const render = await run("render", dir);
    assert.equal(render.code, 0, render.stderr);
    const app = await Deno.readTextFile(join(dir, "apps/staging/applications/web.yaml"));
    // This repository, at the cluster's revision, with the options.
    assert.match(app, /repoURL: https:\/\/github\.com\/vanillax\/homelab\.git\n/);
    assert.match(
      app,
      /targetRevision: main\n\s+path: kustomize\/web\n\s+kustomize:\n\s+namePrefix: staging-/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("e2e: a kustomization inflating Helm charts, in a local base too, needs kustomize.enableHelm, which sets --enable-helm in argocd-cm", async () => {
  const dir = await tempRepo();
  try {
    const staging = await stagingWith(
      dir,
      "defineCluster, gitApp",
      `  apps: {
    web: gitApp({ path: "kustomize/web/overlay", namespace: "web" }),
  },`,
    );
    await Deno.mkdir(join(dir, "kustomize/web/base"), { recursive: true });
    await Deno.mkdir(join(dir, "kustomize/web/overlay"), { recursive: true });
    await Deno.writeTextFile(
      join(dir, "kustomize/web/base/kustomization.yaml"),
      "helmCharts:\n  - name: podinfo\n    repo: https://stefanprodan.github.io/podinfo\n    version: 6.9.2\n",
    );
    await Deno.writeTextFile(
      join(dir, "kustomize/web/overlay/kustomization.yaml"),
      "resources:\n  - ../base\n",
    );
    const refused = await run("check", dir);
    assert.equal(refused.code, 1);
    assert.match(
      refused.stderr,
      /^clusters\/staging\.ts: apps\.web\.kustomize\.enableHelm: kustomize\/web\/base\/kustomization\.yaml inflates Helm charts \(helmCharts\), which kustomize does only with --enable-helm/m,
    );
    await edit(
      staging,
      'namespace: "web" }',
      'namespace: "web", kustomize: { enableHelm: true } }',
    );
    const render = await run("render", dir);
    assert.equal(render.code, 0, render.stderr);
    const app = await Deno.readTextFile(join(dir, "apps/staging/applications/web.yaml"));
    assert.doesNotMatch(app, /kustomize:|enableHelm/, "no Application field carries it");
    const values = await Deno.readTextFile(join(dir, "apps/staging/argocd/values.yaml"));
    assert.match(values, /\n {2}cm:\n(\s{4}.*\n)*\s{4}kustomize\.buildOptions: --enable-helm\n/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("e2e: discover turns each folder a pattern matches into a Git app, skipping excluded and hidden ones", async () => {
  const dir = await tempRepo();
  try {
    await stagingWith(
      dir,
      "defineCluster",
      `  discover: {
    teams: { paths: ["my-apps/*/*"], exclude: ["my-apps/*/old"], namespace: "teams" },
  },`,
    );
    for (const folder of ["team-a/Web_UI", "team-a/old", "team-b/api", "team-b/.wip"]) {
      await Deno.mkdir(join(dir, "my-apps", folder), { recursive: true });
      await Deno.writeTextFile(
        join(dir, "my-apps", folder, "cm.yaml"),
        `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${
          folder.split("/")[1].toLowerCase().replaceAll("_", "-").replace(".", "")
        }\n`,
      );
    }
    const render = await run("render", dir);
    assert.equal(render.code, 0, render.stderr);
    const apps = [...Deno.readDirSync(join(dir, "apps/staging/applications"))].map((e) => e.name);
    assert.ok(apps.includes("web-ui.yaml") && apps.includes("api.yaml"), apps.join(", "));
    assert.ok(!apps.includes("old.yaml") && !apps.includes("wip.yaml"), apps.join(", "));
    const app = await Deno.readTextFile(join(dir, "apps/staging/applications/web-ui.yaml"));
    assert.match(app, /path: my-apps\/team-a\/Web_UI\n/);
    assert.match(app, /namespace: teams\n/);
    // A folder that would take an existing app's name is refused, naming both.
    await Deno.mkdir(join(dir, "my-apps/team-c/api"), { recursive: true });
    const clash = await run("check", dir);
    assert.equal(clash.code, 1);
    assert.match(
      clash.stderr,
      /^clusters\/staging\.ts: discover\.teams: my-apps\/team-c\/api would be app api, which my-apps\/team-b\/api \(discover\.teams\) already is/m,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("e2e: what a Git app of this repository syncs is checked like the rendered tree", async () => {
  const dir = await tempRepo();
  try {
    await stagingWith(
      dir,
      "defineCluster, gitApp",
      `  apps: {
    web: gitApp({ path: "kustomize/web", namespace: "web" }),
    docs: gitApp({ path: "manifests/docs", namespace: "docs" }),
  },`,
    );
    await Deno.mkdir(join(dir, "kustomize/web/base"), { recursive: true });
    await Deno.mkdir(join(dir, "manifests/docs/old"), { recursive: true });
    const write = (path: string, text: string) => Deno.writeTextFile(join(dir, path), text);
    await write(
      "kustomize/web/kustomization.yaml",
      "namespace: web-prod\nresources:\n  - base\n  - service.yaml\n  - missing.yaml\npatches:\n  - path: patch.yaml\n",
    );
    await write("kustomize/web/patch.yaml", "kind: Deployment\n");
    await write(
      "kustomize/web/service.yaml",
      "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: '80'\n",
    );
    await write("kustomize/web/base/kustomization.yaml", "resources: [secret.yaml]\n");
    await write(
      "kustomize/web/base/secret.yaml",
      "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: hunter2\n",
    );
    // An app's own settings, which Argo CD skips; and a manifest without a name, which it refuses.
    await write("manifests/docs/settings.yaml", "title: not a resource\n");
    await write("manifests/docs/notes.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n");
    await write("manifests/docs/old/ignored.yaml", "kind: Nothing\n");
    const check = await run("check", dir);
    assert.equal(check.code, 1);
    const lines = check.stderr.split("\n").filter((line) => line.startsWith("clusters/staging.ts"));
    assert.deepEqual(lines, [
      "clusters/staging.ts: kustomize/web/missing.yaml: is listed by a kustomization but is no file of this repository: kustomize build fails",
      "clusters/staging.ts: manifests/docs/notes.yaml: document 1 is not a Kubernetes resource (apiVersion, kind and metadata.name): Argo CD refuses to sync it",
    ]);
    await Deno.remove(join(dir, "manifests/docs/notes.yaml"));
    await edit(join(dir, "kustomize/web/kustomization.yaml"), "  - missing.yaml\n", "");
    const checked = await run("check", dir);
    assert.equal(checked.code, 1);
    assert.match(
      checked.stderr,
      /^clusters\/staging\.ts: kustomize\/web\/service\.yaml: spec\.ports\[0\]\.port must be integer \(upstream schema of Service\)$/m,
    );
    assert.match(
      checked.stderr,
      /^clusters\/staging\.ts: kustomize\/web\/base\/secret\.yaml: Secret web-prod\/db holds data, which would be committed to Git/m,
    );
  } finally {
    await Deno.remove(join(dir), { recursive: true });
  }
});
