import assert from "node:assert/strict";
import { parseCluster } from "./parse.ts";
import { formatProblem } from "./problem.ts";
import homelab from "../../clusters/homelab.ts";

function messages(input: unknown): string[] {
  const result = parseCluster(input);
  assert.ok(!result.ok, "expected the cluster to be refused");
  return result.problems.map((problem) => formatProblem("clusters/homelab.ts", problem));
}

Deno.test("parse applies the defaults", () => {
  const result = parseCluster(homelab);
  assert.ok(result.ok);
  assert.equal(result.cluster.cilium.chart.version, "1.18.4");
  assert.equal(result.cluster.apps.argocd.namespace, "argocd");
  assert.equal(result.cluster.cilium.l2.leaseDuration, "15s");
});

Deno.test("field errors name the file, the path, the value and the rule; all at once", () => {
  assert.deepEqual(
    messages({
      ...homelab,
      network: { ...homelab.network, pods: "10.244.0.1/16", gateway: "192.168.10.300" },
      kubePrism: { enabled: true, port: 70000 },
    }),
    [
      "clusters/homelab.ts: network.gateway: 192.168.10.300 must be an IPv4 address such as 192.168.10.1",
      "clusters/homelab.ts: network.pods: 10.244.0.1/16 has host bits set (the network address is 10.244.0.0/16)",
      "clusters/homelab.ts: kubePrism.port: 70000 must be a port from 1 to 65535",
    ],
  );
});

Deno.test("unknown keys are refused with a did-you-mean suggestion", () => {
  assert.deepEqual(
    messages({
      ...homelab,
      kubePrysm: { port: 7445 },
      cilium: { ...homelab.cilium, kubeProxyReplacment: true },
    }),
    [
      'clusters/homelab.ts: cilium: unknown key "kubeProxyReplacment" (did you mean "kubeProxyReplacement"?)',
      'clusters/homelab.ts: (top level): unknown key "kubePrysm" (did you mean "kubePrism"?)',
    ],
  );
  assert.deepEqual(messages({ ...homelab, zzz: 1 }), [
    'clusters/homelab.ts: (top level): unknown key "zzz"',
  ]);
});

Deno.test("names that become paths must be DNS-1123 labels", () => {
  assert.deepEqual(messages({ ...homelab, name: "../etc" }), [
    "clusters/homelab.ts: name: ../etc must be a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit)",
  ]);
  assert.deepEqual(messages({ ...homelab, gateways: { "a/b": { address: "192.168.10.49" } } }), [
    "clusters/homelab.ts: gateways.a/b: a/b must be a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit)",
  ]);
});

Deno.test("missing required fields and wrong types", () => {
  const { tls: _tls, ...withoutTls } = homelab;
  assert.deepEqual(messages(withoutTls), [
    "clusters/homelab.ts: tls: is required (expected object)",
  ]);
  assert.deepEqual(messages({ ...homelab, apiServerPort: "6443" }), [
    'clusters/homelab.ts: apiServerPort: "6443" must be a number',
  ]);
  assert.deepEqual(messages({ ...homelab, omni: { ...homelab.omni, talosVersion: "1.11.5" } }), [
    "clusters/homelab.ts: omni.talosVersion: 1.11.5 must be a version like v1.11.5 ('v', then major.minor.patch)",
  ]);
});

Deno.test("a Git revision may not start with '-': a printed git command would read it as an option", () => {
  const [line] = messages({ ...homelab, git: { ...homelab.git, revision: "--force" } });
  assert.match(line, /^clusters\/homelab\.ts: git\.revision: .*must not start with '-'/);
});
