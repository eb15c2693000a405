/**
 * Golden tests: each fixture cluster under tests/fixtures/ renders to the
 * committed tree under tests/golden/<fixture>/, and the committed apps/ and omni/
 * equal a fresh render of clusters/. `deno task test:update` rewrites the goldens.
 */
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { VENDOR } from "./_upstream.ts";
import { renderCluster } from "../lib/render.ts";
import { localRepository } from "../scripts/_sandbox.ts";
import { isClean, planWrites } from "../lib/output/write.ts";
import { readTree } from "../scripts/_cli.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const HELP = Deno.args.includes("--help") || Deno.args.includes("-h");
const UPDATE = Deno.args.includes("--update") && !HELP;
if (HELP) {
  console.log(
    "usage: deno task test:update\n\nRewrites tests/golden/<fixture>/ from a fresh render of each tests/fixtures/<fixture>.ts\nand lists every file it adds, changes or removes (read the diff before committing).\nWith --help it only runs the golden tests.",
  );
}

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string, prefix = ""): string[] {
  let entries: Deno.DirEntry[];
  try {
    entries = [...Deno.readDirSync(join(dir, prefix))];
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    return entry.isDirectory ? filesUnder(dir, path) : [path];
  });
}

async function loadCluster(path: string): Promise<unknown> {
  return (await import(`file://${join(ROOT, path)}`)).default;
}

/** The repository the fixtures' own Git apps and discovered folders are read from. */
const REPOSITORY = localRepository(ROOT, undefined);

const fixtures = [...Deno.readDirSync(join(ROOT, "tests/fixtures"))]
  .filter((entry) => entry.isFile && entry.name.endsWith(".ts"))
  .map((entry) => entry.name.replace(/\.ts$/, ""))
  .sort();

for (const fixture of fixtures) {
  Deno.test(`golden: tests/fixtures/${fixture}.ts renders to tests/golden/${fixture}/`, async () => {
    const source = `tests/fixtures/${fixture}.ts`;
    const result = renderCluster(await loadCluster(source), source, VENDOR, REPOSITORY);
    assert.deepEqual(result.problems, []);
    const goldenDir = join(ROOT, "tests/golden", fixture);
    if (UPDATE) {
      // Say what is rewritten, file by file, so that the diff to read is known.
      const before = planWrites(result.files, readTree(["apps", "omni"], goldenDir));
      const rendered = new Set(result.files.map((f) => f.path));
      const stray = filesUnder(goldenDir).filter((path) =>
        !rendered.has(path) && !before.remove.includes(path)
      );
      const changes = [
        ...before.create.map((f) => `  added    ${f.path}`),
        ...before.update.map((f) => `  changed  ${f.path}`),
        ...before.remove.map((path) => `  removed  ${path}`),
        ...stray.map((path) => `  removed  ${path} (not rendered: the golden tree is the render)`),
      ];
      console.log(
        changes.length === 0
          ? `tests/golden/${fixture}: unchanged`
          : `tests/golden/${fixture}: ${changes.length} file(s) rewritten\n${changes.join("\n")}`,
      );
      await Deno.remove(goldenDir, { recursive: true }).catch(() => {});
      for (const file of result.files) {
        await Deno.mkdir(dirname(join(goldenDir, file.path)), { recursive: true });
        await Deno.writeTextFile(join(goldenDir, file.path), file.content);
      }
    }
    const golden = readTree(["apps", "omni"], goldenDir);
    const plan = planWrites(result.files, golden);
    assert.ok(
      isClean(plan),
      `tests/golden/${fixture} differs from a fresh render (run deno task test:update and read the diff):\n` +
        JSON.stringify(
          {
            missing: plan.create.map((f) => f.path),
            differ: plan.update.map((f) => f.path),
            stale: plan.remove,
          },
          null,
          2,
        ),
    );
    for (const file of result.files) assert.equal(golden.get(file.path), file.content, file.path);
  });
}

Deno.test("golden: the committed apps/ and omni/ equal a fresh render of clusters/", async () => {
  const committed = readTree(["apps", "omni"], ROOT);
  const files = [];
  for (
    const entry of [...Deno.readDirSync(join(ROOT, "clusters"))].sort((a, b) =>
      a.name.localeCompare(b.name)
    )
  ) {
    if (!entry.name.endsWith(".ts") || entry.name.startsWith("_")) continue;
    const source = `clusters/${entry.name}`;
    const result = renderCluster(await loadCluster(source), source, VENDOR);
    assert.deepEqual(result.problems, [], source);
    files.push(...result.files);
  }
  const plan = planWrites(files, committed);
  assert.ok(
    isClean(plan),
    "apps/ or omni/ differ from a fresh render of clusters/: run `deno task render` and commit",
  );
});
