/**
 * Writes survive a kill: `deno task crash` (scripts/crash.ts) kills renders of
 * a multi-thousand-file change at random moments and checks that, after the
 * next run, the tree is always the old render or the new one. CI runs a few
 * trials; `deno task crash` runs 50.
 */
import assert from "node:assert/strict";
import { ROOT, run, tempRepo } from "./_e2e.ts";

Deno.test("killed renders leave the old tree or the new one, never a mix", async () => {
  await Deno.mkdir(`${ROOT}/.bench`, { recursive: true });
  const result = await run("crash", ROOT, "--trials", "6");
  assert.equal(result.code, 0, result.stderr);
  assert.match(
    result.stdout,
    /^6 renders of \d+ files killed at random moments .* none a mix\.\n$/,
  );
});

Deno.test("two renders at once: the second waits for the first; the tree is one render, no leftovers", async () => {
  const dir = await tempRepo();
  try {
    const [a, b] = await Promise.all([run("render", dir), run("render", dir)]);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(b.code, 0, b.stderr);
    // At most the line that says one waits for the other (a render of over a second).
    assert.equal((a.stderr + b.stderr).replace(/^Waiting for another render.*\n/gm, ""), "");
    const check = await run("check", dir);
    assert.equal(check.code, 0, check.stderr);
    const names: string[] = [];
    const walk = (path: string) => {
      for (const entry of Deno.readDirSync(path)) {
        if (entry.isDirectory) walk(`${path}/${entry.name}`);
        else names.push(entry.name);
      }
    };
    walk(`${dir}/apps`);
    walk(`${dir}/omni`);
    assert.deepEqual(names.filter((name) => name.includes(".hydrate-")), []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a render that waits for the lock says so after a second, then renders", async () => {
  const dir = await tempRepo();
  try {
    await Deno.mkdir(`${dir}/.hydrate`, { recursive: true });
    const held = await Deno.open(`${dir}/.hydrate/render.lock`, { create: true, write: true });
    await held.lock(true);
    const rendering = run("render", dir);
    await new Promise((resolve) => setTimeout(resolve, 4000));
    held.close();
    const result = await rendering;
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stderr,
      /^Waiting for another render or check to finish \(it holds \.hydrate\/render\.lock\)\.\.\.$/m,
    );
    assert.match(result.stdout, /^Rendered 2 clusters/m);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
