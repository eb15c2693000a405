/**
 * Helpers of the end-to-end tests: run a task exactly as deno.json declares it
 * (same script, same permissions) in a temporary repository.
 */
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const CONFIG = JSON.parse(Deno.readTextFileSync(join(ROOT, "deno.json")));

/** Runs `deno task <task>` in `cwd`, as a user does; `-q` keeps Deno's own "Task" line off stderr. */
export async function run(task: string, cwd: string, ...extra: string[]) {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["task", "-q", task, ...extra],
    cwd,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code: output.code, stdout: decode(output.stdout), stderr: decode(output.stderr) };
}

export async function snapshot(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (path: string) => {
    for await (const entry of Deno.readDir(path)) {
      const child = join(path, entry.name);
      if (entry.isDirectory) await walk(child);
      else out.set(child.slice(dir.length + 1), await Deno.readTextFile(child));
    }
  };
  await walk(dir);
  return out;
}

/** What a clone of the repository holds besides the rendered trees. */
const SOURCES = ["deno.json", "deno.lock", "mod.ts", "lib", "scripts", "clusters", "vendor"];

async function copy(from: string, to: string): Promise<void> {
  if ((await Deno.stat(from)).isDirectory) {
    await Deno.mkdir(to, { recursive: true });
    for await (const entry of Deno.readDir(from)) {
      await copy(join(from, entry.name), join(to, entry.name));
    }
  } else await Deno.copyFile(from, to);
}

/** A temporary copy of the repository without apps/ and omni/: a fresh clone before the first render. */
export async function tempRepo(): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "hydrate-e2e-" });
  for (const source of SOURCES) await copy(join(ROOT, source), join(dir, source));
  return dir;
}

/** Runs git in `cwd` as a test author; fails the test when git fails. */
export async function git(cwd: string, ...args: string[]): Promise<string> {
  const output = await new Deno.Command("git", {
    args: [
      "-c",
      "user.name=Hydrate Test",
      "-c",
      "user.email=test@example.invalid",
      "-c",
      "init.defaultBranch=main",
      ...args,
    ],
    cwd,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(output.stdout);
  assert.ok(output.success, `git ${args.join(" ")}: ${new TextDecoder().decode(output.stderr)}`);
  return text;
}

/** Replaces `from` (which must be there) with `to` in a file. */
export async function edit(path: string, from: string, to: string): Promise<void> {
  const text = await Deno.readTextFile(path);
  assert.ok(text.includes(from), `${path} holds ${from}`);
  await Deno.writeTextFile(path, text.replace(from, to));
}
