/**
 * IPv4 address, CIDR and range math on plain numbers.
 *
 * Every address is an unsigned 32-bit integer, so containment and overlap are
 * integer comparisons on inclusive `[first, last]` intervals.
 *
 * @module
 */

/** An inclusive interval of IPv4 addresses, as unsigned 32-bit integers. */
export interface IPv4Range {
  /** The first address of the range. */
  first: number;
  /** The last address of the range (inclusive). */
  last: number;
}

/** A parsed IPv4 CIDR block. */
export interface IPv4Cidr extends IPv4Range {
  /** The prefix length, 0 to 32. */
  prefix: number;
}

const OCTET = /^(0|[1-9][0-9]{0,2})$/;

/**
 * Parses a dotted-quad IPv4 address. Returns `undefined` for anything else
 * (leading zeros are refused: `010.0.0.1` is ambiguous between octal and decimal).
 *
 * @example
 * ```ts
 * import { parseIPv4 } from "./net.ts";
 * import assert from "node:assert/strict";
 * assert.equal(parseIPv4("192.168.10.50"), 3232238130);
 * assert.equal(parseIPv4("192.168.10.256"), undefined);
 * ```
 */
export function parseIPv4(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!OCTET.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

/**
 * Formats an unsigned 32-bit integer as a dotted-quad IPv4 address.
 *
 * @example
 * ```ts
 * import { formatIPv4 } from "./net.ts";
 * import assert from "node:assert/strict";
 * assert.equal(formatIPv4(3232238130), "192.168.10.50");
 * ```
 */
export function formatIPv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join(".");
}

/** Why a CIDR string was refused, or the parsed block. */
export type CidrParse = { ok: true; cidr: IPv4Cidr } | { ok: false; reason: string };

/**
 * Parses an IPv4 CIDR such as `10.244.0.0/16`. A block with host bits set
 * (`10.244.0.1/16`) is refused, since its meaning is ambiguous.
 *
 * @example
 * ```ts
 * import { parseCidr } from "./net.ts";
 * import assert from "node:assert/strict";
 * const parsed = parseCidr("10.244.0.0/16");
 * assert.ok(parsed.ok && parsed.cidr.prefix === 16);
 * assert.deepEqual(parseCidr("10.244.0.1/16"), {
 *   ok: false,
 *   reason: "has host bits set (the network address is 10.244.0.0/16)",
 * });
 * ```
 */
export function parseCidr(text: string): CidrParse {
  const slash = text.indexOf("/");
  if (slash < 0) return { ok: false, reason: "is not a CIDR (expected address/prefix)" };
  const address = parseIPv4(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (address === undefined) return { ok: false, reason: "is not a valid IPv4 address/prefix" };
  if (!/^(0|[1-9][0-9]?)$/.test(prefixText) || Number(prefixText) > 32) {
    return { ok: false, reason: "has a prefix length outside 0-32" };
  }
  const prefix = Number(prefixText);
  const size = 2 ** (32 - prefix);
  const first = address - (address % size);
  if (first !== address) {
    return {
      ok: false,
      reason: `has host bits set (the network address is ${formatIPv4(first)}/${prefix})`,
    };
  }
  return { ok: true, cidr: { first, last: first + size - 1, prefix } };
}

/** Parses a CIDR that is already known to be valid; throws otherwise. */
export function cidr(text: string): IPv4Cidr {
  const parsed = parseCidr(text);
  if (!parsed.ok) throw new Error(`${text} ${parsed.reason}`);
  return parsed.cidr;
}

/** Parses an address that is already known to be valid; throws otherwise. */
export function ipv4(text: string): number {
  const value = parseIPv4(text);
  if (value === undefined) throw new Error(`${text} is not a valid IPv4 address`);
  return value;
}

/**
 * Whether `outer` contains every address of `inner`.
 *
 * @example
 * ```ts
 * import { cidr, contains } from "./net.ts";
 * import assert from "node:assert/strict";
 * assert.ok(contains(cidr("10.96.0.0/12"), cidr("10.100.0.0/16")));
 * assert.ok(!contains(cidr("10.96.0.0/12"), cidr("10.244.0.0/16")));
 * ```
 */
export function contains(outer: IPv4Range, inner: IPv4Range): boolean {
  return outer.first <= inner.first && inner.last <= outer.last;
}

/** Whether `range` contains the address `address`. */
export function containsAddress(range: IPv4Range, address: number): boolean {
  return range.first <= address && address <= range.last;
}

/**
 * Whether two ranges share at least one address.
 *
 * @example
 * ```ts
 * import { cidr, overlaps } from "./net.ts";
 * import assert from "node:assert/strict";
 * assert.ok(!overlaps(cidr("10.244.0.0/16"), cidr("10.96.0.0/12")));
 * assert.ok(overlaps(cidr("10.0.0.0/8"), cidr("10.96.0.0/12")));
 * ```
 */
export function overlaps(a: IPv4Range, b: IPv4Range): boolean {
  return a.first <= b.last && b.first <= a.last;
}

/** The number of addresses in a range. */
export function rangeSize(range: IPv4Range): number {
  return range.last - range.first + 1;
}

/** Formats a range as `first-last` (or a single address when it has one). */
export function formatRange(range: IPv4Range): string {
  return range.first === range.last
    ? formatIPv4(range.first)
    : `${formatIPv4(range.first)}-${formatIPv4(range.last)}`;
}

/** Formats a CIDR block as `address/prefix`. */
export function formatCidr(block: IPv4Cidr): string {
  return `${formatIPv4(block.first)}/${block.prefix}`;
}
