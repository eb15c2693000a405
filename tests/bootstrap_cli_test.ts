/**
 * End to end: `deno task bootstrap <cluster>` as a user runs it, in a temporary
 * copy of the repository: the steps of a rendered cluster, and a refusal when
 * the committed tree is not a fresh render (the steps use the committed files).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { CONFIG, edit, run, tempRepo } from "./_e2e.ts";

/**
 * What `sh` does with a printed command line whose program is `program`: the arguments that
 * program gets (a shell function printing them stands in for it), run in an empty folder `cwd`.
 */
async function argumentsOf(line: string, program: string, cwd: string): Promise<string[]> {
  const output = await new Deno.Command("sh", {
    args: ["-c", `${program}() { printf '%s\\n' "$@"; }\n${line.trim()}`],
    cwd,
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.ok(output.success, new TextDecoder().decode(output.stderr));
  return new TextDecoder().decode(output.stdout).split("\n").slice(0, -1);
}

Deno.test("bootstrap reads, and writes only its sources' snapshot: no network, no subprocess", () => {
  assert.equal(
    CONFIG.tasks.bootstrap,
    "DENO_NO_UPDATE_CHECK=1 deno install --frozen --quiet && DENO_NO_UPDATE_CHECK=1 deno run --frozen --cached-only --no-prompt --unstable-worker-options --allow-read --allow-write=.hydrate scripts/bootstrap.ts",
  );
});

Deno.test("e2e: bootstrap prints the rendered cluster's steps, in order, with its own paths", async () => {
  const dir = await tempRepo();
  try {
    assert.equal((await run("render", dir)).code, 0);
    const out = await run("bootstrap", dir, "homelab");
    assert.equal(out.code, 0, out.stderr);
    assert.equal(out.stderr, "");
    const order = [
      "1. Render, check and push",
      "omnictl cluster template sync -f omni/homelab/cluster-template.yaml",
      "kubectl -n kube-system logs -f job/hydrate-bootstrap-cilium",
      "kubectl -n kube-system logs -f job/hydrate-bootstrap-argocd",
      "kubectl -n argocd get application root",
      "kubectl get pods -n kube-system -l k8s-app=kube-proxy",
      "arp -a | grep 192.168.10.50",
      "kubectl delete -f omni/homelab/bootstrap/cilium.yaml -f omni/homelab/bootstrap/argocd.yaml",
    ];
    const at = order.map((text) => out.stdout.indexOf(text));
    assert.ok(at.every((i) => i >= 0), `every step printed:\n${out.stdout}`);
    assert.deepEqual(at, [...at].sort((a, b) => a - b), "in order");

    const markdown = await run("bootstrap", dir, "staging", "--format", "markdown");
    assert.equal(markdown.code, 0, markdown.stderr);
    assert.match(markdown.stdout, /^# Bootstrap of staging\n\n## 1\. Render, check and push\n/);
    assert.match(markdown.stdout, /omni\/staging\/bootstrap\/cilium\.yaml/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("e2e: bootstrap refuses a stale tree, an unknown cluster and bad arguments, exit 1", async () => {
  const dir = await tempRepo();
  try {
    assert.equal((await run("render", dir)).code, 0);
    const unknown = await run("bootstrap", dir, "prod");
    assert.equal(unknown.code, 1);
    assert.match(
      unknown.stderr,
      /^prod: no such cluster, or it does not render \(clusters: homelab, staging\)/,
    );
    const unnamed = await run("bootstrap", dir);
    assert.equal(unnamed.code, 1);
    assert.match(unnamed.stderr, /^name one cluster \(clusters: homelab, staging\)$/m);
    const help = await run("bootstrap", dir, "--help");
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^usage: deno task bootstrap <cluster>/);
    for (const args of [[], ["homelab", "staging"], ["homelab", "--format", "html"]]) {
      const bad = await run("bootstrap", dir, ...args);
      assert.equal(bad.code, 1, args.join(" "));
      assert.match(bad.stderr, /usage: deno task bootstrap <cluster>/);
    }
    await edit(
      join(dir, "clusters/_shared.ts"),
      "argocd: argocd(),",
      'argocd: argocd({ values: { configs: { params: { "server.insecure": false } } } }),',
    );
    const stale = await run("bootstrap", dir, "homelab");
    assert.equal(stale.code, 1);
    assert.equal(stale.stdout, "");
    assert.match(
      stale.stderr,
      /^apps\/homelab\/argocd\/values\.yaml: differs from a fresh render$/m,
    );
    assert.match(
      stale.stderr,
      /^omni\/homelab\/bootstrap\/argocd\.yaml: differs from a fresh render$/m,
    );
    assert.match(stale.stderr, /run `deno task render`, commit, then run this again\.$/m);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("e2e: a broken cluster file does not stop the bootstrap of another cluster", async () => {
  const dir = await tempRepo();
  try {
    assert.equal((await run("render", dir)).code, 0);
    await edit(join(dir, "clusters/staging.ts"), 'name: "staging"', 'name: "Staging!"');
    const steps = await run("bootstrap", dir, "homelab");
    assert.equal(steps.code, 0, steps.stderr);
    assert.match(steps.stdout, /homelab/);
    assert.match(steps.stderr, /^Note: 1 problem\(s\) in other cluster files/m);
    const broken = await run("bootstrap", dir, "staging");
    assert.equal(broken.code, 1);
    assert.match(broken.stderr, /clusters\/staging\.ts: name: /);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("e2e: the commands bootstrap prints quote a revision holding shell syntax: run, they run nothing else", async () => {
  const dir = await tempRepo();
  const empty = await Deno.makeTempDir({ prefix: "hydrate-bootstrap-sh-" });
  try {
    // No white space (the schema refuses it), but every shell operator a Git branch name may hold.
    const revision = "x';touch${IFS}p1;'$(touch${IFS}p2)`touch${IFS}p3`;touch${IFS}p4|tee${IFS}p5";
    await edit(
      join(dir, "clusters/_shared.ts"),
      'revision: "main"',
      `revision: ${JSON.stringify(revision)}`,
    );
    const render = await run("render", dir);
    assert.equal(render.code, 0, render.stderr);
    for (const format of ["text", "markdown"]) {
      const out = await run("bootstrap", dir, "homelab", "--format", format);
      assert.equal(out.code, 0, out.stderr);
      const push = out.stdout.split("\n").filter((line) => line.includes("git push origin"));
      assert.equal(push.length, 1, out.stdout);
      assert.deepEqual(await argumentsOf(push[0], "git", empty), ["push", "origin", revision]);
      assert.deepEqual([...Deno.readDirSync(empty)], [], "nothing but the printed command ran");
      // Safe words stay bare: the other commands read as before.
      assert.match(
        out.stdout,
        /omnictl cluster template sync -f omni\/homelab\/cluster-template\.yaml\n/,
      );
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
    await Deno.remove(empty, { recursive: true });
  }
});
