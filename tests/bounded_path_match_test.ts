/**
 * Folder patterns (`discover`) match as Go's `path.Match` does, byte for byte,
 * and in bounded time. Go itself is the oracle: tests/go/pathmatch answers
 * path.Match for the patterns and names fast-check generates, malformed patterns
 * (ErrBadPattern) included. CI has Go: there a missing `go` fails the test; on a
 * machine without it, the comparison is skipped with a message.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { fileURLToPath } from "node:url";
import { discoverApps, matchingFolders, pathMatch } from "../lib/model/discover.ts";
import type { RepositoryContext } from "../lib/model/repository.ts";
import { parseCluster } from "../lib/model/parse.ts";
import { syntheticCluster } from "../lib/bench/fleet.ts";

const HELPER = fileURLToPath(new URL("./go/pathmatch/main.go", import.meta.url));

/** The `go` command, or undefined where there is none. */
function findGo(): string | undefined {
  for (const candidate of ["go", "/usr/local/go/bin/go"]) {
    try {
      if (new Deno.Command(candidate, { args: ["version"] }).outputSync().success) return candidate;
    } catch {
      // not there: try the next
    }
  }
  return undefined;
}

const GO = findGo();
const IN_CI = Deno.env.get("CI") === "true";
if (!GO && !IN_CI) console.warn("bounded_path_match_test: no `go` here: Go's answers not compared");

/** Our answer in the helper's terms: matched, or malformed. */
function ours(pattern: string, name: string): { match: boolean; bad: boolean } {
  try {
    return { match: pathMatch(pattern, name), bad: false };
  } catch (cause) {
    assert.ok(cause instanceof SyntaxError, String(cause));
    return { match: false, bad: true };
  }
}

/** Go's answers for pairs, from one run of the helper. */
async function goAnswers(pairs: [string, string][]): Promise<{ match: boolean; bad: boolean }[]> {
  const child = new Deno.Command(GO!, {
    args: ["run", HELPER],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
    // The installed toolchain, never one fetched; a build cache even where HOME is not set.
    env: {
      GOTOOLCHAIN: "local",
      ...(Deno.env.get("HOME") || Deno.env.get("GOCACHE")
        ? {}
        : { GOCACHE: Deno.makeTempDirSync() }),
    },
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(pairs.map((p) => JSON.stringify(p)).join("\n")));
  await writer.close();
  const output = await child.output();
  assert.ok(output.success, new TextDecoder().decode(output.stderr));
  const lines = new TextDecoder().decode(output.stdout).trim().split("\n");
  assert.equal(lines.length, pairs.length);
  return lines.map((line) => JSON.parse(line));
}

/** Text from pieces that matter to a pattern: its operators, `/`, multi-byte runes. */
const pieces = (units: string[], maxLength: number) =>
  fc.array(fc.constantFrom(...units), { maxLength }).map((parts) => parts.join(""));

const PATTERN = fc.oneof(
  pieces(["a", "b", "/", "*", "?", "[", "]", "^", "-", "\\", "é", "😀", "z"], 10),
  pieces(["a", "*", "[a-c]", "[^/]", "[\\]]", "?", "/", "\\*", "[é-😀]"], 6),
  fc.string({ unit: "grapheme", maxLength: 6 }),
);
const NAME = fc.oneof(
  pieces(["a", "b", "c", "/", "é", "😀", "]", "*", "-", "z", "\\"], 10),
  fc.string({ unit: "grapheme", maxLength: 6 }),
);

Deno.test({
  name: "matches as Go's path.Match, malformed patterns included (fast-check, Go as the oracle)",
  ignore: !GO && !IN_CI,
  async fn() {
    assert.ok(GO, "CI has Go: `go` must be on PATH for this comparison");
    const pairs = fc.sample(fc.tuple(PATTERN, NAME), { numRuns: 4000, seed: 25 });
    const quirks: [string, string][] = [
      ["*???", "😀"], // Go's star moves byte by byte: three bytes of one rune read as three runes
      ["*a[^x]*c", "aa/c"], // leftmost chunk first, never revisited
      ["a[^x]b", "a/b"], // a class matches a /
      ["a\\/b", "a/b"],
      ["[a-", "a"],
      ["*[", "x"],
      ["x\\", "y"],
      ["[]a]", "]"],
      ["[^]", "a"],
      ["a*", "ab["],
      ["*x", "a/x"],
      ["[\\]]", "]"],
    ];
    const all = [...quirks, ...pairs];
    const answers = await goAnswers(all);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: all.length - 1 }), (i) => {
        assert.deepEqual(ours(...all[i]), answers[i], JSON.stringify(all[i]));
      }),
      { numRuns: all.length * 2, seed: 25 },
    );
    const wrong = all.filter((pair, i) =>
      JSON.stringify(ours(...pair)) !== JSON.stringify(answers[i])
    );
    assert.deepEqual(wrong, []);
  },
});

/** The median time of `runs` calls, in ms. */
function median(runs: number, work: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

Deno.test("a pattern that makes a backtracking matcher explode takes about as long as a plain one", () => {
  const name = "a".repeat(20_000);
  const hostile = "*a*a*a*a*a*a*a*a*a*b";
  assert.equal(pathMatch(hostile, name), false);
  assert.equal(pathMatch(name, name), true);
  const hostileTime = median(21, () => pathMatch(hostile, name));
  const plainTime = median(21, () => pathMatch(name, name));
  // Both are one pass over the name; a backtracking matcher takes 20,000^9 steps here.
  assert.ok(
    hostileTime <= Math.max(plainTime, 0.05) * 50,
    `hostile ${hostileTime} ms, plain ${plainTime} ms`,
  );
});

/** A repository of folders, as a render reads it. */
function repository(folders: string[]): RepositoryContext {
  const children = new Map<string, Set<string>>([[".", new Set()]]);
  for (const folder of folders) {
    const parts = folder.split("/");
    parts.forEach((part, i) => {
      const parent = i === 0 ? "." : parts.slice(0, i).join("/");
      const path = parts.slice(0, i + 1).join("/");
      if (!children.has(path)) children.set(path, new Set());
      children.get(parent)!.add(part);
    });
  }
  return {
    inherited: () => undefined,
    folder: (path) => children.has(path) ? [...children.get(path)!] : undefined,
    file: () => undefined,
  };
}

const TREE = ["apps/web", "apps/api", "apps/.hidden/x", "apps/team/web", "infra/db", "a/b/c"];

Deno.test("folders are matched on their whole path, as Argo CD matches them (a class can match a /)", () => {
  const repo = repository(TREE);
  assert.deepEqual(matchingFolders("apps/*", repo), ["apps/api", "apps/team", "apps/web"]);
  assert.deepEqual(matchingFolders("*/*", repo), [
    "a/b",
    "apps/api",
    "apps/team",
    "apps/web",
    "infra/db",
  ]);
  assert.deepEqual(matchingFolders("apps[/]web", repo), ["apps/web"]);
  assert.deepEqual(matchingFolders("a[^x]b[^x]c", repo), ["a/b/c"]);
  assert.deepEqual(matchingFolders("apps/.hidden/*", repo), []);
  assert.throws(() => matchingFolders("apps/[", repo), SyntaxError);
});

Deno.test("a malformed exclude pattern is a problem at its place, not a crash", () => {
  const data = syntheticCluster(0, 1) as unknown as Record<string, unknown>;
  data.discover = { web: { paths: ["apps/*"], exclude: ["apps/[z-"] } };
  const parsed = parseCluster(data);
  assert.ok(parsed.ok);
  const { problems } = discoverApps(parsed.cluster, repository(TREE));
  assert.equal(problems.length, 1);
  assert.equal(problems[0].path, "discover.web.exclude[0]");
  assert.match(problems[0].message, /^apps\/\[z-: syntax error in pattern \(Go's path\.Match/);
});
