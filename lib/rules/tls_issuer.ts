/**
 * Rule 19: the Gateways' issuer comes from somewhere (Hydrate's ACME issuer, an
 * app, or a stated place outside the repository) and can issue every Gateway's
 * hostname. HTTP-01 cannot issue a wildcard (cert-manager v1.19.1
 * pkg/apis/acme/v1/types_issuer.go, ACMEChallengeSolver http01: "It is not possible
 * to obtain certificates for wildcard domain names"); an `Issuer` serves only its
 * own namespace (cert-manager's Gateway shim looks it up in the Gateway's).
 *
 * @module
 */
import type { ClusterConfig } from "../model/schema.ts";
import type { Build } from "../model/build.ts";
import { error, type Problem } from "../model/problem.ts";
import { valueAt } from "../model/json.ts";
import { gatewayHostname, gatewayName } from "../build/gateway/gateway.ts";
import { hostnameMatches } from "../build/gateway/hostname.ts";
import { appsRenderingIssuer, certManagerApp } from "../build/tls/issuer.ts";
import type { Rule } from "./rule.ts";
import { type Json, kindOf, listenersOf } from "./_helpers.ts";

/** The issuer comes from exactly one place. */
function provenance(cluster: ClusterConfig): Problem[] {
  const problems: Problem[] = [];
  const { issuer } = cluster.tls;
  const apps = appsRenderingIssuer(cluster);
  const what = `${issuer.kind} ${issuer.name}`;
  const dropExternal = "keep one (in a cluster that extends a layer, `external: remove()`)";
  if (issuer.acme && issuer.external) {
    problems.push(
      error(
        "tls.issuer.external",
        `is set beside tls.issuer.acme: Hydrate renders ${what}; ${dropExternal}`,
      ),
    );
  }
  if (!issuer.acme && apps.length > 0 && issuer.external) {
    problems.push(
      error("tls.issuer.external", `is set, but apps.${apps[0]} renders ${what}; ${dropExternal}`),
    );
  }
  if (issuer.acme && apps.length > 0) {
    problems.push(
      error(
        "tls.issuer.acme",
        `renders ${what}, which apps.${apps[0]} renders too; keep one of them`,
      ),
    );
  }
  if (issuer.acme && !certManagerApp(cluster)) {
    problems.push(
      error(
        "tls.issuer.acme",
        `renders ${what}, a cert-manager resource, but no app runs the cert-manager chart (add certManager() to apps)`,
      ),
    );
  }
  if (!issuer.acme && apps.length === 0 && !issuer.external) {
    problems.push(
      error(
        "tls.issuer",
        `${what} is rendered by no app and has no acme settings: without it no Gateway gets a certificate and no HTTPS listener is programmed; add tls.issuer.acme, an app that renders it, or tls.issuer.external saying where it is created`,
      ),
    );
  }
  return problems;
}

/** An HTTP-01 solver answers for every Gateway's hostname, through a Gateway that exists. */
function solver(cluster: ClusterConfig): Problem[] {
  const problems: Problem[] = [];
  const { issuer } = cluster.tls;
  const http01 = issuer.acme?.solver.http01;
  if (http01 && !(http01.gateway in cluster.gateways)) {
    problems.push(
      error(
        "tls.issuer.acme.solver.http01.gateway",
        `${http01.gateway} is not a Gateway of this cluster (gateways: ${
          Object.keys(cluster.gateways).join(", ")
        })`,
      ),
    );
  }
  const solverHost = http01 && http01.gateway in cluster.gateways
    ? gatewayHostname(cluster, http01.gateway)
    : undefined;
  for (const key of Object.keys(cluster.gateways)) {
    const hostname = gatewayHostname(cluster, key);
    if (solverHost && !hostname.startsWith("*.") && !hostnameMatches(solverHost, hostname)) {
      problems.push(
        error(
          "tls.issuer.acme.solver.http01.gateway",
          `${
            http01!.gateway
          } answers HTTP-01 challenges only for ${solverHost}, so the challenge of ${hostname} (${
            gatewayName(key)
          }) would never be routed`,
        ),
      );
    }
    if (http01 && hostname.startsWith("*.")) {
      problems.push(
        error(
          "tls.issuer.acme.solver.http01",
          `cannot issue ${hostname}, the certificate of ${
            gatewayName(key)
          }: ACME issues a wildcard only through DNS-01 (use solver.dns01, or give the Gateway a hostname without *)`,
        ),
      );
    }
  }
  return problems;
}

/**
 * Let's Encrypt refuses an account whose contact is at example.com, .net or .org
 * (letsencrypt/boulder v0.20260804.0 policy/pa.go, ValidEmail: "contact email has
 * forbidden domain"): cert-manager could never register it.
 */
function account(cluster: ClusterConfig): Problem[] {
  const acme = cluster.tls.issuer.acme;
  if (!acme || !/(^|\.)api\.letsencrypt\.org$/.test(new URL(acme.server).hostname)) return [];
  const domain = acme.email.split("@").at(-1)!.toLowerCase();
  if (!["example.com", "example.net", "example.org"].includes(domain)) return [];
  return [
    error(
      "tls.issuer.acme.email",
      `${acme.email}: Let's Encrypt refuses an account whose contact is at ${domain} (an example domain), so no certificate would ever be issued; state the address that should get its expiry mail`,
    ),
  ];
}

function input(cluster: ClusterConfig): Problem[] {
  return [...provenance(cluster), ...account(cluster), ...solver(cluster)];
}

function built(build: Build): Problem[] {
  const problems: Problem[] = [];
  const { kind, name } = build.cluster.tls.issuer;
  const found = build.resources.find(({ resource }) =>
    resource.kind === kind && resource.metadata.name === name &&
    resource.apiVersion.startsWith("cert-manager.io/")
  );
  if (!found) return problems;
  const acme = valueAt(found.resource.spec, ["acme"]) as { solvers?: Json[] } | undefined;
  const dns01 = (acme?.solvers ?? []).some((solver) => solver.dns01 !== undefined);
  for (const { path, resource } of kindOf(build, "Gateway")) {
    if (kind === "Issuer" && resource.metadata.namespace !== found.resource.metadata.namespace) {
      problems.push(
        error(
          path,
          `names Issuer ${name} of namespace ${found.resource.metadata.namespace}, but an Issuer serves only its own namespace (${resource.metadata.namespace}): use a ClusterIssuer`,
        ),
      );
    }
    const listeners = listenersOf(resource);
    const wildcard = listeners.find((l) => l.tls && l.hostname?.startsWith("*."));
    if (acme && !dns01 && wildcard) {
      problems.push(
        error(
          found.path,
          `${kind} ${name} solves no challenge by DNS-01, so it cannot issue ${wildcard.hostname} for ${resource.metadata.name} (ACME issues wildcards only through DNS-01)`,
        ),
      );
    }
  }
  return problems;
}

/** Rule 19. */
export const rule: Rule = {
  id: "tls-issuer",
  number: 19,
  statement:
    "the Gateways' issuer comes from Hydrate's `acme`, an app, or a stated `external` place; an ACME issuer can issue every Gateway hostname and, at Let's Encrypt, has a contact outside the example domains (a wildcard needs DNS-01; HTTP-01 only through a listener that serves the hostname); an `Issuer` lives in the Gateways' namespace",
  prevents: "no certificate: HTTPS listeners never programmed",
  severity: "error",
  upstream:
    "cert-manager/cert-manager v1.19.1 pkg/apis/acme/v1/types_issuer.go; letsencrypt/boulder v0.20260804.0 policy/pa.go (ValidEmail)",
  input,
  built,
};
