/**
 * Builders a cluster file calls to add its own apps without touching lib/: a
 * Helm chart app, a plain-manifests app, a Git path app, and their routes.
 * They return typed data; the schema checks it again at render time.
 *
 * @module
 */
import type { GitAppInput, HelmAppInput, ManifestsAppInput, RouteInput } from "../model/schema.ts";

/**
 * A route that becomes an HTTPRoute: `<host>.<domain>` on a Gateway's HTTPS
 * listener, to a Service port in the app's namespace.
 *
 * @example
 * ```ts
 * import { route } from "./apps.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(route({ host: "grafana", gateway: "internal", service: "grafana", port: 80 }), {
 *   host: "grafana", gateway: "internal", service: "grafana", port: 80,
 * });
 * ```
 */
export function route(spec: RouteInput): RouteInput {
  return { ...spec };
}

/**
 * An app deployed from a Helm chart at a pinned version; its values are written
 * to `apps/<cluster>/<app>/values.yaml` and read by Argo CD from Git.
 *
 * @example
 * ```ts
 * import { helmApp, route } from "./apps.ts";
 * import assert from "node:assert/strict";
 * const grafana = helmApp({
 *   chart: { repoURL: "https://grafana.github.io/helm-charts", chart: "grafana", version: "10.1.4" },
 *   namespace: "monitoring",
 *   values: { persistence: { enabled: true } },
 *   routes: [route({ host: "grafana", gateway: "internal", service: "grafana", port: 80 })],
 * });
 * assert.equal(grafana.kind, "helm");
 * ```
 */
export function helmApp(spec: Omit<HelmAppInput, "kind">): HelmAppInput {
  return { kind: "helm", ...spec };
}

/**
 * An app of plain manifests given as typed objects (each checked against its upstream schema).
 *
 * @example
 * ```ts
 * import { manifestsApp } from "./apps.ts";
 * import assert from "node:assert/strict";
 * const app = manifestsApp({
 *   namespace: "cert-manager",
 *   resources: [{ apiVersion: "cert-manager.io/v1", kind: "ClusterIssuer", metadata: { name: "ca" }, spec: { ca: { secretName: "ca" } } }],
 * });
 * assert.equal(app.kind, "manifests");
 * ```
 */
export function manifestsApp(spec: Omit<ManifestsAppInput, "kind">): ManifestsAppInput {
  return { kind: "manifests", ...spec };
}

/**
 * An app Argo CD reads from a path of another Git repository.
 *
 * @example
 * ```ts
 * import { gitApp } from "./apps.ts";
 * import assert from "node:assert/strict";
 * const app = gitApp({ repoURL: "https://git.example.com/docs.git", path: "deploy", namespace: "docs" });
 * assert.equal(app.kind, "git");
 * ```
 */
export function gitApp(spec: Omit<GitAppInput, "kind">): GitAppInput {
  return { kind: "git", ...spec };
}
