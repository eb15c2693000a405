/**
 * Strings from cluster files, committed files and git (names, paths, values, diff
 * lines, problem messages) made safe to show to people: in a pull request comment
 * (GitHub Markdown) or on a terminal and in a CI log. What a hostile string holds
 * is shown as text; it never becomes structure (a heading, a closed section, a
 * fake verdict line, a mention) nor a terminal or workflow command.
 *
 * Markdown rules cited from the CommonMark spec 0.31.2 (commonmark/commonmark-spec
 * `spec.txt`, which GitHub's cmark-gfm follows for these rules).
 *
 * @module
 */

/**
 * Characters that change how text reads without being seen: C0 controls, DEL and
 * C1 controls (ESC and CSI start terminal escape sequences; CR ends a Markdown line,
 * CommonMark "line ending"), the Unicode line and paragraph separators, bidirectional
 * marks, embeddings, overrides and isolates (they reorder what is shown), zero-width
 * space, word joiner and byte-order mark, and the invisible tag characters.
 * Zero-width (non-)joiners stay: scripts and emoji need them, and they hide nothing.
 */
const INVISIBLE =
  // deno-lint-ignore no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u2069\ufeff\u{e0000}-\u{e007f}]/gu;

/** A character as a visible escape: `\u001b`, `\u{e0041}` past the BMP. */
function escapeChar(char: string): string {
  const code = char.codePointAt(0)!;
  return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, "0")}`;
}

/**
 * `text` with every control or invisible character (see above) written as a
 * visible `\uXXXX` escape, except the characters in `keep` (newline, tab).
 *
 * @example
 * ```ts
 * import { visibleText } from "./escape.ts";
 * import assert from "node:assert/strict";
 * assert.equal(visibleText("a\x1b[31mb\rc\td"), "a\\u001b[31mb\\u000dc\\u0009d");
 * assert.equal(visibleText("a\tb", "\t"), "a\tb");
 * ```
 */
export function visibleText(text: string, keep = ""): string {
  return text.replace(INVISIBLE, (char) => keep.includes(char) ? char : escapeChar(char));
}

/**
 * Markdown punctuation that could start structure inline, as character references
 * (decoded as text in Markdown and in an HTML block alike, where a backslash escape
 * would show): `<` (HTML, comments, autolinks), `&` (references), `` ` `` (code
 * spans), `*` `_` `~` (emphasis), `[` `]` (links, images), `|` (table cells), `\`
 * (escapes), `$` (GitHub's math); `@` and `#` before a digit get a zero-width space.
 */
const MARKDOWN_REFERENCES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  "`": "&#96;",
  "*": "&#42;",
  "_": "&#95;",
  "~": "&#126;",
  "[": "&#91;",
  "]": "&#93;",
  "|": "&#124;",
  "\\": "&#92;",
  "$": "&#36;",
  "@": "@&#8203;",
  "#": "#&#8203;",
};

/**
 * `text` as inline Markdown text that reads as itself: on one line (newlines and
 * other controls as visible escapes), with no HTML, code span, emphasis, link or
 * table cell break, and no `@mention` or `#123` reference (a zero-width space after
 * `@`, and between `#` and a digit, as Renovate's `sanitizeMarkdown` does:
 * renovatebot/renovate 44.39.2 `lib/util/markdown.ts`). Safe in a paragraph, a list
 * item, a table cell and inside `<summary>`; not at the start of a line.
 *
 * @example
 * ```ts
 * import { markdownText } from "./escape.ts";
 * import assert from "node:assert/strict";
 * assert.equal(markdownText("gateway/web"), "gateway/web");
 * assert.equal(markdownText("</details>\n@org/team #1"), "&lt;/details>&#92;u000a@&#8203;org/team #&#8203;1");
 * ```
 */
export function markdownText(text: string): string {
  // One pass: the references written are not read again.
  return visibleText(text).replace(
    /[&<`*_~[\]|\\$@]|#(?=\d)/g,
    (char) => MARKDOWN_REFERENCES[char],
  );
}

/** The length of the longest run of backticks in `text` (0 without one). */
function longestRun(text: string): number {
  let longest = 0;
  for (const match of text.matchAll(/`+/g)) longest = Math.max(longest, match[0].length);
  return longest;
}

/**
 * `text` as one inline code span that shows it exactly (controls and newlines as
 * visible escapes): delimited by a backtick string longer than any run inside (a
 * code span ends at a backtick string of equal length), padded with one space each
 * side where it starts or ends with a backtick or with a space on both sides
 * (CommonMark 0.31.2, "Code spans": one space is stripped from each side then).
 * Not for table cells (a `|` still splits one).
 *
 * @example
 * ```ts
 * import { markdownCode } from "./escape.ts";
 * import assert from "node:assert/strict";
 * assert.equal(markdownCode("spec.port: 80 -> 81"), "`spec.port: 80 -> 81`");
 * assert.equal(markdownCode("a`b"), "``a`b``");
 * assert.equal(markdownCode("`x"), "`` `x ``");
 * ```
 */
export function markdownCode(text: string): string {
  const shown = visibleText(text, "\t");
  if (shown === "") return "` `";
  const ticks = "`".repeat(longestRun(shown) + 1);
  const pad = shown.startsWith("`") || shown.endsWith("`") ||
      (shown.startsWith(" ") && shown.endsWith(" ") && shown.trim() !== "")
    ? " "
    : "";
  return `${ticks}${pad}${shown}${pad}${ticks}`;
}

/**
 * A line that would close a backtick code fence of its length: up to three spaces,
 * three or more backticks, then only spaces or tabs (CommonMark 0.31.2, "Fenced code
 * blocks"; a tab is four columns of indentation, so no tab may precede).
 */
const FENCE_LIKE = /^ {0,3}(`{3,})[ \t]*$/;

/** The longest fence a block gets; a line that would need a longer one shows its backticks as escapes. */
const LONGEST_FENCE = 64;

/**
 * A fenced code block (`info` after the opening fence) showing `lines` exactly, one
 * per line: controls other than tab as visible escapes (a CR would end the line),
 * and a fence longer than the backticks of any line that could close it. A line of
 * only backticks longer than the longest fence shows them as `\u0060`.
 *
 * @example
 * ```ts
 * import { markdownCodeBlock } from "./escape.ts";
 * import assert from "node:assert/strict";
 * const ticks = (n: number) => "`".repeat(n);
 * assert.deepEqual(markdownCodeBlock("diff", ["+a", "-b"]), [`${ticks(3)}diff`, "+a", "-b", ticks(3)]);
 * assert.deepEqual(markdownCodeBlock("text", [`  ${ticks(3)}`]), [
 *   `${ticks(4)}text`,
 *   `  ${ticks(3)}`,
 *   ticks(4),
 * ]);
 * ```
 */
export function markdownCodeBlock(info: string, lines: readonly string[]): string[] {
  let longest = 2;
  const shown = lines.map((line) => {
    const text = visibleText(line, "\t");
    const run = FENCE_LIKE.exec(text)?.[1].length ?? 0;
    if (run >= LONGEST_FENCE) return text.replaceAll("`", escapeChar("`"));
    longest = Math.max(longest, run);
    return text;
  });
  const fence = "`".repeat(longest + 1);
  return [`${fence}${info}`, ...shown, fence];
}

/**
 * A GitHub Actions workflow command in a log line: `::name::` at the start after
 * whitespace, or the legacy `##[name]` anywhere in it (actions/runner v2.336.0
 * `src/Runner.Common/ActionCommand.cs` TryParseV2 trims leading whitespace and looks
 * for `::`; TryParse looks for `##[` anywhere; `ActionCommandManager.cs` tries both
 * on every output line). `::add-mask::` would hide text, `::error::` fake a verdict.
 */
function withoutCommands(line: string): string {
  const start = line.length - line.trimStart().length;
  const unled = line.startsWith("::", start)
    ? `${line.slice(0, start)}${escapeChar(":")}${line.slice(start + 1)}`
    : line;
  return unled.replaceAll("##[", `##${escapeChar("[")}`);
}

/**
 * `text` as a terminal and a CI log show it: controls (ESC, CSI, CR, backspace, ...)
 * and invisible characters as visible `\uXXXX` escapes, so no escape sequence runs
 * and no line is overwritten; tabs kept, newlines kept only with `newline`. No line
 * of it is a GitHub Actions workflow command.
 *
 * @example
 * ```ts
 * import { terminalText } from "./escape.ts";
 * import assert from "node:assert/strict";
 * assert.equal(terminalText("\x1b[2Jgone"), "\\u001b[2Jgone");
 * assert.equal(terminalText("a\nb"), "a\\u000ab");
 * assert.equal(terminalText("a\n::error::fake", { newline: true }), "a\n\\u003a:error::fake");
 * ```
 */
export function terminalText(text: string, options: { newline?: boolean } = {}): string {
  const shown = visibleText(text, options.newline ? "\n\t" : "\t");
  return shown.split("\n").map(withoutCommands).join("\n");
}
