import assert from "node:assert/strict";
import { shellQuote } from "./shell_quote.ts";

/** What `sh` passes a command for `word`: its arguments, one per line, through printf. */
async function shellArgs(words: string, cwd: string): Promise<string[]> {
  const output = await new Deno.Command("sh", {
    args: ["-c", `printf '%s\\n' ${words}`],
    cwd,
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.ok(output.success, new TextDecoder().decode(output.stderr));
  return new TextDecoder().decode(output.stdout).split("\n").slice(0, -1);
}

const HOSTILE = [
  "main;touch pwned",
  "$(touch pwned)",
  "`touch pwned`",
  "x'y",
  "''",
  "a\\b",
  "*",
  "~",
  "a b",
  "${HOME}",
  "x|touch pwned",
  "x&&touch pwned",
  "x>pwned",
  "!x",
  "#x",
  "=ls",
  "-",
  "é",
  "x\ny",
];

Deno.test("shellQuote: sh reads each quoted argument back as exactly its text, and runs nothing", async () => {
  const dir = await Deno.makeTempDir({ prefix: "hydrate-shell-quote-" });
  try {
    const args = await shellArgs(HOSTILE.map(shellQuote).join(" "), dir);
    assert.deepEqual(args, HOSTILE.flatMap((word) => word.split("\n")));
    assert.deepEqual([...Deno.readDirSync(dir)], [], "no command ran, no file was written");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("shellQuote: safe words stay as they are; the empty string is ''", () => {
  for (
    const word of [
      "main",
      "omni/homelab/cluster-template.yaml",
      "https://x.example/a.git",
      "v1.2.3+b",
      "a=b,c@d%e",
    ]
  ) {
    assert.equal(shellQuote(word), word);
  }
  assert.equal(shellQuote(""), "''");
  assert.equal(shellQuote("=ls"), "'=ls'");
  assert.equal(shellQuote("it's"), "'it'\\''s'");
});
