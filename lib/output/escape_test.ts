import assert from "node:assert/strict";
import fc from "fast-check";
import {
  markdownCode,
  markdownCodeBlock,
  markdownText,
  terminalText,
  visibleText,
} from "./escape.ts";

/** Pieces a hostile contributor puts in a name or a value. */
const HOSTILE = [
  "<!-- hydrate-diff part 1/1 -->",
  "<!--",
  "-->",
  "<details>",
  "</details>",
  "</summary>",
  "<b>",
  "`",
  "``",
  "```",
  "````",
  "~~~",
  "\r",
  "\n",
  "\r\n",
  "\t",
  " ",
  "@org/team",
  "#123",
  "**No rendered change**",
  "|",
  "[x](https://e.example)",
  "![i](https://e.example/i.png)",
  "&lt;",
  "&#96;",
  "\\",
  "$x$",
  "_a_",
  "~~s~~",
  "> [!CAUTION]",
  "\x1b[31m",
  "\x1b]8;;https://e.example\x07",
  "\x9b2J",
  "\b",
  "\u202e",
  "\u2028",
  "\u200b",
  "\u{e0041}",
  "::error::fake",
  "::add-mask::x",
  "##[error]x",
];

/** Any string, and strings made of the hostile pieces. */
const anyText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "binary-ascii", maxLength: 40 }),
  fc.array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 4 })), { maxLength: 8 })
    .map((pieces) => pieces.join("")),
);

/** Controls and invisible characters that visibleText escapes (tab and newline aside). */
const UNSEEN =
  // deno-lint-ignore no-control-regex -- the test looks for control characters
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u2069\ufeff\u{e0000}-\u{e007f}]/u;

/** Inline Markdown as a renderer decodes its character references (the ones markdownText writes). */
function decode(markdown: string): string {
  return markdown.replace(
    /&(amp|lt|#\d+);/g,
    (_, name: string) =>
      name === "amp" ? "&" : name === "lt" ? "<" : String.fromCodePoint(Number(name.slice(1))),
  );
}

/** What a CommonMark renderer shows for one code span (CommonMark 0.31.2, "Code spans"). */
function codeSpanContent(span: string): string {
  const ticks = /^`+/.exec(span)![0];
  assert.ok(span.endsWith(ticks) && span.length >= 2 * ticks.length, `a code span: ${span}`);
  const inner = span.slice(ticks.length, span.length - ticks.length);
  for (const run of inner.match(/`+/g) ?? []) {
    assert.notEqual(run.length, ticks.length, `${span} ends early`);
  }
  return inner.startsWith(" ") && inner.endsWith(" ") && inner.trim() !== ""
    ? inner.slice(1, -1)
    : inner;
}

Deno.test("terminalText: escape sequences, CR, backspace and bidi overrides show as escapes", () => {
  assert.equal(terminalText("\x1b[2J\x1b[Hclean"), "\\u001b[2J\\u001b[Hclean");
  assert.equal(terminalText("ok\r!! failed"), "ok\\u000d!! failed");
  assert.equal(terminalText("\x9b31mred"), "\\u009b31mred");
  assert.equal(terminalText("a\bb"), "a\\u0008b");
  assert.equal(terminalText("x\u202eevil"), "x\\u202eevil");
  assert.equal(terminalText("a\tb"), "a\tb");
  assert.equal(terminalText("a\nb"), "a\\u000ab");
  assert.equal(terminalText("a\nb", { newline: true }), "a\nb");
  assert.equal(
    terminalText("gateway/web: 10.0.0.1 -> 10.0.0.2"),
    "gateway/web: 10.0.0.1 -> 10.0.0.2",
  );
});

Deno.test("terminalText: no line is a GitHub Actions workflow command", () => {
  assert.equal(terminalText("::add-mask::secret"), "\\u003a:add-mask::secret");
  assert.equal(
    terminalText("fine\n  ::error::all checks passed", { newline: true }),
    "fine\n  \\u003a:error::all checks passed",
  );
  assert.equal(terminalText("x ##[error]fake"), "x ##\\u005berror]fake");
  assert.equal(terminalText("a: ::b"), "a: ::b");
});

Deno.test("terminalText: for any string, no control character runs and no line is a command", () => {
  fc.assert(
    fc.property(anyText, fc.boolean(), (text, newline) => {
      const out = terminalText(text, { newline });
      assert.doesNotMatch(out, UNSEEN);
      if (!newline) assert.ok(!out.includes("\n"));
      for (const line of out.split("\n")) {
        assert.ok(!line.trimStart().startsWith("::"), line);
        assert.ok(!line.includes("##["), line);
      }
    }),
    { numRuns: 500 },
  );
});

Deno.test("markdownText: HTML, comments, mentions, references and table pipes are text", () => {
  assert.equal(markdownText("cilium-lb(1) -> gateway(2)"), "cilium-lb(1) -> gateway(2)");
  assert.equal(
    markdownText("x</summary></details><!--"),
    "x&lt;/summary>&lt;/details>&lt;!--",
  );
  assert.equal(markdownText("ping @org/team"), "ping @&#8203;org/team");
  assert.equal(markdownText("fixes #123"), "fixes #&#8203;123");
  assert.equal(markdownText("a|b"), "a&#124;b");
  assert.equal(markdownText("**No rendered change**"), "&#42;&#42;No rendered change&#42;&#42;");
  assert.equal(markdownText("a\r\nb"), "a&#92;u000d&#92;u000ab");
  assert.equal(markdownText("`x`"), "&#96;x&#96;");
});

Deno.test("markdownText: for any string, one line of plain text that decodes to the string", () => {
  fc.assert(
    fc.property(anyText, (text) => {
      const out = markdownText(text);
      assert.doesNotMatch(out, /[\r\n<`*_~[\]|\\$]/);
      assert.doesNotMatch(out, UNSEEN);
      assert.doesNotMatch(out, /@(?!&#8203;)/);
      assert.doesNotMatch(out, /(?<!&)#\d/);
      assert.equal(decode(out).replaceAll("\u200b", ""), visibleText(text));
    }),
    { numRuns: 500 },
  );
});

Deno.test("markdownCode: a backtick run inside cannot end the span; an ordinary value is unchanged", () => {
  assert.equal(
    markdownCode("spec.addresses[0].value: a -> b"),
    "`spec.addresses[0].value: a -> b`",
  );
  assert.equal(markdownCode("a`b"), "``a`b``");
  assert.equal(markdownCode("a```b"), "````a```b````");
  assert.equal(markdownCode("`"), "`` ` ``");
  assert.equal(markdownCode(" a "), "`  a  `");
  assert.equal(markdownCode("a\rb\nc"), "`a\\u000db\\u000ac`");
  assert.equal(markdownCode(""), "` `");
});

Deno.test("markdownCode: for any string, one code span on one line showing the string", () => {
  fc.assert(
    fc.property(anyText, (text) => {
      const out = markdownCode(text);
      assert.doesNotMatch(out, /[\r\n]/);
      assert.equal(codeSpanContent(out), text === "" ? " " : visibleText(text, "\t"));
    }),
    { numRuns: 500 },
  );
});

Deno.test("markdownCodeBlock: no line closes the block early; CR shows as an escape", () => {
  const tick = "`";
  assert.deepEqual(markdownCodeBlock("diff", [" a", `   ${tick.repeat(3)}`, "</details>"]), [
    `${tick.repeat(4)}diff`,
    " a",
    `   ${tick.repeat(3)}`,
    "</details>",
    tick.repeat(4),
  ]);
  assert.deepEqual(markdownCodeBlock("text", ["a\r```"]), [
    "```text",
    "a\\u000d```",
    "```",
  ]);
  const long = tick.repeat(100);
  assert.deepEqual(markdownCodeBlock("text", [long]), [
    "```text",
    "\\u0060".repeat(100),
    "```",
  ]);
});

Deno.test("markdownCodeBlock: for any lines, the block holds them all and closes only at its end", () => {
  fc.assert(
    fc.property(fc.array(anyText, { maxLength: 6 }), (texts) => {
      const lines = texts.flatMap((text) => text.split("\n"));
      const block = markdownCodeBlock("diff", lines);
      const fence = /^`+/.exec(block[0])![0];
      assert.equal(block.at(-1), fence);
      const content = block.slice(1, -1);
      assert.equal(content.length, lines.length);
      for (const line of content) {
        // CommonMark 0.31.2 line endings: LF, CR, CRLF.
        assert.doesNotMatch(line, /[\r\n]/);
        const close = /^ {0,3}(`{3,})[ \t]*$/.exec(line);
        assert.ok(!close || close[1].length < fence.length, `closes early: ${line}`);
      }
    }),
    { numRuns: 300 },
  );
});

Deno.test("terminalText: escaping escaped text changes nothing (paint may escape formatText's lines)", () => {
  fc.assert(
    fc.property(anyText, fc.boolean(), (text, newline) => {
      const once = terminalText(text, { newline });
      assert.equal(terminalText(once, { newline }), once);
      assert.equal(terminalText(once, { newline: true }), once);
    }),
    { numRuns: 500 },
  );
});
