/**
 * The pull request workflow's comment step (`.github/hydrate_comment.cjs`, as
 * `.github/workflows/hydrate.yml` runs it through actions/github-script), fed the
 * real output of `deno task diff --format markdown` over a series of pushes,
 * against a simulated GitHub that keeps the pull request's comments.
 */
import assert from "node:assert/strict";
import { load } from "js-yaml";
import { join } from "node:path";
import { edit, git, run, tempRepo } from "./_e2e.ts";

/**
 * The comment script, loaded as github-script's `require` loads it: a CommonJS module with no
 * dependency (Deno's own CommonJS loader imports `node:module`, which deno.json keeps from cluster
 * files).
 */
// deno-lint-ignore no-explicit-any
const comment: any = (() => {
  const text = Deno.readTextFileSync(new URL("../.github/hydrate_comment.cjs", import.meta.url));
  const module = { exports: {} };
  new Function("module", "exports", text)(module, module.exports);
  return module.exports;
})();

interface Comment {
  id: number;
  body: string;
  user?: { login: string; type: string } | null;
}

/** The workflow token's identity: GitHub Actions' bot. */
const ACTIONS = { login: "github-actions[bot]", type: "Bot" };

/**
 * A pull request's comments behind the slice of Octokit the step uses; read-only as for a fork.
 * GraphQL's `viewer` answers `viewer` (the token's login), or fails when it is null.
 */
function simulatedGitHub(readOnly = false, viewer: string | null = ACTIONS.login) {
  const comments: Comment[] = [];
  const warnings: string[] = [];
  let next = 1;
  const refuse = () => {
    if (readOnly) {
      throw Object.assign(new Error("Resource not accessible by integration"), { status: 403 });
    }
  };
  const find = (id: number) => comments.findIndex((c) => c.id === id);
  const github = {
    graphql: (query: string) => {
      assert.match(query, /viewer\s*\{\s*login\s*\}/);
      return viewer === null
        ? Promise.reject(Object.assign(new Error("Resource not accessible"), { status: 403 }))
        : Promise.resolve({ viewer: { login: viewer } });
    },
    paginate: async (list: (p: unknown) => Promise<{ data: Comment[] }>, params: unknown) =>
      (await list(params)).data,
    rest: {
      issues: {
        listComments: (params: { issue_number: number }) => {
          assert.equal(params.issue_number, 7);
          return Promise.resolve({ data: comments.map((c) => ({ ...c })) });
        },
        createComment: ({ body }: { body: string }) => {
          refuse();
          comments.push({
            id: next++,
            body,
            user: { login: viewer ?? ACTIONS.login, type: "Bot" },
          });
          return Promise.resolve({});
        },
        updateComment: ({ comment_id, body }: { comment_id: number; body: string }) => {
          refuse();
          comments[find(comment_id)].body = body;
          return Promise.resolve({});
        },
        deleteComment: ({ comment_id }: { comment_id: number }) => {
          refuse();
          comments.splice(find(comment_id), 1);
          return Promise.resolve({});
        },
      },
    },
  };
  const context = { repo: { owner: "o", repo: "r" }, issue: { number: 7 } };
  const core = { warning: (text: string) => warnings.push(text) };
  const post = (body: string, exitCode: number) =>
    comment.postRenderedChange({ github, context, core, body, exitCode });
  return { comments, warnings, post };
}

/** The workflow's diff step: the markdown and the exit code. */
async function diffStep(dir: string): Promise<{ body: string; code: number }> {
  const result = await run("diff", dir, "--base", "main", "--format", "markdown");
  return { body: result.stdout, code: result.code };
}

Deno.test("PR comment: one comment across pushes, a failure updates it in place with the right advice", async () => {
  const dir = await tempRepo();
  const cluster = join(dir, "clusters/homelab.ts");
  const gh = simulatedGitHub();
  try {
    await git(dir, "init", "-q", "-b", "main");
    assert.equal((await run("render", dir)).code, 0);
    await git(dir, "add", "-A");
    await git(dir, "commit", "-qm", "base");
    await git(dir, "checkout", "-qb", "pr");
    gh.comments.push({ id: 100, body: "LGTM", user: { login: "alice", type: "User" } }); // a reviewer's, never touched

    // Push 1: a rendered change.
    await edit(cluster, 'stop: "192.168.10.50"', 'stop: "192.168.10.51"');
    assert.equal((await run("render", dir)).code, 0);
    let step = await diffStep(dir);
    assert.equal(step.code, 2);
    assert.equal(await gh.post(step.body, step.code), "posted");
    assert.equal(gh.comments.length, 2);
    const ours = gh.comments[1];
    assert.match(ours.body, /^<!-- hydrate-diff part 1\/1 -->\n## Hydrate: rendered change\n/);
    assert.match(ours.body, /spec\.blocks\[0\]\.stop/);

    // Push 2: a broken cluster file. The same comment says what is wrong and to fix the file.
    await edit(
      cluster,
      'internal: { address: "192.168.10.50" }',
      'internal: { address: "192.168.10.60" }',
    );
    step = await diffStep(dir);
    assert.equal(step.code, 1);
    await gh.post(step.body, step.code);
    assert.deepEqual(gh.comments.map((c) => c.id), [100, ours.id]);
    assert.match(ours.body, /^<!-- hydrate-diff part 1\/1 -->\n/);
    assert.match(ours.body, /> \[!CAUTION\]\n> Hydrate refused the cluster files/);
    assert.match(ours.body, /clusters\/homelab\.ts.*192\.168\.10\.60/);
    assert.match(ours.body, /Fix each problem above/);
    assert.doesNotMatch(ours.body, /run `deno task render` and commit/);

    // Push 3: fixed, but the render not committed: the change is shown, and the advice is render.
    await edit(
      cluster,
      'internal: { address: "192.168.10.60" }',
      'internal: { address: "192.168.10.50" }',
    );
    await edit(cluster, 'stop: "192.168.10.51"', 'stop: "192.168.10.52"');
    step = await diffStep(dir);
    assert.equal(step.code, 1);
    await gh.post(step.body, step.code);
    assert.deepEqual(gh.comments.map((c) => c.id), [100, ours.id]);
    assert.match(
      ours.body,
      /192\.168\.10\.50 -&gt; 192\.168\.10\.52|192\.168\.10\.50 -> 192\.168\.10\.52/,
    );
    assert.match(
      ours.body,
      /> \[!CAUTION\]\n> The committed apps\/ and omni\/ are not a fresh render/,
    );
    assert.match(ours.body, /run `deno task render` and commit the result/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("PR comment: parts of a longer earlier diff are deleted, other comments kept", async () => {
  const gh = simulatedGitHub();
  gh.comments.push(
    { id: 1, body: "<!-- hydrate-diff part 1/2 -->\nold one", user: ACTIONS },
    { id: 2, body: "nice", user: { login: "alice", type: "User" } },
    { id: 3, body: "<!-- hydrate-diff part 2/2 -->\nold two", user: ACTIONS },
    // A person quoting the marker: never updated or deleted.
    {
      id: 4,
      body: "<!-- hydrate-diff part 2/2 --> why this?",
      user: { login: "bob", type: "User" },
    },
  );
  await gh.post("<!-- hydrate-diff part 1/1 -->\n## Hydrate: rendered change\n\nNo change.\n", 0);
  assert.deepEqual(gh.comments.map((c) => c.id), [1, 2, 4]);
  assert.match(gh.comments[0].body, /No change/);
});

Deno.test("PR comment: only the workflow's own comments are updated or deleted", async () => {
  const gh = simulatedGitHub();
  const marker = (i: number, n: number) => `<!-- hydrate-diff part ${i}/${n} -->`;
  gh.comments.push(
    { id: 1, body: `${marker(1, 2)}\nours, one`, user: ACTIONS },
    // Another app's bot and a deleted account's comment that start with the marker.
    {
      id: 2,
      body: `${marker(1, 1)}\nlooks like a verdict`,
      user: { login: "evil[bot]", type: "Bot" },
    },
    { id: 3, body: `${marker(2, 2)}\nfrom a ghost`, user: null },
    // A person who quotes the marker, at the start and inside.
    { id: 4, body: `${marker(2, 2)}\nquoted`, user: { login: "mallory", type: "User" } },
    { id: 5, body: `see ${marker(2, 2)}`, user: { login: "mallory", type: "User" } },
    // Ours but the marker not on a line of its own: not a part.
    { id: 6, body: `${marker(2, 2)} and more`, user: ACTIONS },
    { id: 7, body: `${marker(2, 2)}\nours, two`, user: ACTIONS },
  );
  await gh.post(`${marker(1, 1)}\n## Hydrate: rendered change\n\nNo change.\n`, 0);
  assert.deepEqual(gh.comments.map((c) => c.id), [1, 2, 3, 4, 5, 6]);
  assert.match(gh.comments[0].body, /No change/);
  assert.match(gh.comments[1].body, /looks like a verdict/);
  assert.match(gh.comments[2].body, /from a ghost/);
});

Deno.test("PR comment: ours are those of the identity the token acts as (GraphQL viewer)", async () => {
  const app = { login: "hydrate-app[bot]", type: "Bot" };
  const gh = simulatedGitHub(false, app.login);
  gh.comments.push(
    // Another workflow's comment (GITHUB_TOKEN) with the marker: not this token's.
    { id: 1, body: "<!-- hydrate-diff part 1/1 -->\nanother workflow", user: ACTIONS },
    { id: 2, body: "<!-- hydrate-diff part 1/1 -->\nyesterday", user: app },
  );
  await gh.post("<!-- hydrate-diff part 1/1 -->\ntoday\n", 2);
  assert.deepEqual(gh.comments.map((c) => [c.id, c.body]), [
    [1, "<!-- hydrate-diff part 1/1 -->\nanother workflow"],
    [2, "<!-- hydrate-diff part 1/1 -->\ntoday\n"],
  ]);

  // Without an answer from GraphQL: GitHub Actions' bot, of type Bot.
  const fallback = simulatedGitHub(false, null);
  fallback.comments.push(
    { id: 1, body: "<!-- hydrate-diff part 1/1 -->\nyesterday", user: ACTIONS },
    {
      id: 2,
      body: "<!-- hydrate-diff part 1/1 -->\nnot a bot",
      user: { login: "github-actions[bot]", type: "User" },
    },
  );
  await fallback.post("<!-- hydrate-diff part 1/1 -->\ntoday\n", 2);
  assert.deepEqual(fallback.comments.map((c) => c.body), [
    "<!-- hydrate-diff part 1/1 -->\ntoday\n",
    "<!-- hydrate-diff part 1/1 -->\nnot a bot",
  ]);
});

Deno.test("PR comment: a marker quoted inside a part splits nothing", () => {
  const one =
    "<!-- hydrate-diff part 1/2 -->\n## Hydrate\n- `x: <!-- hydrate-diff part 2/2 -->`\n" +
    "```diff\n<!-- hydrate-diff part 1/1 -->\n<!-- hydrate-diff part 3/2 -->\n```\n";
  const two = "<!-- hydrate-diff part 2/2 -->\n## Hydrate (part 2 of 2)\n";
  const parts = comment.splitParts(`${one}\n${two}`, 2);
  assert.equal(parts.length, 2);
  assert.equal(parts[0], one);
  assert.equal(parts[1], two);
  // A part missing (a crash after the first): no partial set, the crash is said.
  const broken = comment.splitParts("<!-- hydrate-diff part 1/2 -->\nhalf\n", 1);
  assert.equal(broken.length, 1);
  assert.match(broken[0], /printed no result \(exit code 1\)/);
});

Deno.test("PR comment: the real diff output with a hostile value posts one part, the marker once", async () => {
  const dir = await tempRepo();
  const gh = simulatedGitHub();
  try {
    await git(dir, "init", "-q", "-b", "main");
    assert.equal((await run("render", dir)).code, 0);
    // A committed values file with a value quoting the marker and closing the section.
    const values = join(dir, "apps/homelab/cilium/values.yaml");
    const text = await Deno.readTextFile(values);
    await Deno.writeTextFile(
      values,
      `${text}zzHostile: "a <!-- hydrate-diff part 2/2 --> b\\r</details>\\n@org/team"\n`,
    );
    await git(dir, "add", "-A");
    await git(dir, "commit", "-qm", "base");
    await git(dir, "checkout", "-qb", "pr");
    const step = await diffStep(dir);
    assert.equal(step.code, 1, "the committed render is not current");
    await gh.post(step.body, step.code);
    assert.equal(gh.comments.length, 1);
    const body = gh.comments[0].body;
    assert.equal(body.match(/^<!-- hydrate-diff part /gm)?.length, 1);
    assert.ok(!body.includes("\r"));
    assert.match(body, /zzHostile/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("PR comment: a diff that printed nothing replaces the earlier comment, never leaves it as current", async () => {
  const gh = simulatedGitHub();
  gh.comments.push({
    id: 1,
    body: "<!-- hydrate-diff part 1/1 -->\nyesterday's change",
    user: ACTIONS,
  });
  await gh.post("", 1);
  assert.equal(gh.comments.length, 1);
  assert.match(gh.comments[0].body, /printed no result \(exit code 1\): see the job log/);
});

Deno.test("PR comment: a read-only token (a fork) warns and does not fail the step", async () => {
  const gh = simulatedGitHub(true);
  const outcome = await gh.post("<!-- hydrate-diff part 1/1 -->\nchange\n", 2);
  assert.equal(outcome, "no-permission");
  assert.equal(gh.comments.length, 0);
  assert.match(gh.warnings[0], /HTTP 403.*fork.*job summary/);
});

Deno.test("PR workflow: the PR's code never runs outside the sandbox, and the job with a write token runs none of it", async () => {
  const text = await Deno.readTextFile(
    new URL("../.github/workflows/hydrate.yml", import.meta.url),
  );
  // deno-lint-ignore no-explicit-any
  const workflow = load(text) as any;
  assert.deepEqual(Object.keys(workflow.on), ["pull_request_target"]);
  assert.deepEqual(workflow.permissions, {});
  const { review, comment } = workflow.jobs;
  assert.deepEqual(review.permissions, { contents: "read" });
  assert.deepEqual(comment.permissions, { "pull-requests": "write" });
  const steps = [...review.steps, ...comment.steps];
  for (const step of steps.filter((s) => String(s.uses).startsWith("actions/checkout"))) {
    // Only the base commit is ever checked out; the PR's commits are fetched as objects.
    assert.equal(step.with.ref, "${{ github.event.pull_request.base.sha }}");
    assert.equal(step.with["persist-credentials"], false);
  }
  for (const step of steps.filter((s) => s.run !== undefined)) {
    assert.doesNotMatch(step.run, /\$\{\{/, `${step.name}: step outputs reach scripts through env`);
  }
  const reviewRun = review.steps.map((s: { run?: string }) => s.run ?? "").join("\n");
  assert.match(
    reviewRun,
    /deno task diff --pr refs\/hydrate\/pr --base "\$base" --format markdown/,
  );
  const commentText = JSON.stringify(comment);
  assert.doesNotMatch(
    commentText,
    /setup-deno|deno (task|run|install)|refs\/hydrate\/pr|head\.sha/,
  );
  const verdict = comment.steps.find((s: { name?: string }) => s.name === "Verdict");
  for (
    const [code, fails] of [["0", false], ["2", false], ["1", true], ["133", true], ["", true]]
  ) {
    const shell = await new Deno.Command("bash", {
      args: ["-c", verdict.run],
      env: { DIFF_EXIT_CODE: code as string },
      stdout: "null",
    }).output();
    assert.equal(!shell.success, fails, `exit code ${code || "(none)"}`);
  }
  const post = comment.steps.find((s: { name?: string }) =>
    s.name === "Post or update the comment"
  );
  assert.equal(post["continue-on-error"], true);
  assert.match(
    post.with.script,
    /require\(`\$\{process\.env\.GITHUB_WORKSPACE\}\/\.github\/hydrate_comment\.cjs`\)/,
  );
});
