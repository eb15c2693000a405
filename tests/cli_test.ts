/**
 * End to end: runs the render and check tasks as a user would (same script, same
 * Deno permissions as deno.json's tasks) in a temporary repository.
 */
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { CONFIG, ROOT, run, snapshot, tempRepo } from "./_e2e.ts";

function assertNoStackTrace(text: string) {
  assert.doesNotMatch(text, /^\s+at /m, `no stack trace expected:\n${text}`);
}

Deno.test("the tasks run with the least permissions: read, write only apps/ and omni/, no network", () => {
  assert.equal(
    CONFIG.tasks.render,
    "deno run --allow-read --allow-write=apps,omni scripts/render.ts",
  );
  assert.equal(CONFIG.tasks.check, "deno run --allow-read scripts/check.ts");
});

Deno.test("e2e: render writes the committed tree, a second render changes nothing, check is clean", async () => {
  const dir = await tempRepo();
  try {
    const first = await run("render", dir);
    assert.equal(first.code, 0, first.stderr);
    assert.match(
      first.stdout,
      /^Rendered 1 cluster \(homelab\): 25 written, 0 unchanged, 0 removed in \d+ ms\n$/,
    );
    const rendered = await snapshot(dir);
    const committed = await snapshot(ROOT);
    for (const [path, content] of rendered) {
      if (path.startsWith("clusters/")) continue;
      assert.equal(content, committed.get(path), `${path} equals the committed file`);
    }

    const second = await run("render", dir);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /: 0 written, 25 unchanged, 0 removed in/);
    assert.deepEqual(await snapshot(dir), rendered);

    const check = await run("check", dir);
    assert.equal(check.code, 0, check.stderr);
    assert.match(check.stdout, /^Up to date: 25 files match a fresh render of 1 cluster\(s\)\.\n$/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("e2e: check lists every drifted file; render repairs them, removes stale generated files, keeps a person's files", async () => {
  const dir = await tempRepo();
  try {
    assert.equal((await run("render", dir)).code, 0);
    const values = join(dir, "apps/homelab/cilium/values.yaml");
    await Deno.writeTextFile(values, (await Deno.readTextFile(values)).replace("'7445'", "'6443'"));
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
    assert.match(repair.stdout, /: 2 written, 23 unchanged, 1 removed in/);
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
    const before = await snapshot(dir);
    const file = join(dir, "clusters/homelab.ts");
    const text = await Deno.readTextFile(file);
    await Deno.writeTextFile(
      file,
      text.replace(
        'internal: { address: "192.168.10.50" }',
        'internal: { address: "192.168.10.60" }',
      )
        .replace('pods: "10.244.0.0/16"', 'pods: "10.244.0.1/16"')
        .replace("port: 7445 }", "port: 70000 }"),
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
    await Deno.writeTextFile(
      file,
      text.replace(
        'internal: { address: "192.168.10.50" }',
        'internal: { address: "192.168.10.60" }',
      ),
    );
    const second = await run("render", dir);
    assert.equal(second.code, 1);
    assert.equal(
      second.stderr,
      "clusters/homelab.ts: gateways.internal.address: 192.168.10.60 is outside LoadBalancer pool 192.168.10.49-192.168.10.50\nNothing written: 1 problem(s).\n",
    );
    const after = await snapshot(dir);
    after.delete("clusters/homelab.ts");
    before.delete("clusters/homelab.ts");
    assert.deepEqual(after, before, "apps/ and omni/ are byte-identical");
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
    assert.deepEqual([...(await snapshot(join(dir, "apps"))).keys()], ["homelab/root.yaml"]);
    await assert.rejects(Deno.stat(join(dir, "omni")), Deno.errors.NotFound);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("e2e: a warning is printed and the render goes on; --strict refuses it and writes nothing", async () => {
  const dir = await tempRepo();
  try {
    const file = join(dir, "clusters/homelab.ts");
    const text = await Deno.readTextFile(file);
    await Deno.writeTextFile(
      file,
      text.replace(
        "gatewayAPI: { sessionAffinityTimeoutSeconds: 10800 },",
        'gatewayAPI: { sessionAffinityTimeoutSeconds: 10800 },\n    values: { gatewayAPI: { externalTrafficPolicy: "Local" } },',
      ),
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
    assert.match(relaxed.stdout, /^Rendered 1 cluster \(homelab\): 25 written/);
    assert.equal((await run("check", dir)).code, 0);
    assert.equal((await run("check", dir, "--strict")).code, 1);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
