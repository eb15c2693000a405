/**
 * Hydrate: typed GitOps rendering for Talos + Omni + Cilium + Argo CD clusters.
 *
 * A cluster is one typed data file (see `clusters/homelab.ts`) that extends
 * shared layers with {@link defineCluster}; its apps come from the catalog
 * ({@link argocd}, {@link longhorn}, {@link certManager}) or the builders
 * ({@link helmApp}, {@link manifestsApp}, {@link gitApp}, {@link route}).
 * {@link renderCluster} turns it into every file the cluster needs, or into
 * every problem that stops it. Everything else under `lib/` is internal and
 * importable by path.
 *
 * @example
 * ```ts
 * import { renderCluster } from "./mod.ts";
 * import homelab from "./clusters/homelab.ts";
 * import assert from "node:assert/strict";
 * const { files, problems } = renderCluster(homelab, "clusters/homelab.ts");
 * assert.equal(problems.length, 0);
 * assert.ok(files.length > 0);
 * ```
 *
 * @module
 */
export { type ClusterLayer, defineCluster } from "./lib/model/define.ts";
export {
  APPEND,
  type Append,
  append,
  type Override,
  type PlainObject,
  REMOVE,
  type Remove,
  remove,
} from "./lib/model/merge.ts";
export type * from "./lib/model/input.ts";
export { gitApp, helmApp, manifestsApp, route } from "./lib/build/apps.ts";
export {
  externalSecret,
  type ExternalSecretSpec,
  type RemoteRef,
  sealedSecret,
  type SealedSecretSpec,
} from "./lib/build/secrets.ts";
export { argocd, certManager, longhorn } from "./lib/build/catalog/mod.ts";
export { renderCluster, type RenderResult } from "./lib/render.ts";
export type { PlannedFile } from "./lib/model/build.ts";
export type { RepositoryContext } from "./lib/model/repository.ts";
export { formatProblem, type Problem } from "./lib/model/problem.ts";
export type { VendorFiles } from "./lib/model/upstream/vendor.ts";
