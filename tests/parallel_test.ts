/**
 * The parallel render: clusters rendered across sandboxes give the same bytes
 * as one sandbox, plan against the disk like `check`, and stay all or nothing
 * when a write fails.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { renderTree } from "../scripts/_parallel.ts";
import { readTree } from "../scripts/_cli.ts";

const jobs = Array.from({ length: 8 }, (_, index) => ({
  source: `clusters/fleet-${index}.ts`,
  synthetic: { index, apps: 3 },
}));

async function render(base: string, threads: number) {
  const tree = await renderTree(jobs, { strict: false, base, threads });
  try {
    assert.deepEqual(tree.errors, []);
    await tree.write();
    return tree;
  } finally {
    tree.close();
  }
}

Deno.test("two sandboxes write the very bytes one sandbox writes; a second render plans nothing", async () => {
  const dir = await Deno.makeTempDir({ prefix: "hydrate-parallel-" });
  try {
    const parallel = await render(join(dir, "parallel"), 2);
    assert.equal(parallel.threads, 2);
    assert.deepEqual(parallel.clusters, jobs.map((_, i) => `fleet-${i}`));
    const single = await render(join(dir, "single"), 1);
    assert.equal(single.threads, 1);
    const a = readTree(["apps", "omni"], join(dir, "parallel"));
    const b = readTree(["apps", "omni"], join(dir, "single"));
    assert.ok(a.size > 8 * 20, `${a.size} files`);
    assert.deepEqual([...a.keys()].sort(), [...b.keys()].sort());
    for (const [path, content] of a) assert.equal(content, b.get(path), path);

    const again = await renderTree(jobs, {
      strict: false,
      base: join(dir, "parallel"),
      threads: 2,
    });
    again.close();
    assert.deepEqual(again.plan, {
      create: [],
      update: [],
      unchanged: a.size,
      remove: [],
      conflicts: [],
      unmanaged: [],
      symlinks: [],
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

// fleet-4 and fleet-5 are rendered by different sandboxes (each takes every other cluster).
for (const blocked of ["fleet-4", "fleet-5"]) {
  Deno.test(`a write that fails (${blocked}) rolls back every cluster's: nothing is written`, async () => {
    const dir = await Deno.makeTempDir({ prefix: "hydrate-parallel-" });
    try {
      // A folder where the cluster's root Application goes: that share cannot write it.
      await Deno.mkdir(join(dir, `apps/${blocked}/root.yaml`), { recursive: true });
      const tree = await renderTree(jobs, { strict: false, base: dir, threads: 2 });
      try {
        assert.deepEqual(tree.errors, []);
        await assert.rejects(() => tree.write());
      } finally {
        tree.close();
      }
      assert.deepEqual([...readTree(["apps", "omni"], dir).keys()], []);
      assert.deepEqual(
        [...Deno.readDirSync(dir)].map((entry) => entry.name).filter((n) => n !== ".hydrate"),
        ["apps"],
      );
      assert.deepEqual([...Deno.readDirSync(join(dir, "apps"))].map((entry) => entry.name), [
        blocked,
      ]);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
}

Deno.test("a broken cluster in one share is reported with the others' problems, in file order", async () => {
  const broken = [...jobs, { source: "clusters/fleet-300.ts", synthetic: { index: 300, apps: 1 } }];
  const tree = await renderTree(broken, {
    strict: false,
    base: "/nonexistent",
    threads: 2,
    lock: false,
  });
  tree.close();
  assert.ok(tree.errors.length > 0);
  assert.ok(
    tree.errors.every((line) => line.startsWith("clusters/fleet-300.ts: ")),
    tree.errors[0],
  );
  assert.equal(tree.clusters.length, 8);
});
