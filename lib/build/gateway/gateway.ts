/**
 * The Gateways: namespace, pinned addresses, HTTP and HTTPS listeners, TLS
 * termination with a cert-manager issued certificate, and the HTTP to HTTPS redirect.
 *
 * @module
 */
import type { ClusterConfig } from "../../model/schema.ts";
import type { Resource } from "../../model/resource.ts";
import { httpRoute } from "./http_route.ts";

/** The name of the Gateway resource for the `gateways` key `key` (`internal` -> `gateway-internal`). */
export function gatewayName(key: string): string {
  return `gateway-${key}`;
}

/** The listener hostname of a Gateway: its own, or `*.<domain>`. */
export function gatewayHostname(cluster: ClusterConfig, key: string): string {
  return cluster.gateways[key].hostname ?? `*.${cluster.domain}`;
}

/** The name of the TLS Secret a Gateway's HTTPS listener terminates with. */
export function certificateSecret(cluster: ClusterConfig, key: string): string {
  return cluster.gateways[key].certificateSecret ?? `${gatewayName(key)}-tls`;
}

/** The listener names every Gateway has. */
export const LISTENERS = { http: "http", https: "https" } as const;

/** Builds the Namespace the Gateways live in. */
export function namespace(name: string, labels?: Record<string, string>): Resource {
  return { apiVersion: "v1", kind: "Namespace", metadata: { name, labels } };
}

/**
 * Builds the Gateway for the `gateways` key `key`: class `cilium`, its pinned
 * address, HTTP on 80 and HTTPS on 443 for the wildcard hostname, TLS terminated
 * with the certificate cert-manager issues through the annotated issuer.
 */
export function gateway(cluster: ClusterConfig, key: string): Resource {
  const hostname = gatewayHostname(cluster, key);
  const { issuer } = cluster.tls;
  const issuerAnnotation = issuer.kind === "ClusterIssuer"
    ? "cert-manager.io/cluster-issuer"
    : "cert-manager.io/issuer";
  const allowedRoutes = { namespaces: { from: "All" } };
  return {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "Gateway",
    metadata: {
      name: gatewayName(key),
      namespace: cluster.gatewayNamespace,
      annotations: { [issuerAnnotation]: issuer.name },
    },
    spec: {
      gatewayClassName: "cilium",
      addresses: [{ type: "IPAddress", value: cluster.gateways[key].address }],
      listeners: [
        { name: LISTENERS.http, protocol: "HTTP", port: 80, hostname, allowedRoutes },
        {
          name: LISTENERS.https,
          protocol: "HTTPS",
          port: 443,
          hostname,
          tls: {
            mode: "Terminate",
            certificateRefs: [{ kind: "Secret", name: certificateSecret(cluster, key) }],
          },
          allowedRoutes,
        },
      ],
    },
  };
}

/** Builds the HTTPRoute on a Gateway's HTTP listener that redirects every request to HTTPS. */
export function httpsRedirect(cluster: ClusterConfig, key: string): Resource {
  return httpRoute({
    name: `${gatewayName(key)}-https-redirect`,
    namespace: cluster.gatewayNamespace,
    gateway: { name: gatewayName(key), namespace: cluster.gatewayNamespace },
    sectionName: LISTENERS.http,
    hostnames: [gatewayHostname(cluster, key)],
    rules: [{
      filters: [{
        type: "RequestRedirect",
        requestRedirect: { scheme: "https", statusCode: 301 },
      }],
    }],
  });
}
