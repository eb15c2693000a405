// Models siderolabs/omni client/v1.8.0+ client/pkg/template/template.go (relative `file:` paths
// join the template file's directory) and client/pkg/omnictl/cluster/template/template.go
// (`--allowed-dir` defaults to "./" of that directory, an os.Root: leaving it fails), and
// client/v1.7.3 internal/models/patch.go (os.ReadFile(patch.File): the working directory).
import assert from "node:assert/strict";
import { load } from "js-yaml";
import { atLeast, omniForbiddenFields, resolveTemplateFile } from "./version.ts";
import { renderBuild } from "../../render.ts";
import { CLUSTERS } from "../../../tests/_clusters.ts";
import homelab from "../../../clusters/homelab.ts";

/** Every `file:` of a rendered template, read back from its YAML as omnictl reads it. */
function templateFiles(content: string): string[] {
  const docs = content.split(/^---$/m).map((text) => load(text) as Record<string, unknown>);
  return docs.flatMap((doc) => [
    ...((doc.patches ?? []) as { file: string }[]).map((p) => p.file),
    ...(((doc.kubernetes as { manifests?: { file: string }[] } | undefined)?.manifests) ?? [])
      .map((m) => m.file),
  ]);
}

for (
  const [source, cluster] of CLUSTERS
) {
  Deno.test(`omnictl resolves every file of ${source}'s template to a rendered file`, () => {
    // Apps found in folders need the repository, and have nothing to do with the template.
    const result = renderBuild({ ...(cluster as object), discover: {} }, source);
    const { files, problems } = result;
    assert.deepEqual(problems, []);
    const rendered = new Set(files.map((file) => file.path));
    const template = files.find((file) => file.path.endsWith("/cluster-template.yaml"))!;
    const refs = templateFiles(template.content);
    assert.ok(refs.length >= 5, `${refs.length} files`);
    for (const ref of refs) {
      const resolved = resolveTemplateFile(result.build!.cluster.omni.version, template.path, ref);
      assert.ok(
        resolved.path && rendered.has(resolved.path),
        `${ref}: ${JSON.stringify(resolved)}`,
      );
    }
  });
}

Deno.test("repository-root paths, which omnictl before 1.8 read, fail from 1.8 on", () => {
  const template = "omni/homelab/cluster-template.yaml";
  assert.deepEqual(resolveTemplateFile("v1.10.4", template, "omni/homelab/patches/cni.yaml"), {
    path: "omni/homelab/omni/homelab/patches/cni.yaml",
  });
  assert.deepEqual(resolveTemplateFile("v1.7.3", template, "omni/homelab/patches/cni.yaml"), {
    path: "omni/homelab/patches/cni.yaml",
  });
  assert.match(
    resolveTemplateFile("v1.8.0", template, "../../apps/homelab/root.yaml").reason!,
    /escapes the template's folder omni\/homelab\//,
  );
  assert.match(resolveTemplateFile("v1.8.0", template, "/etc/x.yaml").reason!, /absolute/);
});

Deno.test("Omni 1.7 templates name files from the repository root; 1.6 has no manifests", () => {
  const old = renderBuild({ ...homelab, omni: { ...homelab.omni, version: "v1.7.3" } }, "x.ts");
  assert.deepEqual(old.problems, []);
  const template = old.files.find((file) => file.path === "omni/homelab/cluster-template.yaml")!;
  assert.ok(templateFiles(template.content).every((ref) => ref.startsWith("omni/homelab/")));
  const older = renderBuild({ ...homelab, omni: { ...homelab.omni, version: "v1.6.6" } }, "x.ts");
  assert.deepEqual(older.problems.map((p) => `${p.path}: ${p.message}`), [
    "omni.version: v1.6.6 has no kubernetes.manifests in cluster templates (added in v1.7.0, siderolabs/omni v1.7.0 client/pkg/template/internal/models/kubernetes_manifest.go; older omnictl refuses the unknown field), and the bootstrap chain needs them: target v1.7.0 or later",
  ]);
});

Deno.test("Omni's forbidden patch fields follow the version; machine.install.disk is allowed", () => {
  // siderolabs/omni v1.10.4 client/pkg/omni/resources/omni/config_patch.go forbiddenFields.
  assert.equal(omniForbiddenFields("v1.10.4").length, 15);
  assert.equal(omniForbiddenFields("v1.9.3").length, 13);
  assert.ok(!omniForbiddenFields("v1.10.4").includes("machine.install.disk"));
  assert.ok(atLeast("v1.10.0-beta.1", "v1.10.0"));
});
