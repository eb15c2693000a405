/**
 * Which URLs and addresses `deno task vendor` may fetch from: HTTPS only, never
 * an address of this machine, of its private or link-local networks, of a
 * carrier-grade NAT, multicast or reserved (a cluster file or a chart index
 * names the URLs, and a redirect may lead anywhere), and never a name that only
 * a local resolver answers (`localhost`, `.local`, `.internal`, a cluster's
 * `.svc`, a single label). Except plain-HTTP and loopback addresses when the
 * caller asks for them (the tests' chart repository). A host name passes
 * {@link refusedUrl} first; then every address it resolves to must pass
 * {@link refusedAddress}, and the connection goes to one of those addresses
 * (scripts/_fetch.ts).
 *
 * @module
 */

/** Refused IPv4 ranges: the network as four bytes, and the prefix length. */
const REFUSED_V4: readonly [readonly [number, number, number, number], number, string][] = [
  [[0, 0, 0, 0], 8, "this network"],
  [[10, 0, 0, 0], 8, "private"],
  [[100, 64, 0, 0], 10, "carrier-grade NAT"],
  [[127, 0, 0, 0], 8, "loopback"],
  [[169, 254, 0, 0], 16, "link-local"],
  [[172, 16, 0, 0], 12, "private"],
  [[192, 0, 0, 0], 24, "IETF protocol assignments"],
  [[192, 168, 0, 0], 16, "private"],
  [[198, 18, 0, 0], 15, "benchmarking"],
  [[224, 0, 0, 0], 4, "multicast"],
  [[240, 0, 0, 0], 4, "reserved"], // and the broadcast address
];

/** Names only a local resolver answers: these suffixes, and names of one label. */
const LOCAL_SUFFIXES = [
  "localhost", // RFC 6761
  "local", // multicast DNS, RFC 6762 (and Kubernetes' cluster.local)
  "internal", // reserved for private use by ICANN (2024)
  "svc", // a Kubernetes Service's <service>.<namespace>.svc
  "home.arpa", // RFC 8375
  "localdomain",
  "lan",
  "intranet",
  "corp",
];

/** Four bytes of a dotted-quad IPv4 address, or `undefined`. */
export function parseIPv4Bytes(text: string): number[] | undefined {
  const parts = text.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return undefined;
  const bytes = parts.map(Number);
  return bytes.every((b) => b <= 255) ? bytes : undefined;
}

function groupsOf(part: string): number[] | undefined {
  if (part === "") return [];
  const groups: number[] = [];
  const pieces = part.split(":");
  for (const [i, piece] of pieces.entries()) {
    const v4 = i === pieces.length - 1 && piece.includes(".") ? parseIPv4Bytes(piece) : undefined;
    if (v4) groups.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
    else if (/^[0-9a-f]{1,4}$/i.test(piece)) groups.push(parseInt(piece, 16));
    else return undefined;
  }
  return groups;
}

/** The eight 16-bit groups of an IPv6 address (with `::` and a trailing dotted quad), or `undefined`. */
export function parseIPv6(text: string): number[] | undefined {
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const head = groupsOf(halves[0]);
  const tail = halves.length === 2 ? groupsOf(halves[1]) : [];
  if (!head || !tail) return undefined;
  if (halves.length === 1) return head.length === 8 ? head : undefined;
  const missing = 8 - head.length - tail.length;
  return missing >= 1 ? [...head, ...Array(missing).fill(0), ...tail] : undefined;
}

function refusedV4(bytes: readonly number[]): string | undefined {
  const value = ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
  for (const [[a, b, c, d], bits, kind] of REFUSED_V4) {
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    const network = ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
    if (((value & mask) >>> 0) === network) return kind;
  }
  return undefined;
}

const v4Of = (high: number, low: number) => [high >> 8, high & 255, low >> 8, low & 255];

/** Why an IPv6 address is refused (by the IPv4 address it carries, when it carries one). */
function refusedV6(g: readonly number[]): string | undefined {
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zeros(0, 8)) return "unspecified";
  if (zeros(0, 7) && g[7] === 1) return "loopback";
  if ((g[0] & 0xffc0) === 0xfe80) return "link-local";
  if ((g[0] & 0xffc0) === 0xfec0) return "site-local";
  if ((g[0] & 0xfe00) === 0xfc00) return "unique local";
  if ((g[0] & 0xff00) === 0xff00) return "multicast";
  if (g[0] === 0x64 && g[1] === 0xff9b && g[2] === 1) return "local-use NAT64";
  // IPv4-mapped (::ffff:0:0/96), IPv4-compatible (::/96), NAT64 (64:ff9b::/96), 6to4 (2002::/16).
  if (zeros(0, 5) && (g[5] === 0xffff || g[5] === 0)) return refusedV4(v4Of(g[6], g[7]));
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return refusedV4(v4Of(g[6], g[7]));
  if (g[0] === 0x2002) return refusedV4(v4Of(g[1], g[2]));
  return undefined;
}

/**
 * Why a resolved address (IPv4 dotted quad, or IPv6 with or without brackets)
 * may not be connected to (`an address of this machine or a private network
 * (link-local)`), or `undefined` when it may. `loopback` allows this
 * machine's addresses (the tests' repository), no other refused one. An
 * address that does not parse is refused.
 *
 * @example
 * ```ts
 * import { refusedAddress } from "./fetch_policy.ts";
 * import assert from "node:assert/strict";
 * assert.equal(refusedAddress("140.82.112.3"), undefined);
 * assert.match(refusedAddress("10.1.2.3")!, /private/);
 * assert.match(refusedAddress("::ffff:169.254.169.254")!, /link-local/);
 * assert.equal(refusedAddress("::1", { loopback: true }), undefined);
 * ```
 */
export function refusedAddress(
  address: string,
  options: { loopback?: boolean } = {},
): string | undefined {
  const bare = address.replace(/^\[(.*)\]$/, "$1");
  const v4 = parseIPv4Bytes(bare);
  const v6 = v4 ? undefined : parseIPv6(bare);
  if (!v4 && !v6) return "not an IP address";
  const kind = v4 ? refusedV4(v4) : refusedV6(v6!);
  if (kind === undefined || (options.loopback && kind === "loopback")) return undefined;
  return `an address of this machine or a private network (${kind})`;
}

/** Why a host name is one only a local resolver answers, or `undefined`. */
function localName(host: string): string | undefined {
  const name = host.toLowerCase().replace(/\.$/, "");
  const suffix = LOCAL_SUFFIXES.find((s) => name === s || name.endsWith(`.${s}`));
  if (suffix) return `${host} is a local network's name (.${suffix})`;
  if (!name.includes(".")) return `${host} is a single-label name (a local network's)`;
  return undefined;
}

/**
 * Why a URL may not be fetched, before its host is resolved, or `undefined`
 * when it may (its resolved addresses are then checked with
 * {@link refusedAddress}). `loopback` also allows plain HTTP to this machine.
 *
 * @example
 * ```ts
 * import { refusedUrl } from "./fetch_policy.ts";
 * import assert from "node:assert/strict";
 * assert.equal(refusedUrl("https://helm.cilium.io/index.yaml"), undefined);
 * assert.match(refusedUrl("http://helm.cilium.io/index.yaml")!, /not HTTPS/);
 * assert.match(refusedUrl("https://169.254.169.254/latest")!, /this machine or a private network/);
 * assert.match(refusedUrl("https://argocd-server.argocd.svc/")!, /local network's name/);
 * assert.equal(refusedUrl("http://127.0.0.1:8080/charts", { loopback: true }), undefined);
 * ```
 */
export function refusedUrl(text: string, options: { loopback?: boolean } = {}): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return "not a URL";
  }
  const host = url.hostname;
  const literal = parseIPv4Bytes(host) !== undefined || host.startsWith("[");
  const loopbackHost = host === "localhost" ||
    (literal && refusedAddress(host) !== undefined && !refusedAddress(host, { loopback: true }));
  if (options.loopback && loopbackHost && /^https?:$/.test(url.protocol)) return undefined;
  if (url.protocol !== "https:") return `not HTTPS (${url.protocol.replace(/:$/, "")})`;
  if (literal) return refusedAddress(host, options);
  if (options.loopback && /(^|\.)localhost\.?$/i.test(host)) return undefined;
  return localName(host);
}
