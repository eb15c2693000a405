/**
 * The source's network objects as cluster-file facts: Cilium's LB-IPAM pools
 * and L2 announcement policy, the Gateways (address, hostname, certificate, the
 * issuer their annotation names) and the cluster's domain. Hydrate renders all
 * of them itself, so the documents they came from are marked as carried.
 *
 * @module
 */
import type { GatewayInput, PoolInput, TlsIssuerInput } from "../model/input.ts";
import { at, type Finding, nameOf, objectOf, ofKind, type SourceDoc } from "./source.ts";

/** What the network objects say, and the documents they came from. */
export interface NetworkImport {
  pools: Record<string, PoolInput>;
  l2?: { interfaces?: string[]; excludeControlPlane?: boolean };
  domain?: string;
  gatewayNamespace?: string;
  gateways: Record<string, GatewayInput>;
  issuer?: TlsIssuerInput;
  /** The documents Hydrate renders itself from these facts. */
  carried: SourceDoc[];
  findings: Finding[];
}

function pools(docs: readonly SourceDoc[], out: NetworkImport): void {
  for (const entry of ofKind(docs, "CiliumLoadBalancerIPPool", "cilium.io")) {
    const spec = objectOf(entry.doc.spec) ?? {};
    const blocks = (Array.isArray(spec.blocks) ? spec.blocks : []).map((block) => {
      const b = objectOf(block) ?? {};
      return typeof b.cidr === "string"
        ? { cidr: b.cidr }
        : { start: String(b.start), stop: String(b.stop ?? b.start) };
    });
    const allow = spec.allowFirstLastIPs;
    out.pools[nameOf(entry.doc)] = {
      blocks,
      ...(allow === "Yes" || allow === "No" ? { allowFirstLastIPs: allow } : {}),
    };
    out.carried.push(entry);
    if (spec.serviceSelector !== undefined) {
      out.findings.push({
        where: entry.file,
        what: `pool ${
          nameOf(entry.doc)
        }'s serviceSelector is not carried: Hydrate's pools serve every Service`,
      });
    }
  }
}

function l2Policy(docs: readonly SourceDoc[], out: NetworkImport): void {
  const policies = ofKind(docs, "CiliumL2AnnouncementPolicy", "cilium.io");
  if (policies.length === 0) return;
  const spec = objectOf(policies[0].doc.spec) ?? {};
  const expressions = at(spec, "nodeSelector", "matchExpressions");
  const excludeControlPlane = Array.isArray(expressions) &&
    expressions.some((e) =>
      objectOf(e)?.key === "node-role.kubernetes.io/control-plane" &&
      objectOf(e)?.operator === "DoesNotExist"
    );
  out.l2 = {
    ...(Array.isArray(spec.interfaces) ? { interfaces: spec.interfaces.map(String) } : {}),
    ...(excludeControlPlane ? { excludeControlPlane } : {}),
  };
  const where = policies[0].file;
  const others = Array.isArray(expressions)
    ? expressions.filter((e) => objectOf(e)?.key !== "node-role.kubernetes.io/control-plane")
    : [];
  const dropped = [
    ...(spec.externalIPs === true
      ? ["externalIPs: true (Hydrate announces LoadBalancer IPs only)"]
      : []),
    ...(spec.serviceSelector !== undefined
      ? ["its serviceSelector (Hydrate announces every Service)"]
      : []),
    ...(others.length > 0 || at(spec, "nodeSelector", "matchLabels") !== undefined
      ? ["its node selection beyond the control plane"]
      : []),
  ];
  if (dropped.length > 0) out.findings.push({ where, what: `${dropped.join("; ")}: not carried` });
  out.carried.push(...policies);
  if (policies.length > 1) {
    out.findings.push({
      where: policies.slice(1).map((p) => p.file).join(", "),
      what: "further L2 announcement policies are not carried: Hydrate renders one",
    });
  }
}

/** A Gateway's key in `gateways`: its name without Hydrate's `gateway-` prefix. */
const gatewayKey = (name: string) => name.replace(/^gateway-/, "");

function gateway(entry: SourceDoc, out: NetworkImport, redirected: Set<string>): void {
  const doc = entry.doc;
  const spec = objectOf(doc.spec) ?? {};
  const address = at((spec.addresses as unknown[] | undefined)?.[0], "value") ??
    at(doc, "metadata", "annotations", "io.cilium/lb-ipam-ips");
  const listeners = (Array.isArray(spec.listeners) ? spec.listeners : []).map((l) =>
    objectOf(l) ?? {}
  );
  const https = listeners.find((l) => l.protocol === "HTTPS");
  const hostname = String(https?.hostname ?? listeners[0]?.hostname ?? "");
  out.domain ??= hostname.replace(/^\*\./, "") || undefined;
  const name = nameOf(doc);
  const secret = at((at(https, "tls", "certificateRefs") as unknown[] | undefined)?.[0], "name");
  if (!name.startsWith("gateway-")) {
    out.findings.push({
      where: entry.file,
      what:
        `Gateway ${name} is rendered as gateway-${name}: HTTPRoutes of the app folders that name ${name} in their parentRefs must name gateway-${name}`,
    });
  }
  out.gateways[gatewayKey(name)] = {
    address: String(address ?? ""),
    ...(hostname && hostname !== `*.${out.domain}` ? { hostname } : {}),
    ...(typeof secret === "string" && secret !== `${name}-tls`
      ? { certificateSecret: secret }
      : {}),
    ...(redirected.has(name) ? {} : { httpsRedirect: false }),
  };
  if (!redirected.has(name)) {
    out.findings.push({
      where: entry.file,
      what:
        `Gateway ${name} has no HTTP-to-HTTPS redirect route: carried as httpsRedirect: false (drop it to have Hydrate redirect)`,
    });
  }
  if (address === undefined) {
    out.findings.push({ where: entry.file, what: `Gateway ${name} pins no address: state one` });
  }
  out.gatewayNamespace ??= String(at(doc, "metadata", "namespace") ?? "gateway");
  const issuer = at(doc, "metadata", "annotations", "cert-manager.io/cluster-issuer");
  if (typeof issuer === "string") out.issuer ??= { kind: "ClusterIssuer", name: issuer };
  out.carried.push(entry);
}

/** The Gateways an HTTPRoute redirects to HTTPS on their plain-HTTP listener. */
function redirectedGateways(docs: readonly SourceDoc[]): Set<string> {
  const out = new Set<string>();
  for (const { doc } of ofKind(docs, "HTTPRoute", "gateway.networking.k8s.io")) {
    const rules = (at(doc, "spec", "rules") as unknown[] | undefined) ?? [];
    const redirects = rules.some((rule) =>
      ((at(rule, "filters") as unknown[] | undefined) ?? []).some((f) =>
        at(f, "type") === "RequestRedirect" && at(f, "requestRedirect", "scheme") === "https"
      )
    );
    if (!redirects) continue;
    for (const ref of (at(doc, "spec", "parentRefs") as unknown[] | undefined) ?? []) {
      out.add(String(at(ref, "name")));
    }
  }
  return out;
}

/** The network facts of the source's documents. */
export function importNetwork(docs: readonly SourceDoc[]): NetworkImport {
  const out: NetworkImport = { pools: {}, gateways: {}, carried: [], findings: [] };
  pools(docs, out);
  l2Policy(docs, out);
  const redirected = redirectedGateways(docs);
  for (const entry of ofKind(docs, "Gateway", "gateway.networking.k8s.io")) {
    gateway(entry, out, redirected);
  }
  if (out.issuer) {
    const found = ofKind(docs, out.issuer.kind ?? "ClusterIssuer", "cert-manager.io").find((d) =>
      nameOf(d.doc) === out.issuer!.name
    );
    out.issuer.external = found
      ? `the ClusterIssuer in ${found.file} of the imported repository, synced as before`
      : "named by the imported repository's Gateways, which do not create it";
  }
  return out;
}
