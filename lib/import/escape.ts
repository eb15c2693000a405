/**
 * Text of the imported repository (names, keys, values, file paths, YAML error
 * messages) as the import writes it: a TypeScript string literal that holds
 * exactly that text, a comment it cannot end, a Markdown text that renders as
 * that text (a terminal line: `lib/output/escape.ts`). Nothing of it is ever code or markup.
 *
 * @module
 */

/**
 * Characters that do not show as themselves: controls (C0, DEL, C1), the Unicode line and
 * paragraph separators (line ends in JavaScript), zero-width characters, the byte order mark and
 * the bidirectional formatting characters that reorder how a line reads (CVE-2021-42574).
 */
const INVISIBLE =
  // deno-lint-ignore no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** A character's code point as four hex digits. */
const hex = (c: string) => c.charCodeAt(0).toString(16).padStart(4, "0");

/**
 * A TypeScript string literal holding exactly `text`: JSON's quoting, and every character that
 * does not show as itself written as a `\uXXXX` escape, so the source reads as what it holds.
 * In single quotes when the text holds more `"` than `'`, as `deno fmt` writes it (dprint-plugin-
 * typescript 0.95.11 src/generation/generate.rs, `handle_prefer_double`).
 *
 * @example
 * ```ts
 * import { stringLiteral } from "./escape.ts";
 * import assert from "node:assert/strict";
 * assert.equal(stringLiteral("a'b\n${x}`"), '"a\'b\\n${x}`"');
 * assert.equal(stringLiteral('a"b'), `'a"b'`);
 * assert.equal(stringLiteral("\u202eab"), '"\\u202eab"');
 * assert.equal(stringLiteral('say "it\'s"'), "'say \"it\\'s\"'");
 * assert.equal(eval(stringLiteral("\u2028\u202e\u0085")), "\u2028\u202e\u0085");
 * ```
 */
export function stringLiteral(text: string): string {
  const double = JSON.stringify(text).replace(INVISIBLE, (c) => `\\u${hex(c)}`);
  const count = (quote: string) => text.split(quote).length - 1;
  if (count('"') <= count("'")) return double;
  // The same escapes, but `\"` is `"` and `'` is `\'`.
  const inner = double.slice(1, -1).replace(
    /\\([\s\S])|'/g,
    (pair, escaped?: string) => escaped === undefined ? "\\'" : escaped === '"' ? '"' : pair,
  );
  return `'${inner}'`;
}

/**
 * Text for a `//` line or a `/** *\/` block comment: on one line (a line end of the text is a
 * space), `*\/` written `*\\/`, characters that do not show as themselves as `U+XXXX`.
 *
 * @example
 * ```ts
 * import { commentText } from "./escape.ts";
 * import assert from "node:assert/strict";
 * assert.equal(commentText("a *\u002f b\nc\u2028d \u202e"), "a *\\/ b c d U+202E");
 * ```
 */
export function commentText(text: string): string {
  return text.replace(/\r\n|[\r\n\u2028\u2029]/g, " ").replaceAll("*/", "*\\/")
    .replace(INVISIBLE, (c) => `U+${hex(c).toUpperCase()}`);
}

/**
 * Markdown that renders as `text` in a paragraph, a list item or a table cell (CommonMark 0.31.2
 * and GitHub Flavored Markdown 0.29): on one line (a line end of the text is a space, so it opens
 * no block), each character that could start markup (emphasis, code, links, HTML and comments,
 * entities, strikethrough, math, table cells) escaped with a backslash, characters that do not
 * show as themselves as `U+XXXX`.
 *
 * @example
 * ```ts
 * import { markdownText } from "./escape.ts";
 * import assert from "node:assert/strict";
 * assert.equal(markdownText("a|b `c` <!-- *d*\n# e"), "a\\|b \\`c\\` \\<!-- \\*d\\* # e");
 * assert.equal(markdownText("my-apps/web/values.yaml"), "my-apps/web/values.yaml");
 * ```
 */
export function markdownText(text: string): string {
  return text.replace(/\r\n|[\r\n]/g, " ").replace(/[\\`*_[\]<>|&~$]/g, "\\$&")
    .replace(INVISIBLE, (c) => `U+${hex(c).toUpperCase()}`);
}
