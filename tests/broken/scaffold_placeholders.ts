// A scaffolded cluster whose repository and ACME contact were never filled in: Argo CD would read
// a repository that does not exist, and Let's Encrypt refuses an account at an example domain
// (letsencrypt/boulder policy/pa.go, ValidEmail).
import { defineCluster, remove } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  git: { repoURL: "https://github.com/YOUR-ORG/YOUR-REPO.git" },
  tls: {
    issuer: {
      external: remove(),
      acme: {
        email: "you@example.com",
        solver: {
          dns01: {
            cloudflare: { apiTokenSecretRef: { name: "cloudflare-api-token", key: "api-token" } },
          },
        },
      },
    },
  },
});

/** The rules it breaks. */
export const rules: string[] = ["tls-issuer", "repository"];

export const expected: string[] = [
  "tests/broken/scaffold_placeholders.ts: tls.issuer.acme.email: you@example.com: Let's Encrypt refuses an account whose contact is at example.com (an example domain), so no certificate would ever be issued; state the address that should get its expiry mail",
  "tests/broken/scaffold_placeholders.ts: git.repoURL: https://github.com/YOUR-ORG/YOUR-REPO.git is the scaffold's placeholder: state the Git repository Argo CD reads apps/homelab/ from (this repository, as Argo CD reaches it)",
];
