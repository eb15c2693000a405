/**
 * The bench in its short mode (one small size, one run), as part of the tests so
 * it never rots. Numbers are never asserted: speed lives in `deno task bench`.
 */
import assert from "node:assert/strict";
import { run, tempRepo } from "./_e2e.ts";

/** The exit code a bench run owes: 2 when a verdict says MISSED, else 0. */
const owed = (stdout: string) => /MISSED$/m.test(stdout) ? 2 : 0;

Deno.test("bench --short runs every phase, the check mode and the floor, and prints the verdicts", async () => {
  const dir = await tempRepo();
  try {
    const result = await run("bench", dir, "--short");
    assert.equal(result.code, owed(result.stdout), result.stderr);
    for (
      const phase of [
        "parse",
        "validate",
        "build",
        "schema",
        "pinned",
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
    assert.match(
      result.stdout,
      /^1x30: YAML of \d+ documents byte for byte js-yaml's dump .*: holds$/m,
    );
    await assert.rejects(Deno.stat(`${dir}/.bench`), Deno.errors.NotFound, "the bench cleans up");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/** A note of the bench's last cleanup, as the bench writes it. */
async function noteCleanup(dir: string, ended: number, files: number | null) {
  await Deno.mkdir(`${dir}/.bench`, { recursive: true });
  await Deno.writeTextFile(`${dir}/.bench/last-cleanup.json`, JSON.stringify({ ended, files }));
}

const SIX_MINUTES = 6 * 60_000;

Deno.test("bench waits until six minutes after the last big cleanup, and says why", async () => {
  const dir = await tempRepo();
  try {
    await noteCleanup(dir, Date.now() - SIX_MINUTES + 6_000, 733_950);
    const start = performance.now();
    const result = await run("bench", dir, "--sizes", "1x30", "--runs", "1");
    assert.equal(result.code, owed(result.stdout), result.stderr);
    assert.match(
      result.stdout,
      /^Waiting \d s first: the last bench deleted 733950 files 5 min 5\d s ago, .*ext4 without a journal.*--no-wait skips the wait\.$/m,
    );
    assert.ok(performance.now() - start >= 1_500, "it waited");
    assert.match(result.stdout, /The bench waited \d s after the last one's cleanup\./);
    // Too few files written to slow the next run: the earlier note stays, the runs are gone.
    assert.deepEqual([...Deno.readDirSync(`${dir}/.bench`)].map((e) => e.name), [
      "last-cleanup.json",
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("bench --no-wait starts at once and warns; small or old cleanups need no wait", async () => {
  const dir = await tempRepo();
  try {
    await noteCleanup(dir, Date.now() - 60_000, 733_950);
    const hurried = await run("bench", dir, "--sizes", "2x30,1x30", "--runs", "1", "--no-wait");
    assert.equal(hurried.code, owed(hurried.stdout), hurried.stderr);
    assert.match(
      hurried.stdout,
      /^cost linear in objects: one-thread CPU per file [\d.]+ ms at 1x30, [\d.]+ ms at 2x30 \(x[\d.]+, target <= 1\.5x\): (holds|MISSED)$/m,
    );
    assert.match(hurried.stdout, /^--no-wait: the last bench deleted 733950 files 1 min \d s ago/m);
    assert.doesNotMatch(hurried.stdout, /Waiting/);
    for (
      const [ended, files] of [[Date.now() - 60_000, 500], [Date.now() - SIX_MINUTES, 733_950]]
    ) {
      await noteCleanup(dir, ended, files);
      const result = await run("bench", dir, "--sizes", "1x30", "--runs", "1");
      assert.equal(result.code, owed(result.stdout), result.stderr);
      assert.doesNotMatch(result.stdout, /Waiting|--no-wait:/);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("bench clears what an interrupted run left, and counts it as a big delete", async () => {
  const dir = await tempRepo();
  try {
    await Deno.mkdir(`${dir}/.bench/50x400-1/render/apps`, { recursive: true });
    await Deno.writeTextFile(`${dir}/.bench/50x400-1/render/apps/x.yaml`, "x: 1\n");
    const result = await run("bench", dir, "--sizes", "1x30", "--runs", "1", "--no-wait");
    assert.equal(result.code, owed(result.stdout), result.stderr);
    assert.match(
      result.stdout,
      /^--no-wait: the last bench deleted the files an interrupted run left \d s ago/m,
    );
    assert.deepEqual([...Deno.readDirSync(`${dir}/.bench`)].map((e) => e.name), [
      "last-cleanup.json",
    ]);
    const note = JSON.parse(await Deno.readTextFile(`${dir}/.bench/last-cleanup.json`));
    assert.equal(note.files, null);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("bench refuses --runs 0 with a message, exit 1", async () => {
  const dir = await tempRepo();
  try {
    const result = await run("bench", dir, "--runs", "0", "--no-wait");
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^--runs 0: a whole number >= 1$/m);
    assert.match(result.stderr, /^usage: deno task bench /m);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
