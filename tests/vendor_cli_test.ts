/**
 * `deno task vendor` end to end, against a Helm chart repository served on
 * loopback by the test (an index.yaml and .tgz archives built here): a chart
 * the cluster pins is refused until vendored, then fetched, verified, locked
 * and checked; a version bump re-vendors, re-checks and prunes the old one; an
 * archive that is not what the index states is refused and nothing is written;
 * render and check never make a request. A lock key that leaves vendor/, or
 * an artifact folder reached through a link, makes vendor refuse, and the
 * folder outside is never removed.
 */
import assert from "node:assert/strict";
import { join, relative } from "node:path";
import { createTarGzip } from "nanotar";
import { sha256 } from "../lib/model/upstream/vendor.ts";
import { edit, run, tempRepo } from "./_e2e.ts";

/** A namespaced CRD of example.com/v1 with the given spec schema (YAML, indented for its place). */
const crd = (kind: string, plural: string, spec: string) =>
  `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: ${plural}.example.com
spec:
  group: example.com
  names: { kind: ${kind}, plural: ${plural} }
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
${spec}`;

const GADGET_CRD = crd(
  "Gadget",
  "gadgets",
  `              type: object
              properties:
                color: { type: string, enum: [red, blue] }
`,
);

const WIDGET_CRD = crd(
  "Widget",
  "widgets",
  `              type: object
              x-kubernetes-validations:
                - rule: "self.size % 2 == 0"
                  message: size must be even
              properties:
                size: { type: integer, maximum: 10 }
`,
);

/** A chart archive as `helm package` lays it out: everything under the chart's folder. */
function chart(version: string, valueKey: string): Promise<Uint8Array> {
  return createTarGzip([
    { name: "demo/Chart.yaml", data: `apiVersion: v2\nname: demo\nversion: ${version}\n` },
    { name: "demo/values.yaml", data: `${valueKey}: 1\nimage:\n  tag: ""\n` },
    {
      name: "demo/templates/deployment.yaml",
      data: `replicas: {{ .Values.${valueKey} }}\nimage: demo:{{ .Values.image.tag }}\n`,
    },
    { name: "demo/crds/widgets.yaml", data: WIDGET_CRD },
    { name: "demo/README.md", data: "not vendored" },
  ]);
}

/** Serves the repository; `lie` makes the index state a wrong digest for 1.2.0. */
async function serveRepository() {
  const archives = new Map<string, Uint8Array>([
    ["1.0.0", await chart("1.0.0", "replicaCount")],
    ["1.1.0", await chart("1.1.0", "replicas")],
    ["1.2.0", await chart("1.2.0", "replicas")],
  ]);
  const requests: string[] = [];
  const index = () =>
    "apiVersion: v1\nentries:\n  demo:\n" +
    [...archives].map(([version, bytes]) =>
      `    - version: ${version}\n      urls: [demo-${version}.tgz]\n      digest: ${
        version === "1.2.0" ? "f".repeat(64) : sha256(bytes)
      }\n`
    ).join("");
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
    const path = new URL(req.url).pathname;
    requests.push(path);
    if (path === "/charts/index.yaml") return new Response(index());
    if (path === "/crds/gadgets.yaml") return new Response(GADGET_CRD);
    // 1.1.0 is served where a release store would: through a redirect, which vendor follows.
    if (path === "/charts/demo-1.1.0.tgz") {
      return Response.redirect(new URL("/blobs/demo-1.1.0.tgz", req.url), 302);
    }
    const match = /^\/(?:charts|blobs)\/demo-(.+)\.tgz$/.exec(path);
    const bytes = match && archives.get(match[1]);
    return bytes
      ? new Response(bytes as Uint8Array<ArrayBuffer>)
      : new Response("not found", { status: 404 });
  });
  return { server, requests, url: `http://127.0.0.1:${server.addr.port}/charts` };
}

function demoApps(url: string, version: string, values: string) {
  return `apps: {
    longhorn: longhorn(),
    demo: helmApp({
      chart: { repoURL: "${url}", chart: "demo", version: "${version}" },
      namespace: "demo",
      values: ${values},
    }),
    widgets: manifestsApp({
      namespace: "demo",
      dependsOn: ["demo"],
      resources: [
        { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w", namespace: "demo" }, spec: { size: 4 } },
        { apiVersion: "example.com/v1", kind: "Gadget", metadata: { name: "g", namespace: "demo" }, spec: { color: "red" } },
      ],
    }),
  },
  crds: { gadgets: "${url.replace("/charts", "/crds/gadgets.yaml")}" },`;
}

Deno.test("e2e: vendor fetches a pinned chart from its repository, locks it, and a bump re-vendors and re-checks", async () => {
  const dir = await tempRepo();
  const repo = await serveRepository();
  const cluster = join(dir, "clusters/homelab.ts");
  try {
    await edit(
      cluster,
      "import { defineCluster, longhorn }",
      "import { defineCluster, helmApp, longhorn, manifestsApp }",
    );
    await edit(
      cluster,
      "apps: {\n    longhorn: longhorn(),\n  },",
      demoApps(repo.url, "1.0.0", "{ replicaCount: 2 }"),
    );

    const before = await run("render", dir);
    assert.equal(before.code, 1);
    assert.match(
      before.stderr,
      /apps\.demo\.chart\.version: vendor\/ has no demo 1\.0\.0: run `deno task vendor`/,
    );
    assert.equal(repo.requests.length, 0, "render never touches the network");

    // Plain HTTP on this machine is refused unless asked for, before any request.
    const refused = await run("vendor", dir);
    assert.equal(refused.code, 1);
    assert.match(
      refused.stderr,
      /^clusters\/homelab\.ts: apps\.demo\.chart\.version: http:\/\/127\.0\.0\.1:\d+\/charts\/index\.yaml: refused, not HTTPS \(http\)$/m,
    );
    assert.equal(repo.requests.length, 0);

    const vendored = await run("vendor", dir, "--insecure-loopback");
    assert.equal(vendored.code, 0, vendored.stderr);
    assert.match(vendored.stdout, /^Fetched demo 1\.0\.0 \(4 files\)$/m);
    assert.match(
      vendored.stdout,
      /^Fetched CRDs at http:\/\/127\.0\.0\.1:\d+\/crds\/gadgets\.yaml \(1 file\)$/m,
    );
    const lock = JSON.parse(await Deno.readTextFile(join(dir, "vendor/lock.json")));
    const locked = lock.artifacts["charts/demo/1.0.0"];
    assert.equal(locked.repoURL, repo.url);
    assert.equal(locked.source, `${repo.url}/demo-1.0.0.tgz`);
    assert.deepEqual(Object.keys(locked.files), [
      "Chart.yaml",
      "crds/widgets.yaml",
      "templates/deployment.yaml",
      "values.yaml",
    ]);
    const values = await Deno.readTextFile(join(dir, "vendor/charts/demo/1.0.0/values.yaml"));
    assert.equal(locked.files["values.yaml"].sha256, sha256(values));

    const rendered = await run("render", dir);
    assert.equal(rendered.code, 0, rendered.stderr);
    const again = await run("vendor", dir, "--insecure-loopback");
    assert.match(again.stdout, /0 fetched, 0 pruned/);

    // The chart's own CRD (crds/) checks the Widget, CEL rule included.
    await edit(cluster, "spec: { size: 4 }", "spec: { size: 3 }");
    const odd = await run("check", dir);
    assert.equal(odd.code, 1);
    assert.match(
      odd.stderr,
      /Widget w: spec size must be even \(CRD example\.com\/v1\/Widget, charts\/demo\/1\.0\.0\)/,
    );
    await edit(cluster, "spec: { size: 3 }", "spec: { size: 4 }");
    // The CRD the cluster file names by URL checks the Gadget.
    await edit(cluster, 'color: "red"', 'color: "green"');
    assert.match(
      (await run("check", dir)).stderr,
      /Gadget g: spec\.color green is not one of "red", "blue" \(CRD example\.com\/v1\/Gadget, crds\/url\/[0-9a-f]{16}\)/,
    );
    await edit(cluster, 'color: "green"', 'color: "red"');

    // A bump: not vendored, then vendored; the old version pruned; the renamed key caught.
    await edit(cluster, 'version: "1.0.0"', 'version: "1.1.0"');
    assert.match((await run("check", dir)).stderr, /vendor\/ has no demo 1\.1\.0/);
    const bumped = await run("vendor", dir, "--insecure-loopback");
    assert.equal(bumped.code, 0, bumped.stderr);
    assert.match(bumped.stdout, /^Fetched demo 1\.1\.0/m);
    assert.match(bumped.stdout, /^Pruned demo 1\.0\.0 \(nothing pins it\)$/m);
    assert.ok(repo.requests.includes("/blobs/demo-1.1.0.tgz"), "the redirect was followed");
    await assert.rejects(Deno.stat(join(dir, "vendor/charts/demo/1.0.0")));
    const renamed = await run("check", dir);
    assert.equal(renamed.code, 1);
    assert.match(
      renamed.stderr,
      /apps\.demo\.values\.replicaCount: 2: demo 1\.1\.0 reads no value replicaCount: Helm would ignore it \(did you mean replicas\?\)/,
    );

    const requests = repo.requests.length;
    await run("check", dir);
    assert.equal(repo.requests.length, requests, "check never touches the network");

    // An archive that is not the one the index states: refused, nothing written.
    const lockBefore = await Deno.readTextFile(join(dir, "vendor/lock.json"));
    await edit(cluster, 'version: "1.1.0"', 'version: "1.2.0"');
    const lied = await run("vendor", dir, "--insecure-loopback");
    assert.equal(lied.code, 1);
    assert.match(
      lied.stderr,
      /demo-1\.2\.0\.tgz: sha256 [0-9a-f]{64} is not the digest f{64} that .*index\.yaml states/,
    );
    assert.match(lied.stderr, /^Nothing was written\.$/m);
    assert.equal(await Deno.readTextFile(join(dir, "vendor/lock.json")), lockBefore);
    await assert.rejects(Deno.stat(join(dir, "vendor/charts/demo/1.2.0")));
  } finally {
    await repo.server.shutdown();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("e2e: a lock key outside vendor/, or a folder reached through a link, is never removed", async () => {
  const dir = await tempRepo();
  const outside = await Deno.makeTempDir({ prefix: "hydrate-outside-" });
  try {
    for (const folder of ["victim/1.0.0", "escape"]) {
      await Deno.mkdir(join(outside, folder), { recursive: true });
      await Deno.writeTextFile(join(outside, folder, "keep.txt"), "not vendor's\n");
    }
    const lockPath = join(dir, "vendor/lock.json");
    const lock = JSON.parse(await Deno.readTextFile(lockPath));
    const entry = (label: string) => ({ label, source: "-", files: {} });
    // A key that leaves vendor/ by itself: no folder Hydrate vendors, for vendor, render and check.
    const escape = relative(join(dir, "vendor"), join(outside, "escape"));
    lock.artifacts[escape] = entry("escape");
    await Deno.writeTextFile(lockPath, JSON.stringify(lock, null, 2));
    const named = new RegExp(
      `vendor/lock\\.json names "${escape.replace(/[.]/g, "\\.")}", no folder Hydrate vendors`,
    );
    const vendored = await run("vendor", dir);
    assert.equal(vendored.code, 1, vendored.stdout);
    assert.match(vendored.stderr, named);
    const rendered = await run("render", dir);
    assert.equal(rendered.code, 1);
    assert.match(rendered.stderr, named);
    assert.ok((await Deno.stat(join(outside, "escape/keep.txt"))).isFile);

    // A key of the grammar, through a link vendor/charts/victim -> a folder outside.
    delete lock.artifacts[escape];
    lock.artifacts["charts/victim/1.0.0"] = entry("victim 1.0.0");
    await Deno.writeTextFile(lockPath, JSON.stringify(lock, null, 2));
    await Deno.symlink(join(outside, "victim"), join(dir, "vendor/charts/victim"));
    // The link is checked before the cluster files' snapshot (which refuses links too) is taken.
    const linked = await run("vendor", dir);
    assert.equal(linked.code, 1, linked.stdout);
    assert.match(
      linked.stderr,
      /^vendor\/lock\.json: charts\/victim\/1\.0\.0: vendor\/charts\/victim is a link, and vendor\/ writes and removes only its own folders$/m,
    );
    assert.match(linked.stderr, /^Nothing was written\.$/m);
    assert.ok((await Deno.stat(join(outside, "victim/1.0.0/keep.txt"))).isFile);
    assert.deepEqual(JSON.parse(await Deno.readTextFile(lockPath)), lock);

    // vendor/ itself a link to a folder outside: nothing of it is written or removed.
    await Deno.remove(join(dir, "vendor/charts/victim"));
    delete lock.artifacts["charts/victim/1.0.0"];
    lock.artifacts["charts/demo/9.9.9"] = entry("demo 9.9.9"); // pinned by nothing: pruned
    await Deno.writeTextFile(lockPath, JSON.stringify(lock, null, 2));
    await Deno.mkdir(join(dir, "vendor/charts/demo/9.9.9"), { recursive: true });
    await Deno.rename(join(dir, "vendor"), join(outside, "vendor"));
    await Deno.symlink(join(outside, "vendor"), join(dir, "vendor"));
    const moved = await run("vendor", dir);
    assert.equal(moved.code, 1, moved.stdout);
    assert.match(moved.stderr, /^vendor\/lock\.json: charts\/demo\/9\.9\.9: vendor is a link/m);
    assert.ok((await Deno.stat(join(outside, "vendor/charts/demo/9.9.9"))).isDirectory);
  } finally {
    await Deno.remove(dir, { recursive: true });
    await Deno.remove(outside, { recursive: true });
  }
});
