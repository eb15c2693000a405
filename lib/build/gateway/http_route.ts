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

/** What one rule of a route does: match a path, then a backend, a redirect or a rewrite. */
export interface RouteRule {
  path: string;
  match: "PathPrefix" | "Exact";
  service?: string;
  port?: number;
  redirect?: {
    scheme?: string;
    hostname?: string;
    path?: string;
    port?: number;
    statusCode: number;
  };
  rewrite?: { hostname?: string; path?: string };
}

/**
 * A rule of an HTTPRoute: its path match, then a RequestRedirect filter (and no
 * backend), or an optional URLRewrite filter and the backend. A rewritten path
 * replaces the matched prefix of a `PathPrefix` match, the whole path of an
 * `Exact` one (Gateway API v1.3.0: ReplacePrefixMatch only with a PathPrefix match).
 *
 * @example
 * ```ts
 * import { routeRule } from "./http_route.ts";
 * import assert from "node:assert/strict";
 * const rule = routeRule({ path: "/old", match: "Exact", redirect: { path: "/new", statusCode: 301 } });
 * assert.deepEqual(rule.filters, [{
 *   type: "RequestRedirect",
 *   requestRedirect: { path: { type: "ReplaceFullPath", replaceFullPath: "/new" }, statusCode: 301 },
 * }]);
 * ```
 */
export function routeRule(rule: RouteRule): Record<string, unknown> {
  const matches = [{ path: { type: rule.match, value: rule.path } }];
  if (rule.redirect) {
    const { path, ...rest } = rule.redirect;
    const requestRedirect = {
      ...rest,
      ...(path === undefined ? {} : { path: { type: "ReplaceFullPath", replaceFullPath: path } }),
    };
    return { matches, filters: [{ type: "RequestRedirect", requestRedirect }] };
  }
  const rewrite = rule.rewrite;
  const urlRewrite = rewrite && {
    hostname: rewrite.hostname,
    path: rewrite.path === undefined
      ? undefined
      : rule.match === "PathPrefix"
      ? { type: "ReplacePrefixMatch", replacePrefixMatch: rewrite.path }
      : { type: "ReplaceFullPath", replaceFullPath: rewrite.path },
  };
  return {
    matches,
    filters: urlRewrite ? [{ type: "URLRewrite", urlRewrite }] : undefined,
    backendRefs: [{ name: rule.service, port: rule.port }],
  };
}

/** A rule that sends every path under `path` (default `/`) to one Service port. */
export function backendRule(service: string, port: number, path = "/"): Record<string, unknown> {
  return {
    matches: [{ path: { type: "PathPrefix", value: path } }],
    backendRefs: [{ name: service, port }],
  };
}
