// Discovery: two groups find the same folder name (an Application name is unique), and a
// pattern finds no folder (a hidden one is never found, as Argo CD skips hidden folders).
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  discover: {
    "team-a": { paths: ["tests/fixtures/lab-apps/team-a/*"] },
    web: { paths: ["tests/fixtures/lab-apps/*/web"] },
    drafts: { paths: ["tests/fixtures/lab-apps/team-b/.drafts"] },
  },
});

/** The rules it breaks. */
export const rules: string[] = ["apps"];

export const expected: string[] = [
  "tests/broken/discover_conflicts.ts: discover.web: tests/fixtures/lab-apps/team-a/web would be app web, which tests/fixtures/lab-apps/team-a/web (discover.team-a) already is: rename the folder or exclude it",
  "tests/broken/discover_conflicts.ts: discover.drafts.paths: tests/fixtures/lab-apps/team-b/.drafts match no folder of this repository: the group would render no app",
];
