// @ts-check
/**
 * The comment step of .github/workflows/hydrate.yml, run by actions/github-script
 * (`require(`${process.env.GITHUB_WORKSPACE}/.github/hydrate_comment.cjs`)`, the
 * pattern its README documents for a script in a file). tests/pr_comment_test.ts
 * runs it against a simulated GitHub.
 *
 * `deno task diff --format markdown` prints one or more parts, each starting with
 * `<!-- hydrate-diff part i/n -->`, whether the diff succeeded or failed. Each part
 * updates the comment of ours that starts with the same `part i/` marker, or is created;
 * our comments of parts past the last (a longer earlier diff) are deleted. So a pull
 * request keeps one set of comments, updated on every push. Ours are those the
 * workflow's own identity wrote; no one else's comment is ever updated or deleted.
 */

const MARKER = "<!-- hydrate-diff part ";

/** A part's first line: the marker alone, with its number and the number of parts. */
const MARKER_LINE = /^<!-- hydrate-diff part (\d+)\/(\d+) -->$/;

/**
 * The workflow's own identity when the token cannot say: GITHUB_TOKEN is an installation
 * access token of the GitHub Actions app (github/docs `content/actions/concepts/security/
 * github_token.md`), whose comments are by `github-actions[bot]`, of type "Bot".
 */
const ACTIONS_BOT = "github-actions[bot]";

/**
 * The parts of the diff's output: it starts a part at a line that is only the marker, numbered
 * one after the other out of one total (a marker elsewhere, in a value quoted in the output, is
 * text of the part it stands in). When it printed no complete set of parts (it crashed before
 * it could), one part saying so, so an earlier diff is not left standing as current.
 *
 * @param {string} body
 * @param {number | string} exitCode
 * @returns {string[]}
 */
function splitParts(body, exitCode) {
  /** @type {string[][]} */
  const parts = [];
  let total = 0;
  for (const line of body.split("\n")) {
    const match = MARKER_LINE.exec(line);
    const [number, of] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
    if (number === parts.length + 1 && number <= of && (total === 0 || of === total)) {
      total = of;
      parts.push([line]);
    } else if (parts.length > 0) parts[parts.length - 1].push(line);
  }
  if (parts.length > 0 && parts.length === total) {
    return parts.map((lines) => `${lines.join("\n").trimEnd()}\n`);
  }
  return [
    `${MARKER}1/1 -->\n## Hydrate: rendered change\n\n> [!CAUTION]\n` +
    `> \`deno task diff\` printed no result (exit code ${exitCode}): see the job log.\n`,
  ];
}

/**
 * The login the token acts as: GraphQL's `viewer`, which answers for an installation token
 * (a GitHub App's, GITHUB_TOKEN included) where REST `GET /user` is refused; else the GitHub
 * Actions bot.
 *
 * @param {any} github
 * @returns {Promise<string>}
 */
async function ownLogin(github) {
  try {
    const result = await github.graphql("query { viewer { login } }");
    const login = result && result.viewer && result.viewer.login;
    if (typeof login === "string" && login !== "") return login;
  } catch {
    // No GraphQL, or no answer: the token of a workflow is the GitHub Actions bot's.
  }
  return ACTIONS_BOT;
}

/**
 * The part number a comment of ours holds, or 0 for a comment that is not ours: ours are
 * written by the identity the workflow's token acts as and start with a marker line. A person's
 * or another app's comment that quotes the marker, or a comment of a deleted account, is left
 * alone.
 *
 * @param {{ body?: string | null, user?: { login?: string, type?: string } | null }} comment
 * @param {string} login
 * @returns {number}
 */
function partOf(comment, login) {
  const author = comment.user && comment.user.login;
  if (typeof author !== "string" || author.toLowerCase() !== login.toLowerCase()) return 0;
  if (login === ACTIONS_BOT && comment.user && comment.user.type !== "Bot") return 0;
  // Its first line (GitHub may store a body's line ends as CRLF).
  const match = MARKER_LINE.exec((comment.body || "").split(/\r?\n/)[0]);
  return match ? Number(match[1]) : 0;
}

/**
 * Posts the rendered change on the pull request: updates our comments in place,
 * adds missing parts, deletes parts left over. Without permission to comment (a
 * pull request from a fork gets a read-only token) it warns and returns
 * "no-permission" instead of failing the job: the change is in the job summary.
 *
 * @param {{ github: any, context: any, core: any, body: string, exitCode: number | string }} step
 * @returns {Promise<"posted" | "no-permission">}
 */
async function postRenderedChange({ github, context, core, body, exitCode }) {
  const parts = splitParts(body, exitCode);
  const issue = { ...context.repo, issue_number: context.issue.number };
  try {
    const login = await ownLogin(github);
    const comments = await github.paginate(github.rest.issues.listComments, issue);
    /** @type {any[]} */
    const ours = comments.filter((/** @type {any} */ c) => partOf(c, login) > 0);
    /** @type {Set<number>} */
    const kept = new Set();
    for (const [i, part] of parts.entries()) {
      const existing = ours.find((c) => partOf(c, login) === i + 1);
      if (existing) {
        kept.add(existing.id);
        if (existing.body !== part) {
          await github.rest.issues.updateComment({
            ...context.repo,
            comment_id: existing.id,
            body: part,
          });
        }
      } else await github.rest.issues.createComment({ ...issue, body: part });
    }
    // Parts past the last (a longer earlier diff) and second copies of a part.
    for (const old of ours) {
      if (!kept.has(old.id)) {
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

module.exports = { postRenderedChange, splitParts, partOf, MARKER, ACTIONS_BOT };
