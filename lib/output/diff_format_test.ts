import assert from "node:assert/strict";
import fc from "fast-check";
import { type DiffReport, diffTrees } from "./diff.ts";
import {
  chunkLines,
  formatField,
  formatMarkdown,
  formatMarkdownFailure,
  formatText,
  GITHUB_COMMENT_LIMIT,
  PART_MARKER,
  withCaution,
} from "./diff_format.ts";
import { generatedHeader } from "./emit.ts";
import { toYaml } from "../model/yaml.ts";

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

/** What starts each further piece of a cut line. */
const CONTINUED = "↪ ";

Deno.test("chunkLines cuts a line longer than the budget instead of dropping it", () => {
  const long = "y".repeat(250);
  const chunks = chunkLines(["```diff", long, "```"], 100);
  assert.ok(chunks.every((chunk) => chunk.join("\n").length <= 100));
  const pieces = chunks.flat().filter((line) => /^(y|↪ )/.test(line));
  assert.ok(pieces.slice(1).every((piece) => piece.startsWith(CONTINUED)));
  assert.equal(pieces.map((piece) => piece.replace(CONTINUED, "")).join(""), long);
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

/** Pieces a hostile contributor puts in a name or a value. */
const HOSTILE = [
  "<!-- hydrate-diff part 1/1 -->",
  "<!-- hydrate-diff part 2/2 -->",
  "<!--",
  "-->",
  "<details>",
  "</details>",
  "</summary>",
  "`",
  "```",
  "````",
  "~~~",
  "\r",
  "\n",
  "\n   ```\n",
  "@org/team",
  "#123",
  "**No rendered change**",
  "No rendered change against `main`.",
  "> [!CAUTION]",
  "## Hydrate: rendered change",
  "|",
  "\x1b[31m",
  "::error::",
  " ",
];

/** Any string, and strings made of the hostile pieces. */
const anyText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 4 })), { maxLength: 8 })
    .map((pieces) => pieces.join("")),
);

/** Controls (tab and newline aside) and the bidirectional overrides and isolates. */
const UNSEEN =
  // deno-lint-ignore no-control-regex -- the test looks for control characters
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Hydrate's own lines: a reader takes them for the verdict. */
const VERDICT = /^(## Hydrate: rendered change|(No r|R)endered change against |> \[!CAUTION\])/;

/** A line without its code spans (CommonMark 0.31.2: a backtick string ends at one of equal length). */
function withoutCodeSpans(line: string): string {
  let out = "";
  let at = 0;
  while (at < line.length) {
    const open = /`+/g;
    open.lastIndex = at;
    const start = open.exec(line);
    if (!start) break;
    const close = new RegExp(`(?<!\`)${start[0]}(?!\`)`, "g");
    close.lastIndex = start.index + start[0].length;
    const end = close.exec(line);
    out += line.slice(at, start.index) + (end ? "" : start[0]);
    at = end ? end.index + start[0].length : start.index + start[0].length;
  }
  return out + line.slice(at);
}

/**
 * What a part of the comment is made of, read as a CommonMark renderer reads its blocks
 * (0.31.2: CR, LF and CRLF end lines; a fence closes at a line of up to three spaces and at
 * least as many of its characters): the lines starting with a part marker, the raw HTML
 * outside code, Hydrate's verdict lines outside code, live mentions and references.
 */
function structure(part: string) {
  const found = { markers: 0, opened: 0, closed: 0, summaries: 0, comments: 0, mentions: 0 };
  const verdicts: string[] = [];
  let fence: { char: string; length: number } | undefined;
  for (const line of part.split(/\r\n|\r|\n/)) {
    if (line.startsWith(PART_MARKER)) found.markers++;
    if (fence) {
      const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line)?.[1];
      if (close && close[0] === fence.char && close.length >= fence.length) fence = undefined;
      continue;
    }
    const open = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
    if (open && !(open[1][0] === "`" && open[2].includes("`"))) {
      fence = { char: open[1][0], length: open[1].length };
      continue;
    }
    if (VERDICT.test(line.trimStart())) verdicts.push(line);
    const text = withoutCodeSpans(line);
    found.opened += text.match(/<details[\s>]/gi)?.length ?? 0;
    found.closed += text.match(/<\/details\s*>/gi)?.length ?? 0;
    found.summaries += text.match(/<\/summary\s*>/gi)?.length ?? 0;
    found.comments += text.match(/<!--/g)?.length ?? 0;
    found.mentions += text.match(/@(?!&#8203;)\w|(?<!&)#\d/g)?.length ?? 0;
  }
  return { ...found, verdicts, fenceOpen: fence !== undefined };
}

/** A report whose every string from the trees is `s`: cluster, app, names, paths, values, diff lines, risks. */
function reportOf(s: string): DiffReport {
  return {
    changes: [{
      cluster: s,
      app: s,
      type: "resource",
      label: `v1/ConfigMap web/${s}`,
      path: `apps/${s}/web/${s}.yaml`,
      status: "changed",
      fields: [{ path: `data[${s}]`, op: "changed", before: s, after: `${s}\n${s}` }],
      unified: `--- a/${s}\n+++ b/${s}\n@@ -1,2 +1,2 @@\n ${s}\n-${s}\n+${s}\n${s}\n`,
      risks: [`Gateway address: ${s}`],
    }],
    summary: [{ cluster: s, added: 0, changed: 1, removed: 0, files: 0 }],
    notes: [`${s}: sync order changes: before ${s}; after ${s}`],
  };
}

/** The structure of a one-part comment with one section, as Hydrate writes it. */
function assertIntact(parts: string[], sections = 1) {
  parts.forEach((part, i) => {
    const found = structure(part);
    assert.equal(found.markers, 1, `one marker line in part ${i + 1}`);
    assert.ok(part.startsWith(`${PART_MARKER} part ${i + 1}/${parts.length} -->\n`));
    assert.equal(found.comments, 1, "no HTML comment but the marker");
    assert.equal(found.opened, found.closed, "every section closed, none closed early");
    assert.equal(found.summaries, found.opened, "one summary per section");
    assert.equal(found.mentions, 0, "no mention, no reference");
    assert.equal(found.fenceOpen, false, "every code block closed");
    assert.equal(
      found.verdicts[0],
      parts.length === 1
        ? "## Hydrate: rendered change"
        : `## Hydrate: rendered change (part ${i + 1} of ${parts.length})`,
    );
  });
  assert.equal(parts.reduce((n, part) => n + structure(part).opened, 0), sections);
}

Deno.test("markdown: a hostile name or value can hide no section, start no part, fake no verdict", () => {
  const s = "x\r</details>\n```\n<!-- hydrate-diff part 1/1 -->\n## Hydrate: rendered change\n" +
    "No rendered change against `main`.\n> [!CAUTION]\n@org/team #123 | `a``b";
  const parts = formatMarkdown(reportOf(s), "main");
  assert.equal(parts.length, 1);
  assertIntact(parts);
  assert.deepEqual(structure(parts[0]).verdicts, [
    "## Hydrate: rendered change",
    "Rendered change against `main`.",
  ]);
});

Deno.test("markdown: a value's block-scalar line of backticks does not close the diff's code block", () => {
  // In both versions, so its lines are context lines: " " + "  ```" would close a ``` fence.
  const values = (a: number) =>
    header + toYaml({ a, script: "echo\n```\n</details>\n<!-- hydrate-diff part 2/2 -->\n" });
  const report = diffTrees(
    new Map([["apps/lab/web/values.yaml", values(1)]]),
    new Map([["apps/lab/web/values.yaml", values(2)]]),
  );
  assert.match(report.changes[0].unified, /^ {3}```$/m);
  const parts = formatMarkdown(report, "main");
  assert.equal(parts.length, 1);
  assertIntact(parts);
});

Deno.test("markdown: a CR in a value ends no line; mentions and table pipes stay text", () => {
  const report = diffTrees(
    new Map([["apps/lab/web/values.yaml", `${header}a: one\n`]]),
    new Map([["apps/lab/web/values.yaml", `${header}a: "two\\r</details>"\n`]]),
  );
  const [part] = formatMarkdown(report, "main");
  assert.ok(!part.includes("\r"));
  assert.ok(part.includes("- `a: one -> two\\u000d</details>`"));
  const mention = formatMarkdown(reportOf("@org/team|#7"), "main")[0];
  assert.match(mention, /^\| @&#8203;org\/team&#124;#&#8203;7 \| 0 \| 1 \| 0 \| 0 \|$/m);
});

Deno.test("markdown: a label with backticks is shown exactly, in a longer code span", () => {
  const report = reportOf("a`b``c");
  const [part] = formatMarkdown(report, "main");
  assert.ok(part.includes("#### ~ ```v1/ConfigMap web/a`b``c``` (changed)"));
});

Deno.test("markdown: for any string as a name or a value, the parts keep Hydrate's structure", () => {
  fc.assert(
    fc.property(anyText, (s) => {
      const parts = formatMarkdown(reportOf(s), "main");
      assertIntact(parts);
      const verdicts = parts.flatMap((part) => structure(part).verdicts);
      assert.deepEqual(verdicts, [
        "## Hydrate: rendered change",
        "Rendered change against `main`.",
      ]);
      const cautioned = withCaution(parts, "The committed render is not current.");
      assert.equal(cautioned.flatMap((part) => structure(part).verdicts).length, 3);
    }),
    { numRuns: 300 },
  );
});

/** Lines each of which is a hostile piece or a few random characters. */
const hostileLines = fc.array(
  fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 4 })),
  { minLength: 1, maxLength: 6 },
).map((lines) => lines.join("\n"));

Deno.test("markdown: for any string in a values file, rendered through the diff, the structure holds", () => {
  fc.assert(
    fc.property(anyText, hostileLines, (s, script) => {
      // The script in both versions: its lines are context lines of the diff.
      const values = (a: number) =>
        header + toYaml(Object.fromEntries([["a", a], ["script", `${script}\n`], [s, `${s}${a}`]]));
      const report = diffTrees(
        new Map([["apps/lab/web/values.yaml", values(1)]]),
        new Map([["apps/lab/web/values.yaml", values(2)]]),
      );
      const parts = formatMarkdown(report, "main");
      assertIntact(parts);
      assert.equal(parts.flatMap((part) => structure(part).verdicts).length, 2);
    }),
    { numRuns: 300 },
  );
});

Deno.test("markdown: a failure's problems are shown in a block no problem can close or split", () => {
  fc.assert(
    fc.property(fc.array(anyText, { maxLength: 4 }), (problems) => {
      const parts = formatMarkdownFailure({
        what: "Hydrate refused the cluster files.",
        problems: ["clusters/lab.ts: ```\n</details>\r<!-- hydrate-diff part 1/1 -->", ...problems],
        advice: "Fix each problem above.",
      });
      assert.equal(parts.length, 1);
      const found = structure(parts[0]);
      assert.equal(found.markers, 1);
      assert.equal(found.comments, 1);
      assert.equal(found.opened + found.closed + found.mentions, 0);
      assert.equal(found.fenceOpen, false);
      assert.deepEqual(found.verdicts, ["## Hydrate: rendered change", "> [!CAUTION]"]);
    }),
    { numRuns: 200 },
  );
});

Deno.test("markdown: risks over the limit are continued across parts, sections still balanced", () => {
  const report = reportOf("web");
  report.notes = Array.from(
    { length: 3000 },
    (_, i) => `lab: sync order changes: note ${i} ${"x".repeat(40)}`,
  );
  const parts = formatMarkdown(report, "main");
  assert.ok(parts.length >= 3, `${parts.length} parts`);
  assertIntact(parts);
  assert.ok(parts.every((part) => part.length <= GITHUB_COMMENT_LIMIT));
});

Deno.test("chunkLines: no piece of a cut line starts a part marker or a code fence", () => {
  const budget = 200;
  const width = budget - 2 * 8 - CONTINUED.length;
  const line = `+${"a".repeat(width - 1)}<!-- hydrate-diff part 1/1 -->${"`".repeat(3 * width)}`;
  const chunks = chunkLines(["```diff", line, "```"], budget);
  for (const chunk of chunks) {
    const found = structure(chunk.join("\n"));
    assert.equal(found.markers, 0);
    assert.equal(found.fenceOpen, false);
    assert.equal(chunk.at(-1), "```");
  }
  const pieces = chunks.flat().filter((piece) => !piece.startsWith("```"));
  assert.equal(pieces.map((piece) => piece.replace(CONTINUED, "")).join(""), line);
});

Deno.test("text: a hostile name or value runs no escape sequence and writes no line of its own", () => {
  fc.assert(
    fc.property(anyText, (s) => {
      const report = reportOf(s);
      const out = formatText(report, "main");
      assert.doesNotMatch(out, UNSEEN);
      const lines = out.split("\n");
      assert.ok(lines.every((line) => !line.trimStart().startsWith("::")));
      // Hydrate's lines: the heading, blank, one summary, blank, Risks, two risks, blank, the
      // group, the change, its risk, its field, then the diff's own lines, and the last newline.
      const diffLines = report.changes[0].unified.trimEnd().split("\n").length;
      assert.equal(lines.length, 13 + diffLines);
    }),
    { numRuns: 300 },
  );
  assert.equal(
    formatText(reportOf("\x1b[2J"), "main").split("\n")[2],
    "  \\u001b[2J: 0 added, 1 changed, 0 removed (resources); 0 file(s) changed outside Kubernetes (values, Omni)",
  );
});

Deno.test("markdown: a failure's control characters show as escapes, the part under the limit", () => {
  const problems = Array.from({ length: 400 }, () => "\x1b[2J".repeat(250));
  const [part] = formatMarkdownFailure({ what: "Hydrate refused.", problems, advice: "Fix it." });
  assert.ok(!part.includes("\x1b"));
  assert.ok(part.includes("\\u001b[2J\\u001b[2J"));
  assert.ok(part.length <= GITHUB_COMMENT_LIMIT, `${part.length} characters`);
  assert.match(part, /\.\.\. and \d+ more: see the job log\./);
});
