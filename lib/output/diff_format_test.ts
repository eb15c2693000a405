import assert from "node:assert/strict";
import { diffTrees } from "./diff.ts";
import {
  chunkLines,
  formatField,
  formatMarkdown,
  formatText,
  GITHUB_COMMENT_LIMIT,
  PART_MARKER,
} from "./diff_format.ts";
import { generatedHeader } from "./emit.ts";

const header = generatedHeader("clusters/lab.ts");

/** A values file of `n` entries whose every value differs between the two sides. */
function bigChange(n: number, width = 40) {
  const values = (tag: string) =>
    header + Array.from({ length: n }, (_, i) =>
      `key${i}: ${tag}-${"x".repeat(width)}-${i}`).join("\n") +
    "\n";
  return diffTrees(
    new Map([["apps/lab/big/values.yaml", values("old")], [
      "apps/lab/small/values.yaml",
      `${header}a: 1\n`,
    ]]),
    new Map([["apps/lab/big/values.yaml", values("new")], [
      "apps/lab/small/values.yaml",
      `${header}a: 2\n`,
    ]]),
  );
}

Deno.test("markdown under the limit is one part with the summary table first", () => {
  const parts = formatMarkdown(bigChange(3), "main");
  assert.equal(parts.length, 1);
  assert.ok(parts[0].startsWith(`${PART_MARKER} part 1/1 -->\n## Hydrate: rendered change\n`));
  assert.match(parts[0], /\| lab \| 0 \| 0 \| 0 \| 2 \|/);
  assert.match(parts[0], /<details><summary><b>lab \/ big<\/b>: 1 changed<\/summary>/);
});

Deno.test("markdown over GitHub's limit is split into numbered parts, each under it, nothing dropped", () => {
  const report = bigChange(4000);
  const parts = formatMarkdown(report, "main");
  assert.ok(parts.length >= 3, `${parts.length} parts`);
  const all = parts.join("\n");
  parts.forEach((part, i) => {
    assert.ok(part.length <= GITHUB_COMMENT_LIMIT, `part ${i + 1} is ${part.length} characters`);
    assert.ok(part.startsWith(`${PART_MARKER} part ${i + 1}/${parts.length} -->\n`));
    assert.match(part, new RegExp(`part ${i + 1} of ${parts.length}`));
    const fences = part.split("\n").filter((line) => line.startsWith("```")).length;
    assert.equal(fences % 2, 0, `part ${i + 1} closes every code fence`);
    assert.equal(
      part.split("<details>").length,
      part.split("</details>").length,
      `part ${i + 1} closes its sections`,
    );
  });
  for (const change of report.changes) {
    for (const line of change.unified.trimEnd().split("\n")) {
      assert.ok(all.includes(line), `kept: ${line}`);
    }
    for (const field of change.fields) assert.ok(all.includes(field.path), `kept: ${field.path}`);
  }
  assert.match(parts[0], /\| lab \| 0 \| 0 \| 0 \| 2 \|/, "the summary comes first");
});

Deno.test("chunkLines cuts a line longer than the budget instead of dropping it", () => {
  const long = "y".repeat(250);
  const chunks = chunkLines(["```diff", long, "```"], 100);
  assert.ok(chunks.every((chunk) => chunk.join("\n").length <= 100));
  assert.equal(chunks.flat().filter((line) => line.startsWith("y")).join(""), long);
});

Deno.test("text: no change says so", () => {
  assert.equal(
    formatText({ changes: [], summary: [], notes: [] }, "main"),
    "No rendered change against main.\n",
  );
});

Deno.test("a multi-line value stays on its line: its first line and its length", () => {
  assert.equal(
    formatField({
      path: "data.script",
      op: "changed",
      before: "local a = 1\nreturn a\n",
      after: "local a = 2\nlocal b = 3\nreturn a + b\n",
    }),
    'data.script: "local a = 1" ... (2 lines, whole in the diff) -> "local a = 2" ... (3 lines, whole in the diff)',
  );
});
