/** The git index reader (`scripts/_git_index.ts`) against the index files git itself writes. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { git } from "./_e2e.ts";
import { indexPaths, trackedUnder } from "../scripts/_git_index.ts";

const NAMES = [
  "a.txt",
  ".hydrate/journal.json",
  ".hydrate/render.lock",
  "apps/x/a-much-longer-file-name-to-pad-past-eight-bytes.yaml",
  "apps/x/b.yaml",
  "zz/.hydrate/not-it",
  "with space ",
];

for (const version of ["2", "3", "4"]) {
  Deno.test(`git index version ${version}: every tracked path, as git ls-files lists them`, async () => {
    const dir = await Deno.makeTempDir({ prefix: "hydrate-index-" });
    try {
      await git(dir, "init", "-q");
      for (const name of NAMES) {
        await Deno.mkdir(join(dir, name, ".."), { recursive: true });
        await Deno.writeTextFile(join(dir, name), name);
      }
      await git(dir, "add", "-A");
      // Version 3 writes its extended flags only for an entry that has one: intent-to-add.
      await Deno.writeTextFile(join(dir, "later.txt"), "x");
      if (version === "3") await git(dir, "add", "-N", "later.txt");
      await git(dir, "update-index", "--index-version", version);
      const listed = (await git(dir, "ls-files", "-z")).split("\0").filter(Boolean).sort();
      const read = indexPaths(await Deno.readFile(join(dir, ".git/index")));
      assert.deepEqual(read?.sort(), listed);
      assert.deepEqual(trackedUnder(dir, ".hydrate"), [
        ".hydrate/journal.json",
        ".hydrate/render.lock",
      ]);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
}

Deno.test("an index that is not one counts as tracking the folder (refuse rather than trust)", () => {
  assert.equal(indexPaths(new TextEncoder().encode("DIRC\0\0\0\x09")), undefined);
  const dir = Deno.makeTempDirSync();
  try {
    Deno.mkdirSync(join(dir, ".git"));
    Deno.writeTextFileSync(join(dir, ".git/index"), "not an index");
    assert.equal(trackedUnder(dir, ".hydrate").length, 1);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
