/**
 * Hydrate: typed GitOps rendering for Talos + Omni + Cilium + Argo CD clusters.
 *
 * A cluster is one typed data file (see `clusters/homelab.ts`); {@link renderCluster}
 * turns it into every file the cluster needs, or into every problem that stops it.
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
export * from "./lib/model/schema.ts";
export * from "./lib/model/net.ts";
export * from "./lib/model/merge.ts";
export * from "./lib/model/define.ts";
export * from "./lib/build/apps.ts";
export * from "./lib/build/catalog/mod.ts";
export * from "./lib/model/problem.ts";
export * from "./lib/model/parse.ts";
export * from "./lib/model/resource.ts";
export * from "./lib/output/emit.ts";
export * from "./lib/build/components.ts";
export * from "./lib/render.ts";
export * from "./lib/output/write.ts";
export * from "./lib/build/cilium/values.ts";
export * from "./lib/build/cilium/lb.ts";
export * from "./lib/build/gateway/gateway.ts";
export * from "./lib/build/gateway/http_route.ts";
export * from "./lib/build/argocd/application.ts";
export * from "./lib/build/omni/patches.ts";
export * from "./lib/build/omni/template.ts";
export * from "./lib/model/duration.ts";
export * from "./lib/build/gateway/hostname.ts";
export * from "./lib/output/diff.ts";
export * from "./lib/output/diff_format.ts";
export * from "./lib/output/scaffold.ts";
export * from "./lib/build/docs/network.ts";
