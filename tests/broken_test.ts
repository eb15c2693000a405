/**
 * The corpus of broken cluster files under tests/broken/: each names the rules it
 * breaks (`rules`, their ids in lib/rules/mod.ts; `schema` for field rules) and
 * states the exact messages it must produce. A file with only warnings still
 * renders; any error means no file at all.
 */
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { VENDOR } from "./_upstream.ts";
import { renderCluster } from "../lib/render.ts";
import { localRepository } from "../scripts/_sandbox.ts";
import { formatProblem } from "../lib/model/problem.ts";

/** The repository a broken file's Git apps and discovered folders are read from. */
const REPOSITORY = localRepository(join(dirname(fileURLToPath(import.meta.url)), ".."), undefined);
const DIR = join(dirname(fileURLToPath(import.meta.url)), "broken");
const names = [...Deno.readDirSync(DIR)].map((entry) => entry.name).filter((name) =>
  name.endsWith(".ts")
).sort();

Deno.test("the corpus has at least 30 broken clusters", () => {
  assert.ok(names.length >= 30, `${names.length} files`);
});

for (const name of names) {
  Deno.test(`broken: tests/broken/${name}`, async () => {
    const module = await import(`./broken/${name}`);
    const source = `tests/broken/${name}`;
    const result = renderCluster(module.default, source, VENDOR, REPOSITORY);
    const lines = result.problems.map((problem) => formatProblem(source, problem));
    assert.deepEqual(lines, module.expected);
    // Found by its rules' ids: the rules it names are exactly those its problems come from.
    const rules = [...new Set(result.problems.map((problem) => problem.rule ?? "schema"))];
    assert.deepEqual(rules, module.rules);
    assert.ok(lines.length > 0, "a broken cluster reports at least one problem");
    const hasError = result.problems.some((problem) => problem.severity === "error");
    assert.equal(
      result.files.length === 0,
      hasError,
      "files are planned exactly when there is no error",
    );
  });
}
