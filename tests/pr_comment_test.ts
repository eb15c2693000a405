/**
 * The pull request workflow's comment step (`.github/hydrate_comment.cjs`, as
 * `.github/workflows/hydrate.yml` runs it through actions/github-script), fed the
 * real output of `deno task diff --format markdown` over a series of pushes,
 * against a simulated GitHub that keeps the pull request's comments.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import comment from "../.github/hydrate_comment.cjs";
import { edit, git, run, tempRepo } from "./_e2e.ts";

interface Comment {
  id: number;
  body: string;
  user?: { type: string };
}

/** A pull request's comments behind the slice of Octokit the step uses; read-only as for a fork. */
function simulatedGitHub(readOnly = false) {
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
          comments.push({ id: next++, body, user: { type: "Bot" } });
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
    gh.comments.push({ id: 100, body: "LGTM", user: { type: "User" } }); // a reviewer's, never touched

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
  const bot = { type: "Bot" };
  gh.comments.push(
    { id: 1, body: "<!-- hydrate-diff part 1/2 -->\nold one", user: bot },
    { id: 2, body: "nice", user: { type: "User" } },
    { id: 3, body: "<!-- hydrate-diff part 2/2 -->\nold two", user: bot },
    // A person quoting the marker: never updated or deleted.
    { id: 4, body: "<!-- hydrate-diff part 2/2 --> why this?", user: { type: "User" } },
  );
  await gh.post("<!-- hydrate-diff part 1/1 -->\n## Hydrate: rendered change\n\nNo change.\n", 0);
  assert.deepEqual(gh.comments.map((c) => c.id), [1, 2, 4]);
  assert.match(gh.comments[0].body, /No change/);
});

Deno.test("PR comment: a diff that printed nothing replaces the earlier comment, never leaves it as current", async () => {
  const gh = simulatedGitHub();
  gh.comments.push({
    id: 1,
    body: "<!-- hydrate-diff part 1/1 -->\nyesterday's change",
    user: { type: "Bot" },
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

Deno.test("PR workflow: the check runs before the comment, and the comment step cannot fail the job", async () => {
  const workflow = await Deno.readTextFile(
    new URL("../.github/workflows/hydrate.yml", import.meta.url),
  );
  const steps = [...workflow.matchAll(/- name: (.+)/g)].map((m) => m[1]);
  assert.ok(
    steps.indexOf("Committed render is current") < steps.indexOf("Post or update the comment"),
  );
  const commentStep = workflow.slice(workflow.indexOf("- name: Post or update the comment"));
  assert.match(
    commentStep,
    /if: github\.event\.pull_request\.head\.repo\.full_name == github\.repository/,
  );
  assert.match(commentStep, /continue-on-error: true/);
  assert.match(
    commentStep,
    /require\(`\$\{process\.env\.GITHUB_WORKSPACE\}\/\.github\/hydrate_comment\.cjs`\)/,
  );
});
