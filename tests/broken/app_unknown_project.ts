// An app in an Argo CD project the cluster does not declare.
import { defineCluster } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  apps: { longhorn: { project: "storage" } },
});

/** The rules it breaks. */
export const rules: string[] = ["apps"];

export const expected: string[] = [
  "tests/broken/app_unknown_project.ts: apps.longhorn.project: storage is not a project of this cluster (projects: default)",
];
