/**
 * How a rendered change reads: as text for a terminal, or as markdown for a pull
 * request comment, split into numbered parts that each fit GitHub's limit. Every
 * string from the trees (names, paths, values, diff lines, risks quoting them) is
 * escaped for where it lands (./escape.ts): it cannot end a section, start a part,
 * write a verdict line, mention anyone or run a terminal escape sequence.
 *
 * @module
 */
import type { DiffReport, EntityChange } from "./diff.ts";
import type { FieldChange } from "../model/field_changes.ts";
import {
  markdownCode,
  markdownCodeBlock,
  markdownText,
  terminalText,
  visibleText,
} from "./escape.ts";

/** GitHub's limit on the body of one comment, in characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** The marker that starts every markdown part; the workflow finds its comments by it. */
export const PART_MARKER = "<!-- hydrate-diff";

const clip = (text: string, width: number) =>
  text.length > width ? `${text.slice(0, width - 3)}...` : text;

/**
 * A value on one line: a multi-line string as its first line and its length in
 * lines (the entity's diff shows it whole), anything longer than 80 characters cut.
 */
function show(value: unknown): string {
  if (typeof value === "string" && value.includes("\n")) {
    const lines = value.replace(/\n$/, "").split("\n");
    return `${JSON.stringify(clip(lines[0], 60))} ... (${lines.length} lines, whole in the diff)`;
  }
  return clip(typeof value === "string" ? value : JSON.stringify(value), 80);
}

/** One field change as a line: `path: before -> after`, `path: + value`, `path: - value`. */
export function formatField(field: FieldChange): string {
  const path = field.path || "(whole)";
  if (field.op === "added") return `${path}: + ${show(field.after)}`;
  if (field.op === "removed") return `${path}: - ${show(field.before)}`;
  return `${path}: ${show(field.before)} -> ${show(field.after)}`;
}

const SIGN = { added: "+", removed: "-", changed: "~" } as const;

function groups(report: DiffReport): Map<string, EntityChange[]> {
  const out = new Map<string, EntityChange[]>();
  for (const change of report.changes) {
    const key = `${change.cluster} / ${change.app}`;
    out.set(key, [...(out.get(key) ?? []), change]);
  }
  return out;
}

function summaryLine(report: DiffReport, cluster: string): string {
  const s = report.summary.find((entry) => entry.cluster === cluster)!;
  return `${cluster}: ${s.added} added, ${s.changed} changed, ${s.removed} removed (resources); ${s.files} file(s) changed outside Kubernetes (values, Omni)`;
}

function allRisks(report: DiffReport): string[] {
  return [
    ...report.changes.flatMap((change) =>
      change.risks.map((risk) => `${change.cluster} / ${change.app}: ${change.label}: ${risk}`)
    ),
    ...report.notes,
  ];
}

/** Paints text for a terminal (identity when colour is off). */
export type Painter = (
  style: "add" | "remove" | "change" | "risk" | "head",
  text: string,
) => string;

const plain: Painter = (_style, text) => text;

/**
 * The report as text: summary, risks, then per cluster and app each changed
 * resource or file with its field changes and unified diff. Every string from the
 * trees is one line with its controls shown as escapes (terminalText).
 */
export function formatText(report: DiffReport, base: string, paint: Painter = plain): string {
  const t = (text: string) => terminalText(text);
  if (report.changes.length === 0) return `No rendered change against ${t(base)}.\n`;
  const lines = [paint("head", `Rendered change against ${t(base)}`), ""];
  for (const { cluster } of report.summary) lines.push(`  ${t(summaryLine(report, cluster))}`);
  const risks = allRisks(report);
  if (risks.length > 0) {
    lines.push("", paint("head", "Risks"));
    for (const risk of risks) lines.push(paint("risk", `  ! ${t(risk)}`));
  }
  for (const [group, changes] of groups(report)) {
    lines.push("", paint("head", t(group)));
    for (const change of changes) {
      const style = change.status === "added"
        ? "add"
        : change.status === "removed"
        ? "remove"
        : "change";
      const where = change.type === "resource" ? ` (${t(change.path)})` : "";
      lines.push(paint(style, `  ${SIGN[change.status]} ${t(change.label)}${where}`));
      for (const risk of change.risks) lines.push(paint("risk", `      ! ${t(risk)}`));
      for (const field of change.fields) lines.push(`      ${t(formatField(field))}`);
      for (const raw of change.unified.trimEnd().split("\n")) {
        const line = t(raw);
        const diffStyle = line.startsWith("+") && !line.startsWith("+++")
          ? "add"
          : line.startsWith("-") && !line.startsWith("---")
          ? "remove"
          : undefined;
        lines.push(diffStyle ? paint(diffStyle, `      ${line}`) : `      ${line}`);
      }
    }
  }
  return lines.join("\n") + "\n";
}

/**
 * A code block's lines, none of which reads as a part marker at a line's start (the
 * workflow splits the comment at those): such a line gets a space in front.
 */
function blockLines(info: string, lines: readonly string[]): string[] {
  return markdownCodeBlock(
    info,
    lines.map((line) => line.startsWith(PART_MARKER) ? ` ${line}` : line),
  );
}

/** The longest group name a section's summary shows (the names are in its headings too). */
const SUMMARY_NAME = 300;

/** One app's collapsible section: its summary line first, `</details>` and a blank line last. */
function markdownSection(group: string, changes: EntityChange[]): string[] {
  const counts = (["added", "changed", "removed"] as const)
    .map((status) => [status, changes.filter((change) => change.status === status).length] as const)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${status}`)
    .join(", ");
  const risky = changes.some((change) => change.risks.length > 0) ? " ⚠️" : "";
  const name = markdownText(clip(group, SUMMARY_NAME));
  const lines = [`<details><summary><b>${name}</b>: ${counts}${risky}</summary>`, ""];
  for (const change of changes) {
    lines.push(`#### ${SIGN[change.status]} ${markdownCode(change.label)} (${change.status})`, "");
    for (const risk of change.risks) lines.push(`- ⚠️ ${markdownText(risk)}`);
    for (const field of change.fields) lines.push(`- ${markdownCode(formatField(field))}`);
    lines.push("", ...blockLines("diff", change.unified.trimEnd().split("\n")), "");
  }
  lines.push("</details>", "");
  return lines;
}

function markdownHead(report: DiffReport, base: string): string[] {
  const lines = [
    `Rendered change against ${markdownCode(base)}.`,
    "",
    "| cluster | added | changed | removed | files (values, Omni) |",
    "| --- | ---: | ---: | ---: | ---: |",
    ...report.summary.map((s) =>
      `| ${markdownText(s.cluster)} | ${s.added} | ${s.changed} | ${s.removed} | ${s.files} |`
    ),
    "",
  ];
  const risks = allRisks(report);
  if (risks.length > 0) {
    lines.push("**Risks**", "", ...risks.map((risk) => `- ⚠️ ${markdownText(risk)}`), "");
  }
  return lines;
}

/** What starts each further piece of a line cut to fit: no piece can start a block or a part. */
export const CONTINUED = "↪ ";

/** A line that opens a code block: its fence is the backtick run. */
const OPENING_FENCE = /^(`{3,})[^`]*$/;

/** `line` cut into pieces of at most `width` characters, never inside a surrogate pair. */
function cut(line: string, width: number): string[] {
  const pieces: string[] = [];
  let at = 0;
  do {
    let end = Math.min(at + width, line.length);
    const code = line.charCodeAt(end - 1);
    if (end < line.length && end - 1 > at && code >= 0xd800 && code <= 0xdbff) end -= 1;
    pieces.push(at === 0 ? line.slice(at, end) : `${CONTINUED}${line.slice(at, end)}`);
    at = end;
  } while (at < line.length);
  return pieces;
}

/**
 * Splits lines into chunks of at most `budget` characters (newlines included).
 * A chunk that ends inside a code fence closes it, and the next reopens it; a
 * single line longer than the budget is cut into pieces, each further piece
 * starting with {@link CONTINUED}. Nothing is dropped.
 */
export function chunkLines(lines: readonly string[], budget: number): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let size = 0;
  let fence: { open: string; close: string } | undefined;
  const reserve =
    lines.reduce((n, line) => Math.max(n, OPENING_FENCE.exec(line)?.[1].length ?? 0), 7) + 1;
  const width = Math.max(budget - 2 * reserve - CONTINUED.length, 16);
  const flush = () => {
    if (fence) current.push(fence.close);
    chunks.push(current);
    current = fence ? [fence.open] : [];
    size = current.reduce((n, line) => n + line.length + 1, 0);
  };
  for (const whole of lines) {
    for (const line of cut(whole, width)) {
      if (size + line.length + 1 + reserve > budget && current.length > (fence ? 1 : 0)) flush();
      current.push(line);
      size += line.length + 1;
    }
    const opening = OPENING_FENCE.exec(whole)?.[1];
    if (fence && whole === fence.close) fence = undefined;
    else if (!fence && opening) fence = { open: whole, close: opening };
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** A block of the comment: the head, or one app's section (then `summary` is its first line). */
interface Block {
  lines: string[];
  summary?: string;
}

/** Blocks into parts of at most `budget` characters; a block alone over it is continued across parts. */
function intoParts(blocks: readonly Block[], budget: number): string[][] {
  const parts: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const block of blocks) {
    const blockSize = block.lines.reduce((n, line) => n + line.length + 1, 0);
    if (size + blockSize > budget && current.length > 0) {
      parts.push(current);
      current = [];
      size = 0;
    }
    if (blockSize <= budget) {
      current.push(...block.lines);
      size += blockSize;
      continue;
    }
    const { summary } = block;
    if (summary === undefined) {
      parts.push(...chunkLines(block.lines, budget));
      continue;
    }
    // One app's section alone is over the limit: continue it across parts.
    const chunks = chunkLines(block.lines.slice(1, -2), budget - summary.length - 40);
    chunks.forEach((chunk, i) => {
      const label = summary.replace("</summary>", ` (${i + 1}/${chunks.length})</summary>`);
      parts.push([label, ...chunk, "</details>", ""]);
    });
  }
  if (current.length > 0) parts.push(current);
  return parts;
}

/**
 * The report as markdown for a pull request comment: the summary table and risks
 * first, then one collapsible section per app. When longer than `limit`, it is
 * split into numbered parts, each under the limit, each starting with a marker
 * line; never truncated. No string from the trees can add a marker line, close a
 * section or a code block, or write a line of Hydrate's own.
 */
export function formatMarkdown(
  report: DiffReport,
  base: string,
  limit = GITHUB_COMMENT_LIMIT,
): string[] {
  const title = (i: number, n: number) => [
    `${PART_MARKER} part ${i}/${n} -->`,
    n === 1 ? "## Hydrate: rendered change" : `## Hydrate: rendered change (part ${i} of ${n})`,
    "",
  ];
  if (report.changes.length === 0) {
    return [[...title(1, 1), `No rendered change against ${markdownCode(base)}.`, ""].join("\n")];
  }
  const budget = limit - 600; // room for the title lines and a caution (withCaution)
  const blocks: Block[] = [{ lines: markdownHead(report, base) }];
  for (const [group, changes] of groups(report)) {
    const lines = markdownSection(group, changes);
    blocks.push({ lines, summary: lines[0] });
  }
  const parts = intoParts(blocks, budget);
  return parts.map((lines, i) => [...title(i + 1, parts.length), ...lines].join("\n"));
}

/** Why a pull request's rendered change could not be shown, and what the author does about it. */
export interface DiffFailure {
  /** One sentence of Hydrate's own markdown: what failed. */
  what: string;
  /** The problems, one per line, as the task printed them (no colour); shown as code, escaped. */
  problems: readonly string[];
  /** What to do about it, Hydrate's own markdown. */
  advice: string;
}

/**
 * A failed diff as one markdown part under the same marker as a successful one,
 * so the workflow updates its comment in place (and removes the parts of a longer
 * earlier diff) instead of adding a comment on every push. Problems past `limit`
 * are counted, not shown; they are shown exactly, in a code block no line of them can
 * close or split.
 *
 * @example
 * ```ts
 * import { formatMarkdownFailure, PART_MARKER } from "./diff_format.ts";
 * import assert from "node:assert/strict";
 * const [part] = formatMarkdownFailure({
 *   what: "A cluster file has errors.",
 *   problems: ["clusters/edge.ts: domain: required"],
 *   advice: "Fix the cluster file.",
 * });
 * assert.ok(part.startsWith(`${PART_MARKER} part 1/1 -->`));
 * ```
 */
export function formatMarkdownFailure(
  failure: DiffFailure,
  limit = GITHUB_COMMENT_LIMIT,
): string[] {
  const shown: string[] = [];
  let size = 0;
  for (const line of failure.problems) {
    // As shown: a control character takes six (`\u001b`).
    const length = visibleText(line, "\t\n").length;
    if (size + length + 1 > limit - 2_000) break;
    shown.push(line);
    size += length + 1;
  }
  const hidden = failure.problems.length - shown.length;
  const lines = [
    `${PART_MARKER} part 1/1 -->`,
    "## Hydrate: rendered change",
    "",
    "> [!CAUTION]",
    `> ${failure.what}`,
    "",
    ...(shown.length > 0 ? blockLines("text", shown.flatMap((line) => line.split("\n"))) : []),
    ...(hidden > 0 ? [`... and ${hidden} more: see the job log.`] : []),
    "",
    failure.advice,
    "",
  ];
  return [lines.join("\n")];
}

/**
 * `parts` with a caution appended to the last one: the change is shown, but the
 * pull request still fails (its committed render is not current). `caution` is
 * Hydrate's own markdown.
 */
export function withCaution(parts: readonly string[], caution: string): string[] {
  return parts.map((part, i) =>
    i === parts.length - 1 ? `${part.trimEnd()}\n\n> [!CAUTION]\n> ${caution}\n` : part
  );
}
