/**
 * Every Mermaid diagram Hydrate renders (the network document of each committed
 * cluster and each golden fixture) parsed and laid out by Mermaid itself, in
 * Chromium: a syntax error can never ship, and no label is wide enough that
 * Mermaid wraps it (Mermaid 11's wrap breaks a word that does not fit mid-word;
 * see lib/build/docs/mermaid_label.ts). Mermaid's own bundle, pinned here, runs
 * in the page as a browser runs it on GitHub.
 *
 * Needs Chromium (Debian: `apt-get install chromium`; or set CHROMIUM to its
 * path). Without it the test is skipped with that advice, except in CI
 * (`CI=true`), where `.ci/run` installs it and its absence fails the test.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import puppeteer from "puppeteer-core";
import mermaidSource from "mermaid/dist/mermaid.min.js" with { type: "text" };
import { ROOT } from "./_e2e.ts";

function chromium(): string | undefined {
  const candidates = [Deno.env.get("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  return candidates.find((path) => {
    try {
      return path !== undefined && Deno.statSync(path).isFile;
    } catch {
      return false;
    }
  });
}

/** The network documents Hydrate rendered, committed and golden. */
function documents(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of Deno.readDirSync(join(ROOT, dir))) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory) walk(path);
      else if (entry.name === "README.md" && /(^|\/)apps\/[^/]+\/README\.md$/.test(path)) {
        found.push(path);
      }
    }
  };
  walk("apps");
  walk("tests/golden");
  return found.sort();
}

const browserPath = chromium();
const required = Deno.env.get("CI") === "true";
if (!browserPath && !required) {
  console.error(
    "mermaid_test: skipped, no Chromium (apt-get install chromium, or set CHROMIUM=/path)",
  );
}

Deno.test({
  name:
    "mermaid: every diagram of every network document parses and lays out without a wrapped label",
  ignore: !browserPath && !required,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    assert.ok(browserPath, "CI needs Chromium: .ci/run installs it (apt-get install chromium)");
    const docs = documents();
    assert.ok(docs.length >= 4, `network documents found: ${docs.join(", ")}`);
    const browser = await puppeteer.launch({
      executablePath: browserPath,
      args: ["--no-sandbox", "--disable-gpu"],
      pipe: true,
    });
    const problems: string[] = [];
    let diagrams = 0;
    try {
      const page = await browser.newPage();
      await page.setContent("<!doctype html><html><body></body></html>");
      await page.addScriptTag({ content: mermaidSource });
      // The check can fail: Mermaid refuses a broken diagram here as it would on GitHub.
      const broken = await page.evaluate(async () => {
        try {
          // deno-lint-ignore no-explicit-any
          await (globalThis as any).mermaid.render("broken", 'flowchart LR\n  a["unclosed');
          return "rendered";
        } catch {
          return "refused";
        }
      });
      assert.equal(broken, "refused");
      for (const path of docs) {
        const text = Deno.readTextFileSync(join(ROOT, path));
        const blocks = [...text.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]);
        assert.ok(blocks.length > 0, `${path} has diagrams`);
        for (const [i, definition] of blocks.entries()) {
          diagrams++;
          const outcome = await page.evaluate(
            async (definition: string, id: string) => {
              // deno-lint-ignore no-explicit-any
              const mermaid = (globalThis as any).mermaid;
              mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
              try {
                const { svg } = await mermaid.render(id, definition);
                const wrapped = [
                  ...svg.matchAll(/white-space: break-spaces[^>]*>([\s\S]*?)<\/div>/g),
                ]
                  .map((m: RegExpMatchArray) =>
                    m[1].replace(/<br\s*\/?>/g, " / ").replace(/<[^>]+>/g, "").trim()
                  );
                return { wrapped };
              } catch (cause) {
                return { error: String((cause as Error).message ?? cause) };
              }
            },
            definition,
            `d${diagrams}`,
          );
          if ("error" in outcome) problems.push(`${path} diagram ${i + 1}: ${outcome.error}`);
          for (const label of outcome.wrapped ?? []) {
            problems.push(`${path} diagram ${i + 1}: Mermaid wraps the label "${label}"`);
          }
        }
      }
    } finally {
      await browser.close();
    }
    assert.deepEqual(problems, []);
    assert.ok(diagrams >= 16, `${diagrams} diagrams rendered`);
  },
});
