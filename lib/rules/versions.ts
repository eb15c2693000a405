/**
 * Rule 26: the versions the rendered files depend on are ones Hydrate models: an
 * Omni release newer than the newest it knows is assumed unchanged (a warning),
 * and the Argo CD bootstrap Job needs an official kubectl image
 * (registry.k8s.io/kubectl is published from v1.28, kubernetes/kubernetes#116672).
 *
 * @module
 */
import { type ClusterConfig, OMNI_DEFAULT_VERSION } from "../model/schema.ts";
import { error, type Problem, warning } from "../model/problem.ts";
import { atLeast } from "../build/omni/version.ts";
import type { Rule } from "./rule.ts";

function input(cluster: ClusterConfig): Problem[] {
  const problems: Problem[] = [];
  const { version, kubernetesVersion } = cluster.omni;
  if (!atLeast(OMNI_DEFAULT_VERSION, version)) {
    problems.push(
      warning(
        "omni.version",
        `${version} is newer than the newest Omni release Hydrate models (${OMNI_DEFAULT_VERSION}): its template paths, features and forbidden patch fields are assumed to be those of ${OMNI_DEFAULT_VERSION}`,
      ),
    );
  }
  const needsKubectl = cluster.bootstrap.argocd === "omni" && !cluster.bootstrap.kubectlImage;
  if (needsKubectl && !atLeast(kubernetesVersion, "v1.28.0")) {
    problems.push(
      error(
        "omni.kubernetesVersion",
        `${kubernetesVersion} has no registry.k8s.io/kubectl image (published from v1.28), which the Argo CD bootstrap Job applies the root Application with: set bootstrap.kubectlImage`,
      ),
    );
  }
  return problems;
}

/** Rule 26. */
export const rule: Rule = {
  id: "versions",
  number: 26,
  statement:
    "Kubernetes is v1.28 or later unless `bootstrap.kubectlImage` is set; **W** `omni.version` is no newer than the newest Omni Hydrate models",
  prevents: "template rules of the wrong Omni; a bootstrap Job whose image does not exist",
  severity: "error, warning",
  input,
};
