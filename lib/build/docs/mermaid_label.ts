/**
 * Mermaid labels that Mermaid never wraps itself. Mermaid 11 (rendering-util
 * createText.ts, addHtmlSpan) gives a label the flowchart's wrapping width
 * (`flowchart.wrappingWidth`, 200 px) and, when a line reaches it, switches the
 * label to `white-space: break-spaces`, which breaks a word that does not fit
 * mid-word (`disable-` / `kube-proxy.yaml`). So labels are wrapped here, at
 * spaces, and a long path after a slash, into lines well under that width;
 * `tests/mermaid_test.ts` renders every diagram in Chromium and fails on any
 * label Mermaid had to wrap.
 *
 * @module
 */

/** The longest label line, in characters: under 200 px in Mermaid's 16 px font, digits included. */
export const LABEL_LINE = 22;

/** A word longer than `max` cut after its slashes (a path), else whole. */
function pieces(word: string, max: number): string[] {
  if (word.length <= max || !word.includes("/")) return [word];
  const out: string[] = [];
  let current = "";
  for (const part of word.split(/(?<=\/)/)) {
    if (current !== "" && (current + part).length > max) {
      out.push(current);
      current = "";
    }
    current += part;
  }
  return current === "" ? out : [...out, current];
}

/**
 * A line of text as lines of at most `max` characters, broken at spaces; a word
 * longer than that is broken only after a slash, or not at all.
 *
 * @example
 * ```ts
 * import { labelLines } from "./mermaid_label.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(labelLines("kube-proxy: DISABLED"), ["kube-proxy: DISABLED"]);
 * assert.deepEqual(labelLines("omni/homelab/patches/disable-kube-proxy.yaml"), [
 *   "omni/homelab/patches/",
 *   "disable-kube-proxy.yaml",
 * ]);
 * ```
 */
export function labelLines(text: string, max = LABEL_LINE): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/ +/).filter((w) => w !== "")) {
    pieces(word, max).forEach((part, i) => {
      const joined = line === "" ? part : i === 0 ? `${line} ${part}` : `${line}${part}`;
      if (line !== "" && joined.length > max) {
        lines.push(line);
        line = part;
      } else line = joined;
    });
  }
  return line === "" ? lines : [...lines, line];
}

/**
 * A Mermaid label: each `<br/>`-separated line wrapped by {@link labelLines},
 * quoted, with the quote Mermaid reads specially escaped.
 *
 * @example
 * ```ts
 * import { label } from "./mermaid_label.ts";
 * import assert from "node:assert/strict";
 * assert.equal(label("Service argocd/argocd-server:80"), '"Service argocd/<br/>argocd-server:80"');
 * ```
 */
export function label(text: string): string {
  const lines = text.split("<br/>").flatMap((line) => labelLines(line));
  return `"${lines.join("<br/>").replaceAll('"', "#quot;")}"`;
}
