// Rule 33: an app's kustomization inflates Helm charts, but the Argo CD app's values replace
// argocd-cm's kustomize build options with ones that lack --enable-helm.
import { argocd, defineCluster, gitApp } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

export default defineCluster(homelab, {
  apps: {
    argocd: argocd({
      values: {
        configs: { cm: { "kustomize.buildOptions": "--load-restrictor LoadRestrictionsNone" } },
      },
    }),
    podinfo: gitApp({
      repoURL: "https://github.com/example/podinfo-deploy.git",
      path: "overlays/homelab",
      namespace: "podinfo",
      kustomize: { enableHelm: true },
    }),
  },
});

/** The rules it breaks. */
export const rules: string[] = ["application-settings"];

export const expected: string[] = [
  "tests/broken/kustomize_helm_option_dropped.ts: apps.argocd.values.configs.cm.kustomize.buildOptions: --load-restrictor LoadRestrictionsNone lacks --enable-helm, which apps.podinfo needs (kustomize.enableHelm): Argo CD passes only this option to kustomize build",
];
