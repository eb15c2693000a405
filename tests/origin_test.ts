/** Reading the origin remote from a repository's git config, as rule 32 gets it. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { originUrl } from "../scripts/_origin.ts";

Deno.test("originUrl: the origin's url among other remotes; a worktree's common config; none", () => {
  const dir = Deno.makeTempDirSync();
  try {
    assert.equal(originUrl(dir), undefined);
    Deno.mkdirSync(join(dir, "main/.git/worktrees/wt"), { recursive: true });
    Deno.writeTextFileSync(
      join(dir, "main/.git/config"),
      [
        "[core]",
        "\tbare = false",
        '[remote "upstream"]',
        "\turl = https://github.com/vanillax/homelab.git",
        '[remote "origin"]',
        "\tfetch = +refs/heads/*:refs/remotes/origin/*",
        "\turl = git@github.com:me/infra.git",
      ].join("\n"),
    );
    assert.equal(originUrl(join(dir, "main")), "git@github.com:me/infra.git");
    Deno.writeTextFileSync(join(dir, "main/.git/worktrees/wt/commondir"), "../..\n");
    Deno.mkdirSync(join(dir, "wt"));
    Deno.writeTextFileSync(
      join(dir, "wt/.git"),
      `gitdir: ${join(dir, "main/.git/worktrees/wt")}\n`,
    );
    assert.equal(originUrl(join(dir, "wt")), "git@github.com:me/infra.git");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
