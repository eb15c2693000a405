/**
 * The cert-manager issuer of the Gateways' certificates: the ACME issuer Hydrate
 * renders from the cluster's data, and where an issuer comes from otherwise.
 * Field names follow cert-manager v1.19.1 pkg/apis/acme/v1/types_issuer.go.
 *
 * @module
 */
import type { AppConfig, ClusterConfig } from "../../model/schema.ts";
import type { Resource } from "../../model/resource.ts";
import { gatewayName, LISTENERS } from "../gateway/gateway.ts";

/** The chart that makes an app cert-manager. */
export const CERT_MANAGER_CHART = "cert-manager";

/** The component that holds an issuer Hydrate renders. */
export const TLS_ISSUER_COMPONENT = "tls-issuer";

/** Where a cluster's issuer comes from. */
export type IssuerSource =
  | { from: "acme" }
  | { from: "app"; app: string }
  | { from: "external"; where: string }
  | { from: "nowhere" };

/** The app of the cluster that runs cert-manager from its chart, if any. */
export function certManagerApp(
  cluster: ClusterConfig,
): { name: string; app: AppConfig } | undefined {
  const found = Object.entries(cluster.apps).find(([, app]) =>
    app.kind === "helm" && app.chart.chart === CERT_MANAGER_CHART
  );
  return found && { name: found[0], app: found[1] };
}

/** The apps that render a resource of the issuer's kind and name. */
export function appsRenderingIssuer(cluster: ClusterConfig): string[] {
  const { kind, name } = cluster.tls.issuer;
  return Object.entries(cluster.apps).filter(([, app]) =>
    app.kind !== "git" &&
    app.resources.some((r) => r.kind === kind && r.metadata.name === name)
  ).map(([app]) => app);
}

/** Where the issuer comes from: Hydrate's ACME issuer, an app, a place outside the repository, or nowhere. */
export function issuerSource(cluster: ClusterConfig): IssuerSource {
  const { issuer } = cluster.tls;
  if (issuer.acme) return { from: "acme" };
  const apps = appsRenderingIssuer(cluster);
  if (apps.length > 0) return { from: "app", app: apps[0] };
  if (issuer.external) return { from: "external", where: issuer.external };
  return { from: "nowhere" };
}

/** The namespace cert-manager reads a ClusterIssuer's Secrets from: its own (the cluster resource namespace). */
export function issuerSecretNamespace(cluster: ClusterConfig): string {
  if (cluster.tls.issuer.kind === "Issuer") return cluster.gatewayNamespace;
  return certManagerApp(cluster)?.app.namespace ?? "cert-manager";
}

/** The Secrets an ACME issuer reads its DNS provider's credentials from, by name and key. */
export function dnsCredentials(cluster: ClusterConfig): { name: string; key: string }[] {
  const dns01 = cluster.tls.issuer.acme?.solver.dns01;
  if (!dns01) return [];
  return [
    dns01.cloudflare?.apiTokenSecretRef,
    dns01.route53?.accessKeyIDSecretRef,
    dns01.route53?.secretAccessKeySecretRef,
    dns01.digitalocean?.tokenSecretRef,
    dns01.rfc2136?.tsigSecretSecretRef,
  ].filter((ref) => ref !== undefined);
}

/**
 * Builds the ACME issuer of the cluster file's `tls.issuer.acme`: the account
 * (server, e-mail, the Secret of its key) and one solver, DNS-01 with the
 * provider's credentials by Secret reference, or HTTP-01 through a Gateway's
 * HTTP listener.
 *
 * @example
 * ```ts
 * import { acmeIssuer } from "./issuer.ts";
 * import { parseCluster } from "../../model/parse.ts";
 * import homelab from "../../../clusters/homelab.ts";
 * import assert from "node:assert/strict";
 * const parsed = parseCluster({
 *   ...homelab,
 *   tls: { issuer: { name: "letsencrypt-prod", acme: {
 *     email: "ops@example.com",
 *     solver: { dns01: { cloudflare: { apiTokenSecretRef: { name: "cloudflare", key: "token" } } } },
 *   } } },
 * });
 * assert.ok(parsed.ok);
 * const issuer = acmeIssuer(parsed.cluster)!;
 * assert.equal(issuer.kind, "ClusterIssuer");
 * ```
 */
export function acmeIssuer(cluster: ClusterConfig): Resource | undefined {
  const { issuer } = cluster.tls;
  const acme = issuer.acme;
  if (!acme) return undefined;
  const { dns01, http01 } = acme.solver;
  const solver = dns01 ? { dns01 } : {
    http01: {
      gatewayHTTPRoute: {
        parentRefs: [{
          kind: "Gateway",
          name: gatewayName(http01!.gateway),
          namespace: cluster.gatewayNamespace,
          sectionName: LISTENERS.http,
        }],
      },
    },
  };
  return {
    apiVersion: "cert-manager.io/v1",
    kind: issuer.kind,
    metadata: {
      name: issuer.name,
      namespace: issuer.kind === "Issuer" ? cluster.gatewayNamespace : undefined,
    },
    spec: {
      acme: {
        server: acme.server,
        email: acme.email,
        privateKeySecretRef: { name: acme.privateKeySecret ?? `${issuer.name}-account-key` },
        solvers: [solver],
      },
    },
  };
}

/** The DNS provider an ACME issuer's DNS-01 solver uses, if any. */
function dnsProvider(cluster: ClusterConfig): string | undefined {
  const dns01 = cluster.tls.issuer.acme?.solver.dns01;
  return dns01
    ? Object.keys(dns01).find((key) => (dns01 as Record<string, unknown>)[key])
    : undefined;
}

/**
 * Where the issuer comes from, in words (the network document and the bootstrap steps).
 *
 * @example
 * ```ts
 * import { issuerDescription } from "./issuer.ts";
 * import { parseCluster } from "../../model/parse.ts";
 * import homelab from "../../../clusters/homelab.ts";
 * import assert from "node:assert/strict";
 * const parsed = parseCluster(homelab);
 * assert.ok(parsed.ok);
 * assert.match(issuerDescription(parsed.cluster), /^not in this repository: /);
 * ```
 */
export function issuerDescription(cluster: ClusterConfig): string {
  const source = issuerSource(cluster);
  const acme = cluster.tls.issuer.acme;
  switch (source.from) {
    case "acme": {
      const provider = dnsProvider(cluster);
      const how = provider
        ? `DNS-01 through ${provider}`
        : `HTTP-01 through ${gatewayName(acme!.solver.http01!.gateway)}'s HTTP listener`;
      return `rendered by Hydrate (component ${TLS_ISSUER_COMPONENT}): ACME account ${
        acme!.email
      } at ${acme!.server}, ${how}`;
    }
    case "app":
      return `rendered by the app ${source.app}`;
    case "external":
      return `not in this repository: ${source.where}`;
    case "nowhere":
      return "nowhere (refused)";
  }
}
