/**
 * The bench in its short mode (one small size, one run), as part of the tests so
 * it never rots. Numbers are never asserted: speed lives in `deno task bench`.
 */
import assert from "node:assert/strict";
import { run, tempRepo } from "./_e2e.ts";

Deno.test("bench --short runs every phase, the check mode and the floor, and prints the verdicts", async () => {
  const dir = await tempRepo();
  try {
    const result = await run("bench", dir, "--short");
    assert.equal(result.code, 0, result.stderr);
    for (
      const phase of [
        "parse",
        "validate",
        "build",
        "schema",
        "emit",
        "write",
        "render",
        "check",
        "floor",
      ]
    ) {
      assert.match(result.stdout, new RegExp(`^1x30 +${phase} +\\d+\\.\\d`, "m"), phase);
    }
    assert.match(
      result.stdout,
      /^1x30: full render \d+\.\d\dx the JSON floor \(target <= 2\.5x\): (holds|MISSED)$/m,
    );
    await assert.rejects(Deno.stat(`${dir}/.bench`), Deno.errors.NotFound, "the bench cleans up");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
