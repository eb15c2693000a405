/**
 * A cluster file is code from whoever wrote the pull request. Each test is an
 * attack from one: it must fail, with a clear message, and leave no trace.
 * The cluster files run in the sandbox of scripts/_sandbox.ts (read the
 * repository's sources, nothing else); the tasks run `--frozen --cached-only
 * --no-prompt`.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { CONFIG, git, ROOT, run, snapshot, tempRepo } from "./_e2e.ts";
import { renderInSandboxes } from "../scripts/_sandbox.ts";

/** A temporary repository with one more cluster file, `clusters/evil.ts`, that runs `code` first. */
async function withEvil(code: string): Promise<string> {
  const dir = await tempRepo();
  await Deno.writeTextFile(
    join(dir, "clusters/evil.ts"),
    `${code}\nimport homelab from "./homelab.ts";\nexport default { ...homelab, name: "evil" };\n`,
  );
  return dir;
}

const lineOf = (text: string, source: string) =>
  text.split("\n").find((line) => line.startsWith(`${source}: `)) ?? "";

Deno.test("attack 1: a cluster file runs git with an alias (any command), in diff", async () => {
  const marker = await Deno.makeTempFile({ prefix: "hydrate-pwned-" });
  await Deno.remove(marker);
  const dir = await withEvil(
    `new Deno.Command("git", { args: ["-c", "alias.x=!sh -c 'id > ${marker}'", "x"] }).outputSync();`,
  );
  try {
    await git(dir, "init", "-q");
    await git(dir, "add", "-A");
    await git(dir, "commit", "-qm", "base");
    for (const task of ["diff", "render", "check"]) {
      const result = await run(task, dir);
      assert.equal(result.code, 1, `${task}: ${result.stdout}`);
      assert.match(
        lineOf(result.stderr, "clusters/evil.ts"),
        /^clusters\/evil\.ts: cannot be loaded: NotCapable: .*run/,
      );
    }
    await assert.rejects(() => Deno.stat(marker), Deno.errors.NotFound);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("attack 2: a cluster file imports a package not in the lock: nothing fetched, lock untouched", async () => {
  const dir = await withEvil(`await import("npm:is-even@1.0.0");`);
  try {
    const lock = await Deno.readTextFile(join(dir, "deno.lock"));
    const result = await run("check", dir);
    assert.equal(result.code, 1);
    assert.match(
      lineOf(result.stderr, "clusters/evil.ts"),
      /^clusters\/evil\.ts: cannot be loaded: /,
    );
    assert.doesNotMatch(result.stderr, /Download/);
    assert.equal(await Deno.readTextFile(join(dir, "deno.lock")), lock);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("attack 3: a cluster file reads a file outside the sources, or writes the rendered tree", async () => {
  for (
    const code of [
      `Deno.readTextFileSync("/etc/passwd");`,
      `Deno.readTextFileSync(new URL("../deno.json", import.meta.url));`,
      `Deno.writeTextFileSync(new URL("../apps/homelab/root.yaml", import.meta.url), "x");`,
      `Deno.env.get("HOME");`,
    ]
  ) {
    const dir = await withEvil(code);
    try {
      const result = await run("render", dir);
      assert.equal(result.code, 1, code);
      assert.match(
        lineOf(result.stderr, "clusters/evil.ts"),
        /^clusters\/evil\.ts: cannot be loaded: NotCapable: /,
        code,
      );
      assert.match(result.stderr, /Nothing written/);
      await assert.rejects(() => Deno.stat(join(dir, "apps")), Deno.errors.NotFound);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  }
});

Deno.test("attack 4 and 7: every task runs without prompts, frozen, cached, without the update check", () => {
  for (const [task, command] of Object.entries(CONFIG.tasks as Record<string, string>)) {
    for (const part of command.split("&&").map((s) => s.trim())) {
      // vendor's requests go through its own pinned relay: no proxy from the environment.
      assert.match(
        part,
        /^(NO_PROXY= no_proxy= )?DENO_NO_UPDATE_CHECK=1 deno /,
        `${task}: ${part}`,
      );
      if (/ deno (run|test) /.test(` ${part.replace(/^\S+ /, "")} `)) {
        assert.match(part, / --no-prompt /, task);
        assert.match(part, / --frozen /, task);
      }
      if (/ deno run /.test(` ${part.replace(/^\S+ /, "")} `)) {
        assert.match(part, / --cached-only /, task);
      }
      // The tests are the pull request's own code, whatever their permissions: the tasks a
      // reviewer or CI runs on a pull request's cluster files are the ones held here.
      // The crash test renders only the synthetic fleet, and spawns Deno to kill it.
      if (task.startsWith("test") || task === "crash") continue;
      // `vendor` holds the network to grant each request's Worker its host alone (and writes
      // only vendor/); no other task touches the network.
      const net = task === "vendor" ? /--allow-net=/ : /--allow-net/;
      assert.doesNotMatch(part, net, task);
      assert.doesNotMatch(part, /--allow-all|-A |--allow-env|--allow-run(?!=(git|sync) )/, task);
      if (task === "vendor" && / deno run /.test(part)) {
        assert.match(part, / --allow-write=vendor,\.hydrate /, task);
      }
    }
  }
});

Deno.test("attack 5: a symlinked apps/<cluster> never makes render write outside the repository", async () => {
  const dir = await tempRepo();
  const outside = await Deno.makeTempDir({ prefix: "hydrate-outside-" });
  try {
    await Deno.mkdir(join(dir, "apps"));
    await Deno.symlink(outside, join(dir, "apps/homelab"));
    const result = await run("render", dir);
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /^apps\/homelab -> .*: a symbolic link; Hydrate writes only real folders/m,
    );
    assert.deepEqual([...Deno.readDirSync(outside)], []);
  } finally {
    await Deno.remove(dir, { recursive: true });
    await Deno.remove(outside, { recursive: true });
  }
});

Deno.test("attack 6: a hand-written manifest in a folder Argo CD syncs is reported by check, render and diff", async () => {
  const dir = await tempRepo();
  try {
    assert.equal((await run("render", dir)).code, 0);
    await git(dir, "init", "-q");
    await git(dir, "add", "-A");
    await git(dir, "commit", "-qm", "base");
    await Deno.writeTextFile(
      join(dir, "apps/homelab/applications/zz.yaml"),
      "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: { name: zz }\n",
    );
    const expected = "apps/homelab/applications/zz.yaml: not generated by Hydrate";
    for (const task of ["check", "diff", "render"]) {
      const result = await run(task, dir);
      assert.equal(result.code, 1, task);
      assert.ok(result.stderr.includes(expected), `${task}: ${result.stderr}`);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the sandbox reads only the repository's sources", () => {
  const paths = Deno.readTextFileSync(join(ROOT, "scripts/_sandbox_paths.ts"));
  assert.match(paths, /SANDBOX_READ = \["clusters", "lib", "mod\.ts", "vendor"\]/);
  const source = Deno.readTextFileSync(join(ROOT, "scripts/_sandbox.ts"));
  for (const name of ["write", "net", "run", "env", "sys", "ffi", "import"]) {
    assert.match(source, new RegExp(`\\b${name}: false`), name);
  }
});

Deno.test("attack 3b: a symbolic link among the sources (a file of the machine to import) is refused", async () => {
  const dir = await withEvil(
    `import leak from "./leak.json" with { type: "json" };\nconsole.log(leak);`,
  );
  try {
    await Deno.symlink("/etc/hostname", join(dir, "clusters/leak.json"));
    const result = await run("render", dir);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /clusters\/leak\.json: a symbolic link among the sources/);
    await assert.rejects(() => Deno.stat(join(dir, "apps")), Deno.errors.NotFound);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("attack 8: a cluster file posts its own answer to the sandbox's channel: nothing is written from it", async () => {
  const target = await Deno.makeTempFile({ prefix: "hydrate-forged-" });
  await Deno.remove(target);
  const dir = await withEvil(
    `self.postMessage({ ok: true, results: [{ source: "clusters/evil.ts", files: [{ path: "../../../../${target}", content: "x" }] }] });`,
  );
  try {
    const result = await run("render", dir);
    assert.equal(result.code, 1);
    assert.match(
      lineOf(result.stderr, "clusters/evil.ts"),
      /^clusters\/evil\.ts: cannot be loaded: the sandbox answered for another file/,
    );
    assert.doesNotMatch(result.stderr, /\n\s+at /);
    await assert.rejects(() => Deno.stat(target), Deno.errors.NotFound);
    await assert.rejects(() => Deno.stat(join(dir, "apps")), Deno.errors.NotFound);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("attack 9: a cluster file that changes a shared layer in memory changes no other cluster", async () => {
  const dir = await withEvil(
    // In one shared module graph, homelab.ts's export is the object this file changes.
    `import shared from "./homelab.ts";\n(shared as { git: { repoURL: string } }).git.repoURL = "https://evil.example/x.git";`,
  );
  try {
    const result = await run("render", dir);
    assert.equal(result.code, 0, result.stderr);
    // homelab renders exactly what it renders without evil.ts (the committed tree).
    assert.deepEqual(
      await snapshot(join(dir, "apps/homelab")),
      await snapshot(join(ROOT, "apps/homelab")),
    );
    // The change is real: evil.ts's own cluster, which spreads the same object, has it.
    assert.match(await Deno.readTextFile(join(dir, "apps/evil/root.yaml")), /evil\.example/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("attack 10: a cluster file that never finishes loading is stopped, and named", async () => {
  const dir = await withEvil(`while (true) { /* spin */ }`);
  try {
    const result = await run("check", dir);
    assert.equal(result.code, 1);
    assert.match(
      lineOf(result.stderr, "clusters/evil.ts"),
      /^clusters\/evil\.ts: cannot be loaded: did not finish loading in 10 s/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("attack 11: a cluster file posts a cycle or a shared-reference bomb as its data: a load error, no crash", async () => {
  for (
    const data of [
      `(() => { const a: Record<string, unknown> = {}; a.self = a; return a; })()`,
      `(() => { let x: unknown = 1; for (let i = 0; i < 40; i++) x = { a: x, b: x }; return { ...homelab, name: "evil", x }; })()`,
    ]
  ) {
    const dir = await withEvil(
      `(self as unknown as { postMessage(m: unknown): void }).postMessage({ ok: true, source: "clusters/evil.ts", data: ${data} });`,
    );
    try {
      const result = await run("check", dir);
      assert.equal(result.code, 1);
      assert.match(
        lineOf(result.stderr, "clusters/evil.ts"),
        /^clusters\/evil\.ts: cannot be loaded: the sandbox answered with data that is not a tree of plain data: an object that appears more than once/,
      );
      assert.doesNotMatch(result.stderr, /\n\s+at /);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  }
});

Deno.test("attack 12: a cluster file that allocates without bound ends its own evaluation, named, not the process", async () => {
  const dir = await withEvil(
    `const hoard: number[][] = [];\nwhile (true) hoard.push(new Array(1e6).fill(1));`,
  );
  try {
    const result = await run("render", dir);
    assert.equal(result.code, 1, result.stderr);
    assert.match(
      lineOf(result.stderr, "clusters/evil.ts"),
      /^clusters\/evil\.ts: cannot be loaded: used more than 512 MiB of memory while loading/,
    );
    assert.doesNotMatch(result.stderr, /out of memory|Fatal/i);
    // The other clusters were evaluated, and are fine.
    assert.equal(lineOf(result.stderr, "clusters/homelab.ts"), "");
    assert.equal(lineOf(result.stderr, "clusters/staging.ts"), "");
    assert.match(result.stderr, /Nothing written/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("attack 13: a cluster file that fills buffers (outside the heap) is stopped by the process's memory, and only it", async () => {
  // 3.5 GiB, then it waits: more than the budget of the three sandboxes `render` runs at most.
  const dir = await withEvil(
    `const hoard: Uint8Array[] = [];\nfor (let i = 0; i < 56; i++) hoard.push(new Uint8Array(64 * 2 ** 20).fill(1));\nawait new Promise(() => {});`,
  );
  try {
    const result = await run("render", dir);
    assert.equal(result.code, 1, result.stderr);
    assert.match(
      lineOf(result.stderr, "clusters/evil.ts"),
      /^clusters\/evil\.ts: cannot be loaded: the sandbox grew the process by more than 1024 MiB of memory while loading/,
    );
    // Evaluated again one at a time, the others load.
    assert.equal(lineOf(result.stderr, "clusters/homelab.ts"), "");
    assert.equal(lineOf(result.stderr, "clusters/staging.ts"), "");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("attack 14: a cluster file that never finishes loading is stopped, not left running", async () => {
  const dir = await withEvil(`while (true) { /* spin */ }`);
  try {
    const [result] = await renderInSandboxes(dir, [{ source: "clusters/evil.ts" }]);
    assert.match(result.loadError ?? "", /^cannot be loaded: did not finish loading in 10 s/);
    const before = globalThis.process.cpuUsage();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const used = globalThis.process.cpuUsage(before);
    const ms = Math.round((used.user + used.system) / 1000);
    assert.ok(ms < 300, `the process went on using the CPU after the stop: ${ms} ms in 1.5 s`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
