/**
 * The README's rule table, generated from the rule registry: one row per rule,
 * in registry order, with its severity, statement, the failure it prevents and
 * where the upstream behaviour it models is read.
 *
 * @module
 */
import type { Rule } from "../rules/rule.ts";

/** The markers the table stands between in README.md. */
export const RULE_TABLE_MARKERS = {
  begin: "<!-- rule table: generated from lib/rules/mod.ts by `deno task docs` -->",
  end: "<!-- end of rule table -->",
} as const;

const SEVERITY = { error: "E", warning: "W", "error, warning": "E" } as const;

const cell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");

/**
 * The Markdown table of the rules (cells unpadded; `deno fmt` pads them).
 *
 * @example
 * ```ts
 * import { ruleTable } from "./rule_table.ts";
 * import assert from "node:assert/strict";
 * const table = ruleTable([{
 *   id: "cidrs", number: 4, statement: "CIDRs do not overlap", prevents: "unroutable pods", severity: "error",
 * }]);
 * assert.equal(table.split("\n")[2], "| 4 | `cidrs` | E CIDRs do not overlap | unroutable pods |  |");
 * ```
 */
export function ruleTable(rules: readonly Rule[]): string {
  return [
    "| # | id | rule | failure it prevents | upstream behaviour it models |",
    "| - | -- | ---- | ------------------- | ---------------------------- |",
    ...rules.map((rule) =>
      `| ${rule.number} | \`${rule.id}\` | ${SEVERITY[rule.severity]} ${cell(rule.statement)} | ${
        cell(rule.prevents)
      } | ${cell(rule.upstream ?? "")} |`
    ),
  ].join("\n");
}

/** The rows of a Markdown table as trimmed cells, padding ignored (what `deno fmt` changes). */
export function tableCells(table: string): string[][] {
  return table.trim().split("\n").filter((line) => !/^\|[\s|:-]+\|$/.test(line)).map((line) =>
    line.trim().replace(/^\||\|$/g, "").split(/(?<!\\)\|/).map((cell) => cell.trim())
  );
}

/**
 * Replaces the text between the markers of a README with a table; `undefined`
 * when the markers are missing.
 */
export function withRuleTable(readme: string, table: string): string | undefined {
  const begin = readme.indexOf(RULE_TABLE_MARKERS.begin);
  const end = readme.indexOf(RULE_TABLE_MARKERS.end);
  if (begin < 0 || end < begin) return undefined;
  return `${readme.slice(0, begin + RULE_TABLE_MARKERS.begin.length)}\n\n${table}\n\n${
    readme.slice(end)
  }`;
}

/** The table between the markers of a README, or `undefined`. */
export function ruleTableOf(readme: string): string | undefined {
  const begin = readme.indexOf(RULE_TABLE_MARKERS.begin);
  const end = readme.indexOf(RULE_TABLE_MARKERS.end);
  if (begin < 0 || end < begin) return undefined;
  return readme.slice(begin + RULE_TABLE_MARKERS.begin.length, end);
}
