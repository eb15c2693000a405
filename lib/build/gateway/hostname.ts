/**
 * Gateway API hostname matching between a listener and a route.
 *
 * @module
 */

/**
 * Whether a route hostname is served by a listener hostname, as the Gateway API
 * defines it: a listener without a hostname serves every host; `*.example.com`
 * is a suffix match (`a.example.com`, `a.b.example.com`) that never matches
 * `example.com` itself; a wildcard route matches a listener it intersects.
 *
 * @example
 * ```ts
 * import { hostnameMatches } from "./hostname.ts";
 * import assert from "node:assert/strict";
 * assert.ok(hostnameMatches("*.example.com", "argocd.example.com"));
 * assert.ok(!hostnameMatches("*.example.com", "example.com"));
 * assert.ok(!hostnameMatches("*.internal.example.com", "argocd.example.com"));
 * ```
 */
export function hostnameMatches(listener: string | undefined, route: string): boolean {
  if (listener === undefined) return true;
  const covers = (wildcard: string, host: string) =>
    wildcard.startsWith("*.") && host.endsWith(wildcard.slice(1)) &&
    host.length > wildcard.length - 1;
  if (listener === route) return true;
  return covers(listener, route) || covers(route, listener);
}
