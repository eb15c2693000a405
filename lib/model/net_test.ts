import assert from "node:assert/strict";
import fc from "fast-check";
import {
  cidr,
  contains,
  containsAddress,
  formatCidr,
  formatIPv4,
  formatRange,
  type IPv4Range,
  overlaps,
  parseCidr,
  parseIPv4,
  rangeSize,
} from "./net.ts";

Deno.test("parseIPv4 accepts dotted quads and refuses the rest", () => {
  assert.equal(parseIPv4("0.0.0.0"), 0);
  assert.equal(parseIPv4("255.255.255.255"), 2 ** 32 - 1);
  assert.equal(parseIPv4("192.168.10.49"), (192 << 24 >>> 0) + (168 << 16) + (10 << 8) + 49);
  for (
    const bad of [
      "",
      "1.2.3",
      "1.2.3.4.5",
      "256.0.0.1",
      "01.2.3.4",
      "1.2.3.-4",
      "a.b.c.d",
      " 1.2.3.4",
    ]
  ) {
    assert.equal(parseIPv4(bad), undefined, bad);
  }
});

Deno.test("formatIPv4 inverts parseIPv4", () => {
  fc.assert(fc.property(fc.nat({ max: 2 ** 32 - 1 }), (value) => {
    assert.equal(parseIPv4(formatIPv4(value)), value);
  }));
});

Deno.test("parseCidr refuses host bits, bad prefixes and bad addresses", () => {
  assert.deepEqual(parseCidr("10.244.0.0/16"), {
    ok: true,
    cidr: { first: parseIPv4("10.244.0.0"), last: parseIPv4("10.244.255.255"), prefix: 16 },
  });
  assert.deepEqual(parseCidr("10.244.0.1/16"), {
    ok: false,
    reason: "has host bits set (the network address is 10.244.0.0/16)",
  });
  assert.deepEqual(parseCidr("10.0.0.0/33"), {
    ok: false,
    reason: "has a prefix length outside 0-32",
  });
  assert.deepEqual(parseCidr("10.0.0.0/08"), {
    ok: false,
    reason: "has a prefix length outside 0-32",
  });
  assert.deepEqual(parseCidr("10.0.0.0"), {
    ok: false,
    reason: "is not a CIDR (expected address/prefix)",
  });
  assert.deepEqual(parseCidr("10.0.0/8"), {
    ok: false,
    reason: "is not a valid IPv4 address/prefix",
  });
  const all = cidr("0.0.0.0/0");
  assert.equal(rangeSize(all), 2 ** 32);
  assert.equal(formatCidr(cidr("10.96.0.0/12")), "10.96.0.0/12");
  assert.equal(formatRange(cidr("192.168.10.49/32")), "192.168.10.49");
});

const arbitraryCidr = fc.record({
  address: fc.nat({ max: 2 ** 32 - 1 }),
  prefix: fc.integer({ min: 20, max: 32 }),
})
  .map(({ address, prefix }) => {
    const size = 2 ** (32 - prefix);
    return cidr(`${formatIPv4(address - (address % size))}/${prefix}`);
  });

const arbitraryRange = fc.tuple(fc.nat({ max: 2 ** 32 - 1 }), fc.nat({ max: 4096 }))
  .map(([first, length]): IPv4Range => ({ first, last: Math.min(first + length, 2 ** 32 - 1) }));

/** Brute force: every address of a (small) range. */
function addresses(range: IPv4Range): Set<number> {
  const out = new Set<number>();
  for (let a = range.first; a <= range.last; a++) out.add(a);
  return out;
}

Deno.test("overlaps and contains agree with a brute-force check (property)", () => {
  const small = fc.oneof(arbitraryCidr, arbitraryRange).filter((r) => rangeSize(r) <= 4096);
  fc.assert(
    fc.property(small, small, (a, b) => {
      const set = addresses(a);
      const other = addresses(b);
      const shared = [...other].some((x) => set.has(x));
      const within = [...other].every((x) => set.has(x));
      assert.equal(overlaps(a, b), shared);
      assert.equal(contains(a, b), within);
    }),
    { numRuns: 300 },
  );
  // b placed near a, so that partial overlaps and containment are common.
  fc.assert(
    fc.property(arbitraryRange, fc.integer({ min: -5000, max: 5000 }), (a, offset) => {
      const b = { first: Math.max(0, a.first + offset), last: Math.max(0, a.first + offset) + 10 };
      const set = addresses(a);
      const other = addresses(b);
      assert.equal(overlaps(a, b), [...other].some((x) => set.has(x)));
      assert.equal(contains(a, b), [...other].every((x) => set.has(x)));
      assert.equal(containsAddress(a, b.first), set.has(b.first));
    }),
    { numRuns: 300 },
  );
});
