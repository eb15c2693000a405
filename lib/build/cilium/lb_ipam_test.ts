// Models cilium v1.18 operator/pkg/lbipam/lbipam.go: ipRangeFromBlock (a cidr wins over
// start/stop; start alone is one address), handleNewPool (allowFirstLastIPs "No" reserves the
// first and last address of CIDR blocks only, and not when they are the same or adjacent: /31,
// /32), getSVCRequestedIPs (spec.loadBalancerIP plus lbipam.cilium.io/ips, else the legacy
// io.cilium/lb-ipam-ips).
import assert from "node:assert/strict";
import { blockRange, mayShareAddress, requestedIPs } from "./lb_ipam.ts";
import { formatRange } from "../../model/net.ts";
import type { Resource } from "../../model/resource.ts";

const alloc = (block: Parameters<typeof blockRange>[0], allow?: string) =>
  formatRange(blockRange(block, allow)!.alloc);

Deno.test("allowFirstLastIPs: No trims CIDR blocks of /30 and wider, never /31, /32 or ranges", () => {
  assert.equal(alloc({ cidr: "10.0.0.0/30" }, "No"), "10.0.0.1-10.0.0.2");
  assert.equal(alloc({ cidr: "10.0.0.0/30" }, "Yes"), "10.0.0.0-10.0.0.3");
  assert.equal(alloc({ cidr: "10.0.0.0/30" }), "10.0.0.0-10.0.0.3"); // unset behaves as Yes
  assert.equal(alloc({ cidr: "10.0.0.0/31" }, "No"), "10.0.0.0-10.0.0.1");
  assert.equal(alloc({ cidr: "10.0.0.7/32" }, "No"), "10.0.0.7");
  assert.equal(alloc({ start: "10.0.0.0", stop: "10.0.0.255" }, "No"), "10.0.0.0-10.0.0.255");
  assert.equal(alloc({ start: "10.0.0.9" }, "No"), "10.0.0.9");
  assert.equal(
    alloc({ cidr: "10.0.0.0/30", start: "10.9.9.9", stop: "10.9.9.9" }),
    "10.0.0.0-10.0.0.3",
  );
});

Deno.test("a Service's requested IPs: loadBalancerIP and the new annotation, which wins over the legacy one", () => {
  const svc = (annotations: Record<string, string>, spec: Record<string, unknown> = {}) =>
    ({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "s", annotations },
      spec: { type: "LoadBalancer", ...spec },
    }) as Resource;
  assert.deepEqual(
    requestedIPs(
      svc({ "lbipam.cilium.io/ips": "10.0.0.1,10.0.0.2", "io.cilium/lb-ipam-ips": "10.0.0.3" }),
    ),
    ["10.0.0.1", "10.0.0.2"],
  );
  assert.deepEqual(requestedIPs(svc({}, { loadBalancerIP: "10.0.0.4" })), ["10.0.0.4"]);
  assert.deepEqual(
    requestedIPs(svc({ "io.cilium/lb-ipam-ips": "10.0.0.4" }, { loadBalancerIP: "10.0.0.4" })),
    ["10.0.0.4"],
  );
  assert.deepEqual(
    requestedIPs(svc({ "lbipam.cilium.io/ips": "10.0.0.1" }, { type: "ClusterIP" })),
    [],
  );
});

Deno.test("Services with one sharing key may hold one address; across namespaces only when both allow it", () => {
  // cilium v1.18 pkg/annotation/k8s.go (lbipam.cilium.io/sharing-key, sharing-cross-namespace).
  const svc = (namespace: string, annotations: Record<string, string>) =>
    ({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "s", namespace, annotations },
    }) as Resource;
  const key = { "lbipam.cilium.io/sharing-key": "dns" };
  assert.ok(mayShareAddress(svc("dns", key), svc("dns", key)));
  assert.ok(!mayShareAddress(svc("dns", key), svc("dns", { "lbipam.cilium.io/sharing-key": "x" })));
  assert.ok(!mayShareAddress(svc("dns", {}), svc("dns", {})));
  assert.ok(!mayShareAddress(svc("a", key), svc("b", key)));
  const cross = (ns: string) => ({ ...key, "lbipam.cilium.io/sharing-cross-namespace": ns });
  assert.ok(mayShareAddress(svc("a", cross("b")), svc("b", cross("*"))));
  assert.ok(!mayShareAddress(svc("a", cross("b")), svc("b", key)));
});
