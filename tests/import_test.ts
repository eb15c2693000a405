/**
 * `deno task import` end to end, on the fixture estate under tests/import/estate/
 * (an Omni template with five worker sets, three Gateways, Helm Applications and
 * three ApplicationSets over 56 kustomize folders, some inflating Helm charts,
 * with ExternalSecrets): it writes a cluster file and a report, never touches
 * the source, and the cluster file renders Applications that sync what the
 * source's did. The expectations are read from the fixture here, independently
 * of the importer.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { load } from "js-yaml";
import { edit, ROOT, run, snapshot, tempRepo } from "./_e2e.ts";

const ESTATE = join(ROOT, "tests/import/estate");
const REPO = "https://github.com/example-org/estate.git";

type Json = Record<string, unknown>;
const yaml = (path: string) => load(Deno.readTextFileSync(path)) as Json;

/** The folders an ApplicationSet pattern `base/*` (or `base/*\/*`) finds: no hidden ones. */
function folders(base: string, depth: number, skip = (_: string) => false): string[] {
  let found = [base];
  for (let i = 0; i < depth; i++) {
    found = found.flatMap((dir) =>
      [...Deno.readDirSync(join(ESTATE, dir))].filter((e) =>
        e.isDirectory && !e.name.startsWith(".")
      )
        .map((e) => `${dir}/${e.name}`)
    );
  }
  return found.filter((folder) => !skip(folder)).sort();
}

/** What the source's Applications sync, by name: the Git apps the ApplicationSets make, and the Helm apps. */
function expected(): Map<string, Json> {
  const out = new Map<string, Json>();
  const git = (path: string, name: string, namespace: string, options: string[]) =>
    out.set(name, { repoURL: REPO, path, targetRevision: "main", namespace, options });
  for (const path of folders("my-apps", 2, (f) => /\/legacy-/.test(f))) {
    const name = path.split("/").pop()!;
    git(path, name, name, []);
  }
  for (const path of folders("infrastructure", 1)) {
    const name = path.split("/").pop()!;
    git(path, name, name, ["PruneLast=true"]);
  }
  for (const path of folders("monitoring", 1)) git(path, path.split("/").pop()!, "monitoring", []);
  for (const file of ["argocd", "cert-manager", "longhorn", "grafana"]) {
    const app = yaml(join(ESTATE, `argocd/infrastructure/${file}.yaml`));
    const spec = app.spec as Json;
    const source = (spec.source ?? (spec.sources as Json[])[0]) as Json;
    out.set(file, {
      chart: source.chart,
      targetRevision: source.targetRevision,
      namespace: (spec.destination as Json).namespace,
      options: ((spec.syncPolicy as Json).syncOptions as string[]) ?? [],
      automated: (spec.syncPolicy as Json).automated !== undefined,
    });
  }
  return out;
}

Deno.test("e2e: import writes a cluster file and a report from an estate, never touching it; stated, it renders the estate's Applications", async () => {
  const dir = await tempRepo();
  try {
    const before = await snapshot(ESTATE);
    const imported = await run(
      "import",
      dir,
      ESTATE,
      "--repo-url",
      "https://github.com/example-org/platform.git",
    );
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /Wrote clusters\/estate\.ts and clusters\/estate\.import\.md/);
    assert.deepEqual(await snapshot(ESTATE), before, "the source is never written");

    const again = await run("import", dir, ESTATE);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already exists; nothing written/);

    const report = await Deno.readTextFile(join(dir, "clusters/estate.import.md"));
    assert.match(
      report,
      /`network\.dhcp`: estate-worker-1, estate-gpu-1, estate-storage-1, estate-media-1, estate-edge-1 take their addresses by DHCP/,
    );
    assert.match(
      report,
      /HTTPRoute whoami-status routes homepage\.estate\.example\.net path \/ on gateway-external, which my-apps\/web\/homepage routes too/,
    );
    assert.match(
      report,
      /Application root: an app of apps, replaced by Hydrate's root Application/,
    );
    assert.match(
      report,
      /\| HTTPRoutes, ExternalSecrets, SealedSecrets in app folders \| 67, 14, 0 \|/,
    );

    const file = join(dir, "clusters/estate.ts");
    const fmt = await new Deno.Command(Deno.execPath(), {
      args: ["fmt", "--check", file],
      cwd: dir,
    }).output();
    assert.ok(fmt.success, "the cluster file is as deno fmt writes it");

    // As the report says, the render refuses the DHCP nodes until their server's range is stated.
    const refused = await run("render", dir);
    assert.equal(refused.code, 1);
    assert.match(
      refused.stderr,
      /^clusters\/estate\.ts: nodes\[1\]\.dhcp: estate-worker-1 takes its address by DHCP: state network\.dhcp/m,
    );
    await edit(
      file,
      '    nodes: "192.168.50.0/24",',
      '    nodes: "192.168.50.0/24",\n    dhcp: { start: "192.168.50.100", stop: "192.168.50.199" },',
    );
    const render = await run("render", dir);
    assert.equal(render.code, 0, render.stderr);

    const want = expected();
    assert.equal(want.size, 98);
    const rendered = [...Deno.readDirSync(join(dir, "apps/estate/applications"))].map((e) =>
      e.name.replace(/\.yaml$/, "")
    );
    for (const [name, app] of want) {
      assert.ok(rendered.includes(name), `${name} is rendered`);
      const spec = yaml(join(dir, `apps/estate/applications/${name}.yaml`)).spec as Json;
      const sources = (spec.sources ?? [spec.source]) as Json[];
      const source = sources[0];
      assert.equal((spec.destination as Json).namespace, app.namespace, name);
      const options = (spec.syncPolicy as Json).syncOptions as string[];
      for (const option of app.options as string[]) {
        assert.ok(options.includes(option), `${name}: ${option}`);
      }
      if (app.chart) {
        assert.equal(source.chart, app.chart, name);
        assert.equal(source.targetRevision, app.targetRevision, name);
        assert.equal((spec.syncPolicy as Json).automated !== undefined, app.automated, name);
      } else {
        assert.deepEqual([source.repoURL, source.path, source.targetRevision], [
          app.repoURL,
          app.path,
          app.targetRevision,
        ], name);
      }
    }
    // A values file of the source is the values the chart gets.
    assert.deepEqual(
      yaml(join(dir, "apps/estate/cert-manager/values.yaml")),
      yaml(join(ESTATE, "values/cert-manager.yaml")),
    );
    // The folders that inflate Helm charts got --enable-helm into Argo CD's argocd-cm.
    assert.match(
      await Deno.readTextFile(join(dir, "apps/estate/argocd/values.yaml")),
      /kustomize\.buildOptions: --enable-helm/,
    );
    // The five worker sets, each with its extensions; the Gateways at their addresses.
    const template = await Deno.readTextFile(join(dir, "omni/estate/cluster-template.yaml"));
    for (const set of ["workers", "gpu", "storage", "media", "edge"]) {
      assert.match(template, new RegExp(`kind: Workers\nname: ${set}\n`));
    }
    assert.match(
      template,
      /name: gpu\nmachineClass:\n {2}name: estate-gpu\n {2}size: 1\nsystemExtensions:\n {2}- siderolabs\/nonfree-kmod-nvidia-production/,
    );
    for (const [key, ip] of [["external", "200"], ["internal", "201"], ["iot", "202"]]) {
      assert.match(
        await Deno.readTextFile(join(dir, `apps/estate/gateway/gateway-${key}.yaml`)),
        new RegExp(`192\\.168\\.50\\.${ip}`),
      );
    }
    // The lines a user writes: a fraction of the YAML the render writes for them.
    const written = (await Deno.readTextFile(file)).split("\n").filter((l) => l.trim()).length;
    const yamlLines = [
      ...(await snapshot(join(dir, "apps/estate"))),
      ...(await snapshot(join(dir, "omni/estate"))),
    ]
      .filter(([path]) => path.endsWith(".yaml"))
      .reduce(
        (sum, [, text]) =>
          sum + text.split("\n").filter((l) => l.trim() && !l.startsWith("#")).length,
        0,
      );
    assert.ok(written * 5 < yamlLines, `${written} lines render ${yamlLines}`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/** Copies a folder (the estate, into a temporary repository). */
async function copyTree(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const entry of Deno.readDir(from)) {
    if (entry.isDirectory) await copyTree(join(from, entry.name), join(to, entry.name));
    else await Deno.copyFile(join(from, entry.name), join(to, entry.name));
  }
}

Deno.test("e2e: import in place (the estate is this repository): ApplicationSets become discover groups, and every folder's resources are checked", async () => {
  const dir = await tempRepo();
  try {
    await copyTree(ESTATE, join(dir, "estate"));
    const imported = await run("import", dir, "estate", "--repo-url", REPO);
    assert.equal(imported.code, 0, imported.stderr);
    const file = join(dir, "clusters/estate.ts");
    const text = await Deno.readTextFile(file);
    assert.match(
      text,
      / {2}discover: \{\n {4}apps: \{\n {6}paths: \["estate\/my-apps\/\*\/\*"\],\n {6}exclude: \["estate\/my-apps\/\*\/legacy-\*"\],\n {6}enableHelm: true,\n {4}\},/,
    );
    assert.match(
      text,
      /monitoring: \{ paths: \["estate\/monitoring\/\*"\], namespace: "monitoring" \}/,
    );
    assert.doesNotMatch(text, /gitApp\(/, "no Git app is left to list");
    const report = await Deno.readTextFile(join(dir, "clusters/estate.import.md"));
    assert.match(
      report,
      /custom resources in this repository's app folders, which the render checks \(ClusterSecretStore, ExternalSecret\)/,
    );
    // The user states what the report asks: the DHCP range, and the CRDs of the secrets.
    await edit(
      file,
      '    nodes: "192.168.50.0/24",',
      '    nodes: "192.168.50.0/24",\n    dhcp: { start: "192.168.50.100", stop: "192.168.50.199" },',
    );
    const missing = await run("render", dir);
    assert.equal(missing.code, 1);
    assert.match(
      missing.stderr,
      /^clusters\/estate\.ts: estate\/infrastructure\/cluster-secret-store\/clustersecretstore\.yaml: no vendored CRD serves external-secrets\.io\/v1 ClusterSecretStore/m,
    );
    const crds =
      "https://raw.githubusercontent.com/external-secrets/external-secrets/v2.9.0/config/crds/bases/external-secrets.io_";
    await edit(
      file,
      "  discover: {",
      `  crds: {\n    externalsecrets: "${crds}externalsecrets.yaml",\n    clustersecretstores: "${crds}clustersecretstores.yaml",\n  },\n  discover: {`,
    );
    // The render reads every folder: two apps route one hostname on one Gateway, which the
    // Gateway API resolves by dropping one. The user removes the second route.
    const conflict = await run("render", dir);
    assert.equal(conflict.code, 1);
    assert.match(
      conflict.stderr,
      /^clusters\/estate\.ts: estate\/my-apps\/web\/whoami\/httproute-status\.yaml: spec\.hostnames: homepage\.estate\.example\.net path \/ on gateway-external is already claimed by estate\/my-apps\/web\/homepage\/httproute\.yaml/m,
    );
    await edit(
      join(dir, "estate/my-apps/web/whoami/kustomization.yaml"),
      "  - httproute-status.yaml\n",
      "",
    );
    const render = await run("render", dir);
    assert.equal(render.code, 0, render.stderr);
    // The lines a user writes: a fraction of the YAML the file states (the ApplicationSets as
    // discover groups).
    const stated = Number(report.match(/It states (\d+) of the source's/)![1]);
    const written = text.split("\n").filter((l) => l.trim()).length;
    assert.ok(written * 2 < stated, `${written} lines for ${stated}`);
    const rendered = [...Deno.readDirSync(join(dir, "apps/estate/applications"))].length;
    assert.equal(
      rendered,
      98 + 3,
      "the 98 apps, and Cilium, its LB-IPAM and the Gateways",
    );
    const jellyfin = yaml(join(dir, "apps/estate/applications/jellyfin.yaml")).spec as Json;
    assert.deepEqual(jellyfin.source, {
      repoURL: REPO,
      targetRevision: "main",
      path: "estate/my-apps/media/jellyfin",
    });
    // A mistake in any folder is now the render's to find.
    await edit(
      join(dir, "estate/my-apps/media/jellyfin/service.yaml"),
      "- port: 8001",
      '- port: "8001"',
    );
    const check = await run("check", dir);
    assert.equal(check.code, 1);
    assert.match(
      check.stderr,
      /^clusters\/estate\.ts: estate\/my-apps\/media\/jellyfin\/service\.yaml: spec\.ports\[0\]\.port must be integer/m,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("e2e: import refuses a path without an Omni template, and writes nothing", async () => {
  const dir = await tempRepo();
  try {
    const result = await run("import", dir, join(ESTATE, "my-apps"));
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /holds no Omni cluster template \(a YAML file with kind: Cluster\): nothing to import/,
    );
    const missing = await run("import", dir, join(dir, "no-such-folder"));
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^Cannot import .*no-such-folder/m);
    assert.deepEqual([...Deno.readDirSync(join(dir, "clusters"))].map((e) => e.name).sort(), [
      "_shared.ts",
      "homelab.ts",
      "staging.ts",
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
