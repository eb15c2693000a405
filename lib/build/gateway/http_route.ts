/**
 * HTTPRoutes.
 *
 * @module
 */
import type { Resource } from "../../model/resource.ts";

/** What an HTTPRoute needs: where it lives, its parent listener, hostnames and rules. */
export interface HttpRouteOptions {
  name: string;
  namespace: string;
  gateway: { name: string; namespace: string };
  /** The listener of the Gateway the route attaches to. */
  sectionName: string;
  hostnames: string[];
  rules: Record<string, unknown>[];
}

/**
 * Builds an HTTPRoute.
 *
 * @example
 * ```ts
 * import { httpRoute, backendRule } from "./http_route.ts";
 * import assert from "node:assert/strict";
 * const route = httpRoute({
 *   name: "argocd",
 *   namespace: "argocd",
 *   gateway: { name: "gateway-internal", namespace: "gateway" },
 *   sectionName: "https",
 *   hostnames: ["argocd.vanillax.me"],
 *   rules: [backendRule("argocd-server", 80)],
 * });
 * assert.equal(route.kind, "HTTPRoute");
 * ```
 */
export function httpRoute(options: HttpRouteOptions): Resource {
  return {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "HTTPRoute",
    metadata: { name: options.name, namespace: options.namespace },
    spec: {
      parentRefs: [{
        name: options.gateway.name,
        namespace: options.gateway.namespace,
        sectionName: options.sectionName,
      }],
      hostnames: options.hostnames,
      rules: options.rules,
    },
  };
}

/** A rule that sends every path under `path` (default `/`) to one Service port. */
export function backendRule(service: string, port: number, path = "/"): Record<string, unknown> {
  return {
    matches: [{ path: { type: "PathPrefix", value: path } }],
    backendRefs: [{ name: service, port }],
  };
}
