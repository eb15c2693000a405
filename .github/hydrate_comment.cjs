// @ts-check
/**
 * The comment step of .github/workflows/hydrate.yml, run by actions/github-script
 * (`require(`${process.env.GITHUB_WORKSPACE}/.github/hydrate_comment.cjs`)`, the
 * pattern its README documents for a script in a file). tests/pr_comment_test.ts
 * runs it against a simulated GitHub.
 *
 * `deno task diff --format markdown` prints one or more parts, each starting with
 * `<!-- hydrate-diff part i/n -->`, whether the diff succeeded or failed. Each part
 * updates the comment that starts with the same `part i/` marker, or is created;
 * comments of parts past the last (a longer earlier diff) are deleted. So a pull
 * request keeps one set of comments, updated on every push.
 */

const MARKER = "<!-- hydrate-diff part ";

/**
 * The parts of the diff's output; when it printed no part (it crashed before it
 * could), one part saying so, so an earlier diff is not left standing as current.
 *
 * @param {string} body
 * @param {number} exitCode
 * @returns {string[]}
 */
function splitParts(body, exitCode) {
  const parts = body.split(/(?=<!-- hydrate-diff part \d+\/\d+ -->)/)
    .filter((part) => part.startsWith(MARKER));
  if (parts.length > 0) return parts;
  return [
    `${MARKER}1/1 -->\n## Hydrate: rendered change\n\n> [!CAUTION]\n` +
    `> \`deno task diff\` printed no result (exit code ${exitCode}): see the job log.\n`,
  ];
}

/**
 * The part number a comment of ours holds, or 0 for a comment that is not ours: ours are
 * written by a bot (the workflow's token posts as github-actions[bot]) and start with the marker;
 * a person's comment that quotes the marker is left alone.
 *
 * @param {{ body?: string | null, user?: { type?: string } | null }} comment
 * @returns {number}
 */
function partOf(comment) {
  if (!comment.body || !comment.body.startsWith(MARKER)) return 0;
  if (comment.user && comment.user.type !== "Bot") return 0;
  return Number(comment.body.slice(MARKER.length).split("/")[0]) || 0;
}

/**
 * Posts the rendered change on the pull request: updates our comments in place,
 * adds missing parts, deletes parts left over. Without permission to comment (a
 * pull request from a fork gets a read-only token) it warns and returns
 * "no-permission" instead of failing the job: the change is in the job summary.
 *
 * @param {{ github: any, context: any, core: any, body: string, exitCode: number }} step
 * @returns {Promise<"posted" | "no-permission">}
 */
async function postRenderedChange({ github, context, core, body, exitCode }) {
  const parts = splitParts(body, exitCode);
  const issue = { ...context.repo, issue_number: context.issue.number };
  try {
    const comments = await github.paginate(github.rest.issues.listComments, issue);
    const ours = comments.filter(partOf);
    for (const [i, part] of parts.entries()) {
      const existing = ours.find((/** @type {any} */ c) => partOf(c) === i + 1);
      if (existing) {
        if (existing.body !== part) {
          await github.rest.issues.updateComment({
            ...context.repo,
            comment_id: existing.id,
            body: part,
          });
        }
      } else await github.rest.issues.createComment({ ...issue, body: part });
    }
    for (const old of ours) {
      if (partOf(old) > parts.length) {
        await github.rest.issues.deleteComment({ ...context.repo, comment_id: old.id });
      }
    }
    return "posted";
  } catch (error) {
    const status = /** @type {{ status?: number }} */ (error).status;
    if (status !== 403 && status !== 404) throw error;
    core.warning(
      `Cannot comment on this pull request (HTTP ${status}: the token is read-only, as it is for ` +
        "a pull request from a fork): the rendered change is in the job summary.",
    );
    return "no-permission";
  }
}

module.exports = { postRenderedChange, splitParts, MARKER };
