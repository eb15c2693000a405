/**
 * Which URLs `deno task vendor` may fetch: HTTPS only, never an address of this
 * machine or its private networks (a cluster file or a chart index names them,
 * and a redirect may lead anywhere), except plain-HTTP loopback when the caller
 * asks for it (the tests' chart repository).
 *
 * @module
 */

/** This machine's and private networks' IPv4 ranges: first two bytes and prefix length. */
const PRIVATE_V4: readonly [number, number, number][] = [
  [0, 0, 8],
  [10, 0, 8],
  [100, 64, 10],
  [127, 0, 8],
  [169, 254, 16],
  [172, 16, 12],
  [192, 168, 16],
];

function ipv4(host: string): number[] | undefined {
  const parts = host.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return undefined;
  const bytes = parts.map(Number);
  return bytes.every((b) => b <= 255) ? bytes : undefined;
}

function privateV4(bytes: number[]): boolean {
  const value = ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
  return PRIVATE_V4.some(([a, b, bits]) => {
    const mask = (~0 << (32 - bits)) >>> 0;
    return ((value & mask) >>> 0) === ((((a << 24) | (b << 16)) & mask) >>> 0);
  });
}

const isLoopback = (host: string) =>
  host === "localhost" || host === "[::1]" || ipv4(host)?.[0] === 127;

/**
 * Why a URL may not be fetched, or `undefined` when it may.
 *
 * @example
 * ```ts
 * import { refusedUrl } from "./fetch_policy.ts";
 * import assert from "node:assert/strict";
 * assert.equal(refusedUrl("https://helm.cilium.io/index.yaml"), undefined);
 * assert.match(refusedUrl("http://helm.cilium.io/index.yaml")!, /not HTTPS/);
 * assert.match(refusedUrl("https://169.254.169.254/latest")!, /this machine or a private network/);
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
  if (options.loopback && isLoopback(host)) return undefined;
  if (url.protocol !== "https:") return `not HTTPS (${url.protocol.replace(/:$/, "")})`;
  const v4 = ipv4(host);
  const v6Local = /^\[(::1?|f[cd]|fe[89ab])/i.test(host);
  if (isLoopback(host) || (v4 && privateV4(v4)) || v6Local || host.endsWith(".localhost")) {
    return "an address of this machine or a private network";
  }
  return undefined;
}
