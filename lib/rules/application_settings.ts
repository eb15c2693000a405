/**
 * Rule 33: an app's Application settings are ones Argo CD reads. Argo CD matches
 * sync and compare options as exact strings and silently ignores any other, so a
 * misspelt or resource-only option would do nothing:
 * - Application sync options: those argo-cd v3.2.0 controller/sync.go reads from
 *   the sync operation (`syncOp.SyncOptions.HasOption`); `Prune=false`,
 *   `Delete=false`, `Force=true` and their kin are read only from a resource's
 *   `argocd.argoproj.io/sync-options` annotation (gitops-engine, at the commit
 *   argo-cd v3.2.0 pins, pkg/sync/sync_context.go).
 * - Compare options: an Application's are `ServerSideDiff=true|false` and
 *   `IncludeMutationWebhook=true` (controller/state.go); `IgnoreExtraneous` is
 *   read from a resource's annotation only.
 * - ignoreDifferences: each JSON pointer becomes a JSON Patch `remove` operation
 *   (util/argo/normalizers/diff_normalizer.go), so it must be an RFC 6901 pointer
 *   below the root; an entry must name something to ignore.
 * - Labels and annotations have Kubernetes' key syntax; the sync wave and the
 *   compare options have fields of their own.
 * - Kustomize build options are not an Application's: Argo CD passes only argocd-cm's
 *   global `kustomize.buildOptions` to `kustomize build` (util/kustomize/kustomize.go
 *   Build), so an app stating `kustomize.enableHelm` needs it to hold `--enable-helm`.
 *
 * @module
 */
import type { ClusterConfig } from "../model/schema.ts";
import { error, type Problem } from "../model/problem.ts";
import { closest } from "../model/similar.ts";
import type { Rule } from "./rule.ts";
import { COMPARE_OPTIONS, SYNC_WAVE } from "../build/argocd/application.ts";
import { ENABLE_HELM, KUSTOMIZE_BUILD_OPTIONS } from "../build/components.ts";

/** The sync options Argo CD v3.2.0 reads from an Application (controller/sync.go). */
export const APP_SYNC_OPTIONS = [
  "ApplyOutOfSyncOnly=true",
  "ClientSideApplyMigration=false",
  "CreateNamespace=true",
  "FailOnSharedResource=true",
  "PruneLast=true",
  "PrunePropagationPolicy=background",
  "PrunePropagationPolicy=foreground",
  "PrunePropagationPolicy=orphan",
  "Replace=true",
  "RespectIgnoreDifferences=true",
  "ServerSideApply=true",
  "SkipDryRunOnMissingResource=true",
  "Validate=false",
] as const;

/** Sync options read only from a resource's annotation (gitops-engine sync_context.go). */
const RESOURCE_SYNC_OPTIONS = [
  "Prune=false",
  "Prune=confirm",
  "Delete=false",
  "Delete=confirm",
  "Force=true",
  "Replace=false",
  "ServerSideApply=false",
  "ApplyOutOfSyncOnly=false",
];

/** The compare options Argo CD v3.2.0 reads from an Application (controller/state.go). */
export const APP_COMPARE_OPTIONS = [
  "IncludeMutationWebhook=true",
  "ServerSideDiff=false",
  "ServerSideDiff=true",
] as const;

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Why `key` is not a Kubernetes label or annotation key (`prefix/name`), or `undefined`. */
function badKey(key: string): string | undefined {
  const parts = key.split("/");
  const name = parts.at(-1)!;
  const prefix = parts.length === 2 ? parts[0] : undefined;
  if (parts.length > 2 || !NAME.test(name)) {
    return "is not a Kubernetes key (an optional DNS prefix and '/', then at most 63 letters, digits, '-', '_' or '.')";
  }
  if (prefix !== undefined && (prefix.length > 253 || !PREFIX.test(prefix))) {
    return "has a prefix that is not a DNS subdomain";
  }
  return undefined;
}

/** Why `pointer` is not an RFC 6901 JSON pointer below the document's root, or `undefined`. */
export function badPointer(pointer: string): string | undefined {
  if (!pointer.startsWith("/")) {
    return "must start with '/' (an RFC 6901 pointer such as /spec/replicas; Argo CD removes it with a JSON Patch)";
  }
  if (/~(?![01])/.test(pointer)) {
    return "has a '~' not followed by 0 or 1 (RFC 6901 escapes ~0 and ~1)";
  }
  return undefined;
}

function option(
  path: string,
  value: string,
  known: readonly string[],
  resourceOnly: readonly string[],
): Problem | undefined {
  if (known.includes(value)) return undefined;
  if (resourceOnly.includes(value)) {
    return error(
      path,
      `${value} is read only from a resource's annotation, never from an Application: set it on the resources it is for`,
    );
  }
  const near = closest(value, known);
  return error(
    path,
    `${value} is not an option Argo CD reads from an Application (it would be ignored)${
      near ? `; did you mean ${near}?` : ""
    }`,
  );
}

type Settings = ClusterConfig["apps"][string]["application"];

/** The sync and compare options: ones Argo CD reads from an Application, each stated once. */
function optionProblems(at: string, settings: Settings): Problem[] {
  const problems = [
    ...settings.syncOptions.map((value, i) =>
      option(`${at}.syncOptions[${i}]`, value, APP_SYNC_OPTIONS, RESOURCE_SYNC_OPTIONS)
    ),
    ...settings.compareOptions.map((value, i) =>
      option(`${at}.compareOptions[${i}]`, value, APP_COMPARE_OPTIONS, ["IgnoreExtraneous"])
    ),
  ].filter((problem): problem is Problem => problem !== undefined);
  const policies = settings.syncOptions.filter((value) => value.startsWith("PrunePropagation"));
  if (new Set(policies).size > 1) {
    problems.push(
      error(`${at}.syncOptions`, `${policies.join(", ")}: at most one prune propagation policy`),
    );
  }
  if (settings.compareOptions.filter((value) => value.startsWith("ServerSideDiff")).length > 1) {
    problems.push(error(`${at}.compareOptions`, "ServerSideDiff is stated twice: keep one"));
  }
  return problems;
}

/** Each ignoreDifferences entry names something to ignore, by well-formed JSON pointers. */
function ignoreProblems(at: string, settings: Settings): Problem[] {
  return settings.ignoreDifferences.flatMap((entry, i) => {
    const problems: Problem[] = [];
    const what = [entry.jsonPointers, entry.jqPathExpressions, entry.managedFieldsManagers];
    if (what.every((list) => !list || list.length === 0)) {
      problems.push(
        error(
          `${at}.ignoreDifferences[${i}]`,
          `${entry.kind}: names nothing to ignore (jsonPointers, jqPathExpressions or managedFieldsManagers)`,
        ),
      );
    }
    (entry.jsonPointers ?? []).forEach((pointer, j) => {
      const why = badPointer(pointer);
      if (why) {
        problems.push(
          error(`${at}.ignoreDifferences[${i}].jsonPointers[${j}]`, `${pointer} ${why}`),
        );
      }
    });
    return problems;
  });
}

/** Labels and annotations: Kubernetes keys, and none Hydrate sets from a field. */
function metadataProblems(at: string, settings: Settings): Problem[] {
  const problems: Problem[] = [];
  for (
    const [field, record] of [["labels", settings.labels], ["annotations", settings.annotations]]
  ) {
    for (const key of Object.keys(record as Record<string, string>)) {
      const why = badKey(key);
      if (why) problems.push(error(`${at}.${field}.${key}`, `${key} ${why}`));
    }
  }
  const owned = [
    [SYNC_WAVE, "wave"],
    [COMPARE_OPTIONS, "compareOptions"],
  ];
  for (const [key, field] of owned) {
    if (key in settings.annotations) {
      problems.push(
        error(`${at}.annotations.${key}`, `is set by Hydrate: state application.${field} instead`),
      );
    }
  }
  return problems;
}

/**
 * An app whose kustomization inflates Helm charts needs `--enable-helm` in the argocd-cm
 * of the Argo CD this cluster installs (Hydrate sets it; a value override must keep it).
 */
function buildOptionProblems(cluster: ClusterConfig): Problem[] {
  const first = Object.entries(cluster.apps).find(([, app]) =>
    app.kind === "git" && app.kustomize?.enableHelm === true
  );
  if (first === undefined) return [];
  const argocd = Object.entries(cluster.apps).find(([, app]) =>
    app.kind === "helm" && app.chart.chart === "argo-cd"
  );
  if (argocd === undefined) {
    return [
      error(
        `apps.${first[0]}.kustomize.enableHelm`,
        `no app installs Argo CD (chart argo-cd), so Hydrate cannot set ${KUSTOMIZE_BUILD_OPTIONS}: ${ENABLE_HELM} in its argocd-cm`,
      ),
    ];
  }
  const [name, app] = argocd;
  const cm = (app.kind === "helm" ? app.values : {}).configs as
    | { cm?: Record<string, unknown> }
    | undefined;
  const stated = cm?.cm?.[KUSTOMIZE_BUILD_OPTIONS];
  if (stated === undefined || String(stated).split(/\s+/).includes(ENABLE_HELM)) return [];
  return [
    error(
      `apps.${name}.values.configs.cm.${KUSTOMIZE_BUILD_OPTIONS}`,
      `${stated} lacks ${ENABLE_HELM}, which apps.${
        first[0]
      } needs (kustomize.enableHelm): Argo CD passes only this option to kustomize build`,
    ),
  ];
}

function input(cluster: ClusterConfig): Problem[] {
  return [
    ...Object.entries(cluster.apps).flatMap(([name, app]) => {
      const at = `apps.${name}.application`;
      return [
        ...optionProblems(at, app.application),
        ...ignoreProblems(at, app.application),
        ...metadataProblems(at, app.application),
      ];
    }),
    ...buildOptionProblems(cluster),
  ];
}

/** Rule 33. */
export const rule: Rule = {
  id: "application-settings",
  number: 33,
  statement:
    "an app's `application` settings are ones Argo CD reads from an Application: known sync and compare options, RFC 6901 ignoreDifferences pointers, Kubernetes label and annotation keys; `kustomize.enableHelm` keeps `--enable-helm` in the Argo CD app's argocd-cm",
  prevents:
    "a sync or compare option Argo CD silently ignores, an ignoreDifferences entry that fails or ignores nothing",
  severity: "error",
  upstream:
    "argoproj/argo-cd v3.2.0 controller/sync.go, controller/state.go, util/argo/normalizers/diff_normalizer.go, util/kustomize/kustomize.go; argoproj/gitops-engine pkg/sync/sync_context.go (b89b0871b414)",
  input,
};
