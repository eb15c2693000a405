import assert from "node:assert/strict";
import fc from "fast-check";
import { parseIPv6, refusedAddress, refusedUrl } from "./fetch_policy.ts";

/** The refused IPv4 ranges, as the policy's documentation lists them: network, prefix, kind. */
const REFUSED: [string, number, string][] = [
  ["0.0.0.0", 8, "this network"],
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "carrier-grade NAT"],
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link-local"],
  ["172.16.0.0", 12, "private"],
  ["192.0.0.0", 24, "IETF protocol assignments"],
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "benchmarking"],
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved"],
];

const toInt = (dotted: string) =>
  dotted.split(".").reduce((value, byte) => value * 256 + Number(byte), 0);
const dotted = (value: number) =>
  [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
const hex = (value: number) =>
  [Math.floor(value / 65536), value % 65536].map((g) => g.toString(16));

/** An address of a range: its network, plus random host bits. */
const inRange = ([network, bits]: [string, number, string]) =>
  fc.integer({ min: 0, max: 2 ** (32 - bits) - 1 }).map((host) => dotted(toInt(network) + host));

/** IPv4 addresses no refused range holds: first bytes that no range starts with. */
const PUBLIC_FIRST = Array.from({ length: 224 }, (_, i) => i).filter((first) =>
  ![0, 10, 100, 127, 169, 172, 192, 198].includes(first)
);
const publicV4 = fc.tuple(
  fc.constantFrom(...PUBLIC_FIRST),
  fc.integer({ min: 0, max: 2 ** 24 - 1 }),
).map(([first, rest]) => dotted(first * 2 ** 24 + rest));

/** The IPv6 spellings that carry an IPv4 address, and are refused or not with it. */
const carriers = (v4: string) => {
  const [high, low] = hex(toInt(v4));
  return [
    v4,
    `::ffff:${v4}`,
    `::ffff:${high}:${low}`,
    `[::ffff:${v4}]`,
    `0:0:0:0:0:FFFF:${high}:${low}`,
    `64:ff9b::${v4}`,
    `2002:${high}:${low}::1`,
  ];
};

Deno.test("every address of a refused IPv4 range is refused, however IPv6 carries it", () => {
  for (const range of REFUSED) {
    fc.assert(
      fc.property(inRange(range), (v4) => {
        for (const spelling of carriers(v4)) {
          const why = refusedAddress(spelling);
          assert.equal(
            why,
            `an address of this machine or a private network (${range[2]})`,
            spelling,
          );
        }
      }),
      { numRuns: 200 },
    );
  }
  assert.match(refusedAddress("255.255.255.255")!, /reserved/);
});

Deno.test("public IPv4 addresses, and IPv6 spellings of them, are allowed", () => {
  fc.assert(
    fc.property(publicV4, (v4) => {
      for (const spelling of carriers(v4)) assert.equal(refusedAddress(spelling), undefined);
    }),
    { numRuns: 1000 },
  );
  for (const bound of ["9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0"]) {
    assert.equal(refusedAddress(bound), undefined, bound);
  }
  for (const bound of ["172.15.255.255", "172.32.0.0", "192.0.1.0", "198.17.255.255"]) {
    assert.equal(refusedAddress(bound), undefined, bound);
  }
});

/** IPv6 ranges: the first group's value and mask, and the kind. */
const REFUSED_V6: [number, number, string][] = [
  [0xfe80, 0xffc0, "link-local"],
  [0xfec0, 0xffc0, "site-local"],
  [0xfc00, 0xfe00, "unique local"],
  [0xff00, 0xff00, "multicast"],
];
const group = fc.integer({ min: 0, max: 0xffff });

/** Eight groups spelled with `::` for the longest run of zeros (as a resolver prints them). */
function compressed(groups: number[]): string {
  const text = groups.map((g) => g.toString(16));
  let best = [-1, 0];
  for (let i = 0; i < 8; i++) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best[1]) best = [i, j - i];
  }
  if (best[1] < 2) return text.join(":");
  return `${text.slice(0, best[0]).join(":")}::${text.slice(best[0] + best[1]).join(":")}`;
}

Deno.test("every address of a refused IPv6 range is refused, spelled in full or compressed", () => {
  for (const [value, mask, kind] of REFUSED_V6) {
    fc.assert(
      fc.property(fc.array(group, { minLength: 8, maxLength: 8 }), (groups) => {
        groups[0] = value | (groups[0] & ~mask & 0xffff);
        for (const spelling of [groups.map((g) => g.toString(16)).join(":"), compressed(groups)]) {
          assert.equal(
            refusedAddress(spelling),
            `an address of this machine or a private network (${kind})`,
          );
        }
      }),
      { numRuns: 300 },
    );
  }
  assert.match(refusedAddress("::1")!, /loopback/);
  assert.match(refusedAddress("[0:0:0:0:0:0:0:1]")!, /loopback/);
  assert.match(refusedAddress("::")!, /unspecified/);
  assert.match(refusedAddress("64:ff9b:1::a00:1")!, /local-use NAT64/);
  assert.equal(refusedAddress("::1", { loopback: true }), undefined);
  assert.equal(refusedAddress("127.0.0.1", { loopback: true }), undefined);
  assert.match(refusedAddress("10.0.0.1", { loopback: true })!, /private/);
  assert.match(refusedAddress("fe80::1", { loopback: true })!, /link-local/);
});

Deno.test("global IPv6 addresses are allowed", () => {
  fc.assert(
    fc.property(fc.array(group, { minLength: 8, maxLength: 8 }), (groups) => {
      groups[0] = 0x2400 | (groups[0] & 0x0fff); // 2400::/6 holds no refused range
      assert.equal(refusedAddress(compressed(groups)), undefined);
    }),
    { numRuns: 1000 },
  );
  assert.equal(refusedAddress("2606:4700:4700::1111"), undefined);
});

Deno.test("IPv6 parses as the URL standard reads it; what does not parse is refused", () => {
  fc.assert(
    fc.property(fc.array(group, { minLength: 8, maxLength: 8 }), fc.boolean(), (groups, upper) => {
      for (let text of [groups.map((g) => g.toString(16)).join(":"), compressed(groups)]) {
        if (upper) text = text.toUpperCase();
        assert.deepEqual(parseIPv6(text), groups);
        const normal = new URL(`http://[${text}]/`).hostname.slice(1, -1);
        assert.deepEqual(parseIPv6(normal), groups);
      }
    }),
    { numRuns: 1000 },
  );
  for (
    const bad of ["1:2:3:4:5:6:7:8:9", ":::", "1::2::3", "12345::", "::ffff:1.2.3.256", "x", ""]
  ) {
    assert.equal(refusedAddress(bad), "not an IP address", bad);
  }
  assert.equal(parseIPv6("1:2:3:4:5:6:7::8"), undefined);
});

Deno.test("a URL is refused by its scheme, its literal address or a name only local resolvers know", () => {
  const refused: [string, RegExp][] = [
    ["http://charts.example.com/index.yaml", /^not HTTPS \(http\)$/],
    ["file:///etc/passwd", /^not HTTPS \(file\)$/],
    ["https://169.254.169.254/latest", /\(link-local\)$/],
    ["https://0x7f.1/", /\(loopback\)$/], // the URL standard reads it as 127.0.0.1
    ["https://2130706433/", /\(loopback\)$/],
    ["https://[::ffff:10.0.0.1]/", /\(private\)$/],
    ["https://[fd00::1]:8443/", /\(unique local\)$/],
    ["https://localhost/", /local network's name \(\.localhost\)/],
    ["https://api.localhost/", /\(\.localhost\)/],
    ["https://argocd-server.argocd.svc/", /\(\.svc\)/],
    ["https://kube-dns.kube-system.svc.cluster.local./", /\(\.local\)/],
    ["https://metadata.google.internal/", /\(\.internal\)/],
    ["https://router.home.arpa/", /\(\.home\.arpa\)/],
    ["https://charts/index.yaml", /single-label name/],
    ["not a url", /^not a URL$/],
  ];
  for (const [url, why] of refused) assert.match(refusedUrl(url) ?? "allowed", why, url);
  assert.equal(refusedUrl("https://charts.jetstack.io/index.yaml"), undefined);
  assert.equal(refusedUrl("https://8.8.8.8/"), undefined);
  assert.equal(refusedUrl("https://[2606:4700:4700::1111]/"), undefined);
  // --insecure-loopback: plain HTTP and this machine, nothing else.
  const loopback = { loopback: true };
  assert.equal(refusedUrl("http://127.0.0.1:8080/charts", loopback), undefined);
  assert.equal(refusedUrl("http://[::1]:8080/charts", loopback), undefined);
  assert.equal(refusedUrl("https://localhost/", loopback), undefined);
  assert.match(refusedUrl("http://10.0.0.1/", loopback)!, /not HTTPS/);
  assert.match(refusedUrl("https://10.0.0.1/", loopback)!, /private/);
  assert.match(refusedUrl("http://charts.example.com/", loopback)!, /not HTTPS/);
  assert.match(refusedUrl("https://argocd.svc/", loopback)!, /\.svc/);
});
