// White space in the repository URL or revision would put a YAML line into the rendered files;
// a Git app's path may not leave its repository.
import { defineCluster, gitApp } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  git: { repoURL: "https://github.com/vanillax/homelab.git\nkind: Secret", revision: "main " },
  apps: {
    docs: gitApp({
      repoURL: "https://git.example.com/docs.git",
      path: "deploy/../../etc",
      namespace: "docs",
    }),
  },
});

/** The rules it breaks. */
export const rules: string[] = ["schema"];

export const expected: string[] = [
  "tests/broken/git_text_unsafe.ts: git.repoURL: https://github.com/vanillax/homelab.git\\nkind: Secret must not contain white space",
  'tests/broken/git_text_unsafe.ts: git.revision: "main " must not contain white space',
  "tests/broken/git_text_unsafe.ts: apps.docs.path: deploy/../../etc must stay inside the repository (no '..')",
];
