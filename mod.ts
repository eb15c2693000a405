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
export * from "./lib/schema.ts";
export * from "./lib/net.ts";
export * from "./lib/merge.ts";
export * from "./lib/define.ts";
export * from "./lib/apps.ts";
export * from "./lib/catalog/mod.ts";
export * from "./lib/problem.ts";
export * from "./lib/parse.ts";
export * from "./lib/validate.ts";
export * from "./lib/resource.ts";
export * from "./lib/emit.ts";
export * from "./lib/components.ts";
export * from "./lib/render.ts";
export * from "./lib/write.ts";
export * from "./lib/cilium/values.ts";
export * from "./lib/cilium/lb.ts";
export * from "./lib/gateway/gateway.ts";
export * from "./lib/gateway/http_route.ts";
export * from "./lib/argocd/application.ts";
export * from "./lib/omni/patches.ts";
export * from "./lib/omni/template.ts";
export * from "./lib/check_build.ts";
export * from "./lib/duration.ts";
export * from "./lib/gateway/hostname.ts";
export * from "./lib/diff.ts";
export * from "./lib/diff_format.ts";
export * from "./lib/scaffold.ts";
export * from "./lib/docs/network.ts";
