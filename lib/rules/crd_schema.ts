/**
 * Rule 30: every custom resource passes the CRD of the version the cluster
 * installs, as the API server checks a create (kubernetes v1.34,
 * apiextensions-apiserver v0.34.0 `pkg/apiserver/customresource_handler.go`:
 * prune, then default, then validate): defaults applied, types, enums, patterns,
 * bounds and list types, then every `x-kubernetes-validations` rule evaluated
 * with a CEL engine (`pkg/apiserver/schema/cel/validation.go`). A field the
 * structural schema does not declare is refused here, though the API server
 * only drops it under the field validation Argo CD v3.2.0 syncs with (none set:
 * the server's "Warn"; gitops-engine `pkg/utils/kube/resource_ops.go`), and the
 * Application then never stops being OutOfSync; with `ServerSideApply=true` the
 * sync fails. Either way the field does nothing. The CRDs are the vendored ones:
 * Gateway API at the release Talos installs, Cilium's at the chart's version,
 * those of every chart the cluster installs (Argo CD's, cert-manager's, ...)
 * and those the cluster file names by URL. A kind outside Kubernetes' own API
 * groups whose CRD none of them brings is refused, with how to vendor it.
 *
 * @module
 */
import { type Build, checkedResources } from "../model/build.ts";
import { error, type Problem } from "../model/problem.ts";
import { crdViolations } from "../model/upstream/crds.ts";
import type { Upstream } from "../model/upstream/vendor.ts";
import { isBuiltinGroup } from "../model/resource.ts";
import { CILIUM_CRDS } from "../build/vendor_plan.ts";
import { pinnedArtifacts, usableArtifacts } from "./_upstream.ts";
import type { Rule } from "./rule.ts";

function pinned(build: Build, upstream: Upstream): Problem[] {
  const artifacts = usableArtifacts(build, upstream);
  // With a pinned artifact missing, rule `vendored` has said what to do; a kind it would serve is not "unknown".
  const complete = artifacts.length === pinnedArtifacts(build).length;
  const crds = upstream.crds(artifacts.map((artifact) => artifact.dir));
  const problems: Problem[] = [];
  for (const { path, resource } of checkedResources(build)) {
    const key = `${resource.apiVersion}/${resource.kind}`;
    const crd = crds.get(key);
    if (!crd) {
      if (isBuiltinGroup(resource.apiVersion) || !complete) continue; // rule upstream-schema
      const cilium = resource.apiVersion.startsWith("cilium.io/")
        ? `Cilium installs it, but Hydrate vendors only its ${CILIUM_CRDS.length} CRDs that the checks read: name the URL of its CRD (pkg/k8s/apis/cilium.io/client/crds/ at Cilium's tag) in \`crds\``
        : undefined;
      problems.push(error(
        path,
        `no vendored CRD serves ${resource.apiVersion} ${resource.kind}: ${
          cilium ?? "install it with a chart the cluster pins, or name the URL of its CRD in `crds`"
        }, then run \`deno task vendor\``,
      ));
      continue;
    }
    for (const violation of crdViolations(crd, resource)) {
      problems.push(error(
        path,
        `${resource.kind} ${resource.metadata.name}: ${violation.path} ${violation.message} (CRD ${key}, ${crd.source})`,
      ));
    }
  }
  return problems;
}

/** Rule 30. */
export const rule: Rule = {
  id: "crd-schema",
  number: 30,
  statement:
    "every custom resource passes the vendored CRD of the installed version: structural schema with defaults, no unknown field, every CEL rule",
  prevents:
    "the API server refuses it at sync, or drops a field (Argo CD then shows it OutOfSync for good)",
  severity: "error",
  upstream:
    "apiextensions-apiserver v0.34.0 pkg/apiserver/customresource_handler.go, schema/{pruning,defaulting,cel}; apiserver v0.34.0 pkg/cel/escaping.go; gitops-engine b89b0871 pkg/utils/kube/resource_ops.go; the vendored CRDs",
  pinned,
};
