/**
 * Rule 30: every custom resource passes the CRD of the version the cluster
 * installs, as the API server checks a create (kubernetes v1.34,
 * apiextensions-apiserver v0.34.0 `pkg/apiserver/customresource_handler.go`:
 * prune, then default, then validate): defaults applied, types, enums, patterns,
 * bounds and list types, then every `x-kubernetes-validations` rule evaluated
 * with a CEL engine (`pkg/apiserver/schema/cel/validation.go`), under the API
 * server's cost limits (apiserver v0.34.0 `pkg/apis/cel/config.go`; a rule past
 * them is the CRD's fault: the problem names its vendored file). A field the
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
import {
  type CrdVersion,
  crdVersions,
  crdViolations,
  untemplated,
} from "../model/upstream/crds.ts";
import type { Violation } from "../model/upstream/structural.ts";
import type { Upstream } from "../model/upstream/vendor.ts";
import { isBuiltinGroup } from "../model/resource.ts";
import { CILIUM_CRDS } from "../build/vendor_plan.ts";
import { pinnedArtifacts, usableArtifacts } from "./_upstream.ts";
import type { Rule } from "./rule.ts";

/**
 * The vendored file that holds a CRD (`vendor/crds/url/<digest>/widgets.yaml`): looked for
 * only when one of its rules is at fault, among the files the lock lists for its folder.
 */
function crdFile(upstream: Upstream, crd: CrdVersion): string {
  const locked = typeof upstream.lock === "string"
    ? undefined
    : upstream.lock.artifacts[crd.source];
  const names = Object.keys(locked?.files ?? {}).filter((name) => /\.ya?ml$/.test(name)).sort();
  for (const name of names) {
    const text = upstream.files.read(`${crd.source}/${name}`) ?? "";
    try {
      const versions = crdVersions(
        [crd.source.startsWith("charts/") ? untemplated(text) : text],
        crd.source,
      );
      if (versions.some((v) => v.apiVersion === crd.apiVersion && v.kind === crd.kind)) {
        return `vendor/${crd.source}/${name}`;
      }
    } catch {
      // not this file: it does not parse
    }
  }
  return `vendor/${crd.source}`;
}

/**
 * A rule of the CRD past the API server's CEL cost limits: the CRD's fault, so the problem
 * names its vendored file (printed in place of the cluster file), the rule, and the object
 * it was checking, whose render is refused all the same (the API server would refuse it).
 */
function ruleOverLimit(
  upstream: Upstream,
  crd: CrdVersion,
  violation: Violation,
  object: string,
): Problem {
  return {
    ...error(
      `${crd.kind} ${crd.apiVersion} x-kubernetes-validations at ${violation.path}`,
      `${violation.message}; found checking ${object}. The rule is the CRD's: vendor a version of it whose rule is bounded (maxItems, maxLength), or stop using the kind`,
    ),
    layer: crdFile(upstream, crd),
  };
}

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
      problems.push(
        violation.ofSchema
          ? ruleOverLimit(
            upstream,
            crd,
            violation,
            `${resource.kind} ${resource.metadata.name} (${path})`,
          )
          : error(
            path,
            `${resource.kind} ${resource.metadata.name}: ${violation.path} ${violation.message} (CRD ${key}, ${crd.source})`,
          ),
      );
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
