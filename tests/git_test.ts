/**
 * `diff` reads the render committed at the base through `git cat-file --batch`:
 * with thousands of files, git's output fills its pipe long before it has read
 * all of its input, so the two must flow at once.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { git, ROOT } from "./_e2e.ts";

Deno.test("readTreeAt reads a base of thousands of files (no pipe deadlock, no quadratic lookup)", async () => {
  const dir = await Deno.makeTempDir({ prefix: "hydrate-git-" });
  try {
    const folder = join(dir, "apps/big/bulk");
    await Deno.mkdir(folder, { recursive: true });
    for (let i = 0; i < 4000; i++) {
      await Deno.writeTextFile(join(folder, `file-${i}.yaml`), `index: ${i}\n${"x".repeat(100)}\n`);
    }
    await git(dir, "init", "-q");
    await git(dir, "add", "-A");
    await git(dir, "commit", "-qm", "base");
    const probe = join(dir, "probe.ts");
    await Deno.writeTextFile(
      probe,
      `import { readTreeAt } from "${pathToFileURL(join(ROOT, "scripts/_git.ts")).href}";\n` +
        `const tree = await readTreeAt("HEAD");\n` +
        `console.log(tree.size, tree.get("apps/big/bulk/file-3999.yaml")?.split("\\n")[0]);\n`,
    );
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--config",
        join(ROOT, "deno.json"),
        "--frozen",
        "--cached-only",
        "--allow-read",
        "--allow-run=git",
        "--no-prompt",
        probe,
      ],
      cwd: dir,
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    // A deadlock never ends: stop it after a minute.
    const timer = setTimeout(() => child.kill(), 60_000);
    const output = await child.output();
    clearTimeout(timer);
    const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
    assert.equal(output.code, 0, decode(output.stderr));
    assert.equal(decode(output.stdout).trim(), "4000 index: 3999");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
