/**
 * Argo CD Applications: the root app-of-apps and one Application per component.
 *
 * @module
 */
import type { Resource } from "../../model/resource.ts";
import type { ApplicationConfig } from "../../model/schema.ts";
import { nonEmpty } from "../../model/json.ts";

/** The in-cluster API server, as Argo CD names it. */
export const IN_CLUSTER = "https://kubernetes.default.svc";

/** The finalizer that makes deleting an Application delete its resources. */
export const RESOURCES_FINALIZER = "resources-finalizer.argocd.argoproj.io";

/** Where Argo CD reads from: a Git path, a Helm chart, or a values-only ref. */
export type Source = Record<string, unknown>;

/** What an Application needs. */
export interface ApplicationOptions {
  name: string;
  /** The namespace Argo CD runs in, where Application objects live. */
  argocdNamespace: string;
  project: string;
  /** The namespace the app's resources go to. */
  destinationNamespace: string;
  /** The sync wave (lower syncs first); left out for the root Application. */
  wave?: number;
  sources: Source[];
  /** Whether deleting the Application deletes its resources (only where that is safe). */
  cascadeDelete: boolean;
  /** Sync options beyond the defaults every Application gets. */
  syncOptions?: string[];
  ignoreDifferences?: Record<string, unknown>[];
  /** Labels of the namespace Argo CD creates for the app. */
  namespaceLabels?: Record<string, string>;
  /** The cluster file's settings of an app's Application, over Hydrate's defaults. */
  settings?: ApplicationConfig;
}

/** The annotation Argo CD reads an Application's compare options from (argo-cd v3.2.0 common/common.go). */
export const COMPARE_OPTIONS = "argocd.argoproj.io/compare-options";

/** The annotation Argo CD reads a sync wave from (gitops-engine pkg/sync/common/types.go). */
export const SYNC_WAVE = "argocd.argoproj.io/sync-wave";

/** The Application's metadata annotations: its settings' own, the wave, the compare options. */
function annotations(options: ApplicationOptions): Record<string, string> | undefined {
  const { settings, wave } = options;
  return nonEmpty({
    ...settings?.annotations,
    ...(wave === undefined ? {} : { [SYNC_WAVE]: String(wave) }),
    ...(settings?.compareOptions.length
      ? { [COMPARE_OPTIONS]: settings.compareOptions.join(",") }
      : {}),
  });
}

/** Automated sync as the settings ask: Hydrate's prune and self-heal unless they say otherwise. */
function automated(settings: ApplicationConfig | undefined) {
  if (settings?.automated === false) return undefined;
  return settings?.automated ?? { prune: true, selfHeal: true };
}

/** The retry: Hydrate's unless the settings state one, or none. */
function retry(settings: ApplicationConfig | undefined) {
  if (settings?.retry === undefined) return RETRY;
  return settings.retry === false ? undefined : settings.retry;
}

/** The sync options every Application of Hydrate's has. */
export const DEFAULT_SYNC_OPTIONS = ["CreateNamespace=true", "ServerSideApply=true"];

/** The retry policy of every Application: bounded, with exponential backoff. */
export const RETRY = { limit: 5, backoff: { duration: "10s", factor: 2, maxDuration: "3m" } };

/**
 * Builds an Application: automated sync with prune and self-heal, server-side
 * apply, bounded retry, its sync wave, and the resources finalizer only when asked.
 *
 * @example
 * ```ts
 * import { application, IN_CLUSTER } from "./application.ts";
 * import assert from "node:assert/strict";
 * const app = application({
 *   name: "gateway", argocdNamespace: "argocd", project: "default", destinationNamespace: "gateway",
 *   wave: 2, cascadeDelete: true,
 *   sources: [{ repoURL: "https://example.com/repo.git", targetRevision: "main", path: "apps/x/gateway" }],
 * });
 * assert.equal(app.metadata.annotations?.["argocd.argoproj.io/sync-wave"], "2");
 * assert.equal((app.spec as { destination: { server: string } }).destination.server, IN_CLUSTER);
 * ```
 */
export function application(options: ApplicationOptions): Resource {
  const single = options.sources.length === 1;
  const { settings } = options;
  const ignored = [...(options.ignoreDifferences ?? []), ...(settings?.ignoreDifferences ?? [])];
  return {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "Application",
    metadata: {
      name: options.name,
      namespace: options.argocdNamespace,
      labels: nonEmpty(settings?.labels ?? {}),
      annotations: annotations(options),
      finalizers: options.cascadeDelete ? [RESOURCES_FINALIZER] : undefined,
    },
    spec: {
      project: options.project,
      source: single ? options.sources[0] : undefined,
      sources: single ? undefined : options.sources,
      destination: { server: IN_CLUSTER, namespace: options.destinationNamespace },
      ignoreDifferences: ignored.length > 0 ? ignored : undefined,
      revisionHistoryLimit: settings?.revisionHistoryLimit,
      syncPolicy: {
        automated: automated(settings),
        managedNamespaceMetadata: options.namespaceLabels
          ? { labels: options.namespaceLabels }
          : undefined,
        syncOptions: [
          ...new Set([
            ...DEFAULT_SYNC_OPTIONS,
            ...(options.syncOptions ?? []),
            ...(settings?.syncOptions ?? []),
          ]),
        ],
        retry: retry(settings),
      },
    },
  };
}

/** A Git directory source. */
export function gitPathSource(
  repoURL: string,
  revision: string,
  path: string,
  exclude?: string,
): Source {
  return {
    repoURL,
    targetRevision: revision,
    path,
    directory: exclude ? { exclude } : undefined,
  };
}

/** The Git source that only provides `$values` to a chart source. */
export function valuesRefSource(repoURL: string, revision: string): Source {
  return { repoURL, targetRevision: revision, ref: "values" };
}

/** A Helm chart source whose values file lives in Git (read through the `$values` ref). */
export function helmSource(
  chart: { repoURL: string; chart: string; version: string },
  releaseName: string,
  valuesPath: string,
): Source {
  return {
    repoURL: chart.repoURL,
    chart: chart.chart,
    targetRevision: chart.version,
    helm: { releaseName, valueFiles: [`$values/${valuesPath}`] },
  };
}
