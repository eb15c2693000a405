/**
 * Bad input a person (or an attacker) can type into a cluster file: every case
 * ends in a message that names the file, the place and the cause, exit 1,
 * nothing written, never a stack trace.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { run, tempRepo } from "./_e2e.ts";
import { reportCluster } from "../scripts/_cli.ts";

async function renderWith(code: string) {
  const dir = await tempRepo();
  try {
    await Deno.writeTextFile(join(dir, "clusters/bad.ts"), code);
    return await run("render", dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("a syntax error and a runtime error keep their line and column", async () => {
  const syntax = await renderWith(`export default {\n  name: "bad",,\n};\n`);
  assert.equal(syntax.code, 1);
  assert.match(
    syntax.stderr,
    /^clusters\/bad\.ts: cannot be loaded: SyntaxError: Unexpected token `,`.* \(clusters\/bad\.ts:2:\d+\)$/m,
  );
  const runtime = await renderWith(`const x = missing.y;\nexport default { x };\n`);
  assert.equal(runtime.code, 1);
  assert.match(
    runtime.stderr,
    /^clusters\/bad\.ts: cannot be loaded: ReferenceError: missing is not defined \(clusters\/bad\.ts:1:11\)$/m,
  );
  for (const out of [syntax, runtime]) {
    assert.doesNotMatch(out.stderr, /^\s+at /m, "no stack trace");
    assert.match(out.stderr, /Nothing written/);
  }
});

Deno.test("a top-level await that never resolves ends in a message, not a hang", async () => {
  const out = await renderWith(`await new Promise(() => {});\nexport default {};\n`);
  assert.equal(out.code, 1);
  assert.match(
    out.stderr,
    /^clusters\/bad\.ts: cannot be loaded: did not finish loading in 10 s \(a loop or a top-level await that never ends\?\)$/m,
  );
});

Deno.test("the same problem many times is printed once, with its count", () => {
  const report = { errors: [] as string[], warnings: [] as string[], owners: new Map() };
  const problem = { path: "apps.x", message: "is wrong", severity: "error" as const };
  reportCluster(report, "clusters/x.ts", { problems: Array(5000).fill(problem) }, false);
  assert.deepEqual(report.errors, ["clusters/x.ts: apps.x: is wrong (5000 times)"]);
});

Deno.test("a mistake in a shared layer is the layer's, once, with the clusters it affects", async () => {
  const dir = await tempRepo();
  try {
    const shared = join(dir, "clusters/_shared.ts");
    const text = await Deno.readTextFile(shared);
    await Deno.writeTextFile(
      shared,
      text.replace('pods: "10.244.0.0/16"', 'pods: "10.244.0.1/16"'),
    );
    const out = await run("check", dir);
    assert.equal(out.code, 1);
    assert.equal(
      out.stderr,
      "clusters/_shared.ts: network.pods: 10.244.0.1/16 has host bits set (the network address is 10.244.0.0/16) (in clusters/homelab.ts, clusters/staging.ts)\n",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a value that is not data in a shared layer is the layer's too (found in the sandbox)", async () => {
  const dir = await tempRepo();
  try {
    const shared = join(dir, "clusters/_shared.ts");
    const text = await Deno.readTextFile(shared);
    await Deno.writeTextFile(shared, text.replace("apiServerPort: 6443,", "apiServerPort: NaN,"));
    const out = await run("check", dir);
    assert.equal(out.code, 1);
    assert.match(
      out.stderr,
      /^clusters\/_shared\.ts: apiServerPort: NaN .* \(in clusters\/homelab\.ts, clusters\/staging\.ts\)$/m,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
