/**
 * How a rendered change reads: as text for a terminal, or as markdown for a pull
 * request comment, split into numbered parts that each fit GitHub's limit.
 *
 * @module
 */
import type { DiffReport, EntityChange } from "./diff.ts";
import type { FieldChange } from "../model/field_changes.ts";

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
 * resource or file with its field changes and unified diff.
 */
export function formatText(report: DiffReport, base: string, paint: Painter = plain): string {
  if (report.changes.length === 0) return `No rendered change against ${base}.\n`;
  const lines = [paint("head", `Rendered change against ${base}`), ""];
  for (const { cluster } of report.summary) lines.push(`  ${summaryLine(report, cluster)}`);
  const risks = allRisks(report);
  if (risks.length > 0) {
    lines.push("", paint("head", "Risks"));
    for (const risk of risks) lines.push(paint("risk", `  ! ${risk}`));
  }
  for (const [group, changes] of groups(report)) {
    lines.push("", paint("head", group));
    for (const change of changes) {
      const style = change.status === "added"
        ? "add"
        : change.status === "removed"
        ? "remove"
        : "change";
      const where = change.type === "resource" ? ` (${change.path})` : "";
      lines.push(paint(style, `  ${SIGN[change.status]} ${change.label}${where}`));
      for (const risk of change.risks) lines.push(paint("risk", `      ! ${risk}`));
      for (const field of change.fields) lines.push(`      ${formatField(field)}`);
      for (const line of change.unified.trimEnd().split("\n")) {
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

function code(text: string): string {
  return `\`${text.replaceAll("`", "'")}\``;
}

function markdownSection(group: string, changes: EntityChange[]): string[] {
  const counts = (["added", "changed", "removed"] as const)
    .map((status) => [status, changes.filter((change) => change.status === status).length] as const)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${status}`)
    .join(", ");
  const risky = changes.some((change) => change.risks.length > 0) ? " ⚠️" : "";
  const lines = [`<details><summary><b>${group}</b>: ${counts}${risky}</summary>`, ""];
  for (const change of changes) {
    lines.push(`#### ${SIGN[change.status]} ${code(change.label)} (${change.status})`, "");
    for (const risk of change.risks) lines.push(`- ⚠️ ${risk}`);
    for (const field of change.fields) lines.push(`- ${code(formatField(field))}`);
    lines.push("", "```diff", ...change.unified.trimEnd().split("\n"), "```", "");
  }
  lines.push("</details>", "");
  return lines;
}

function markdownHead(report: DiffReport, base: string): string[] {
  const lines = [
    `Rendered change against ${code(base)}.`,
    "",
    "| cluster | added | changed | removed | files (values, Omni) |",
    "| --- | ---: | ---: | ---: | ---: |",
    ...report.summary.map((s) =>
      `| ${s.cluster} | ${s.added} | ${s.changed} | ${s.removed} | ${s.files} |`
    ),
    "",
  ];
  const risks = allRisks(report);
  if (risks.length > 0) lines.push("**Risks**", "", ...risks.map((risk) => `- ⚠️ ${risk}`), "");
  return lines;
}

/**
 * Splits lines into chunks of at most `budget` characters (newlines included).
 * A chunk that ends inside a code fence closes it, and the next reopens it; a
 * single line longer than the budget is cut into pieces. Nothing is dropped.
 */
export function chunkLines(lines: readonly string[], budget: number): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let size = 0;
  let fence: string | undefined;
  const reserve = 8; // room to close a fence
  const flush = () => {
    if (fence) current.push("```");
    chunks.push(current);
    current = fence ? [fence] : [];
    size = current.reduce((n, line) => n + line.length + 1, 0);
  };
  for (const whole of lines) {
    const pieces: string[] = [];
    for (let i = 0; i < Math.max(whole.length, 1); i += budget - 2 * reserve) {
      pieces.push(whole.slice(i, i + budget - 2 * reserve));
    }
    for (const line of pieces) {
      if (size + line.length + 1 + reserve > budget && current.length > (fence ? 1 : 0)) flush();
      current.push(line);
      size += line.length + 1;
    }
    if (whole.startsWith("```")) fence = fence ? undefined : whole;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/**
 * The report as markdown for a pull request comment: the summary table and risks
 * first, then one collapsible section per app. When longer than `limit`, it is
 * split into numbered parts, each under the limit, each starting with a marker
 * line; never truncated.
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
    return [[...title(1, 1), `No rendered change against ${code(base)}.`, ""].join("\n")];
  }
  const budget = limit - 600; // room for the title lines and a caution (withCaution)
  const blocks: string[][] = [markdownHead(report, base)];
  for (const [group, changes] of groups(report)) blocks.push(markdownSection(group, changes));
  const parts: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const block of blocks) {
    const blockSize = block.reduce((n, line) => n + line.length + 1, 0);
    if (size + blockSize > budget && current.length > 0) {
      parts.push(current);
      current = [];
      size = 0;
    }
    if (blockSize <= budget) {
      current.push(...block);
      size += blockSize;
      continue;
    }
    // One app's section alone is over the limit: continue it across parts.
    const [summary, ...rest] = block;
    const chunks = chunkLines(rest.slice(0, -2), budget - summary.length - 40);
    chunks.forEach((chunk, i) => {
      const label = summary.replace("</summary>", ` (${i + 1}/${chunks.length})</summary>`);
      parts.push([label, ...chunk, "</details>", ""]);
    });
  }
  if (current.length > 0) parts.push(current);
  return parts.map((lines, i) => [...title(i + 1, parts.length), ...lines].join("\n"));
}

/** Why a pull request's rendered change could not be shown, and what the author does about it. */
export interface DiffFailure {
  /** One sentence: what failed. */
  what: string;
  /** The problems, one per line, as the task printed them (no colour). */
  problems: readonly string[];
  /** What to do about it. */
  advice: string;
}

/**
 * A failed diff as one markdown part under the same marker as a successful one,
 * so the workflow updates its comment in place (and removes the parts of a longer
 * earlier diff) instead of adding a comment on every push. Problems past `limit`
 * are counted, not shown.
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
    if (size + line.length + 1 > limit - 2_000) break;
    shown.push(line);
    size += line.length + 1;
  }
  const hidden = failure.problems.length - shown.length;
  const lines = [
    `${PART_MARKER} part 1/1 -->`,
    "## Hydrate: rendered change",
    "",
    "> [!CAUTION]",
    `> ${failure.what}`,
    "",
    ...(shown.length > 0
      ? ["```text", ...shown.map((line) => line.replaceAll("```", "'''")), "```"]
      : []),
    ...(hidden > 0 ? [`... and ${hidden} more: see the job log.`] : []),
    "",
    failure.advice,
    "",
  ];
  return [lines.join("\n")];
}

/**
 * `parts` with a caution appended to the last one: the change is shown, but the
 * pull request still fails (its committed render is not current).
 */
export function withCaution(parts: readonly string[], caution: string): string[] {
  return parts.map((part, i) =>
    i === parts.length - 1 ? `${part.trimEnd()}\n\n> [!CAUTION]\n> ${caution}\n` : part
  );
}
