import assert from "node:assert/strict";
import { UPSTREAM } from "../../../tests/_upstream.ts";
import { chartFacts, unknownValue } from "./chart.ts";

const cilium = UPSTREAM.chart("charts/cilium/1.18.4", "cilium 1.18.4");
const argo = UPSTREAM.chart("charts/argo-cd/9.1.4", "argo-cd 9.1.4");

Deno.test("the keys the seed document got wrong are keys cilium 1.18.4 never reads", () => {
  for (const key of ["bpf.ctTcpTimeout", "gatewayAPI.sessionAffinity", "externalIPs.enabled"]) {
    assert.match(
      unknownValue(cilium, key.split("."))!,
      /reads no value .*: Helm would ignore it/,
      key,
    );
  }
});

Deno.test("keys a template of the chart reads, declares, or copies whole are known", () => {
  for (
    const key of [
      "bpf.masquerade", // declared and read
      "k8sServicePort", // read by _helpers.tpl
      "extraConfig.bpf-ct-timeout-regular-tcp", // toYaml .Values.extraConfig
      "l2announcements.leaseDuration",
    ]
  ) assert.equal(unknownValue(cilium, key.split(".")), undefined, key);
  // argo-cd copies configs.params and configs.cm whole (omit ... | range), keys with dots and all.
  assert.equal(unknownValue(argo, ["configs", "params", "server.insecure"]), undefined);
  assert.equal(
    unknownValue(argo, ["configs", "cm", "resource.customizations.health.x"]),
    undefined,
  );
});

Deno.test("a reference handed to a function is read whole; one ranged over in a tuple is not", () => {
  const facts = chartFacts("demo 1.0.0", {
    values: "a:\n  x: 1\nb:\n  y: 1\nc: {}\n",
    templates: [
      "{{- range $cfg := tuple .Values.a .Values.b }}{{ $cfg.x }}{{ end }}",
      '{{ with .Values.c }}{{ toYaml . }}{{ end }}{{ index .Values.b "dotted.key" }}',
    ],
  });
  assert.match(unknownValue(facts, ["a", "z"])!, /reads no value a\.z/);
  assert.equal(unknownValue(facts, ["c", "anything"]), undefined, "with over a free-form map");
  assert.equal(unknownValue(facts, ["b", "dotted.key"]), undefined, "index with a dotted key");
});

Deno.test("the suggestion is the nearest sibling: a typo, or a rename", () => {
  assert.match(unknownValue(cilium, ["operatr", "replicas"])!, /did you mean operator\?/);
  const facts = chartFacts("demo 1.1.0", { values: "replicas: 1\n", templates: [] });
  assert.match(unknownValue(facts, ["replicaCount"])!, /did you mean replicas\?/);
});

Deno.test("a `with` block hands its value on: `toYaml .`, `range := .`, and `.field` inside it", () => {
  const certManager = UPSTREAM.chart("charts/cert-manager/v1.19.1", "cert-manager v1.19.1");
  for (
    const [facts, key] of [
      [cilium, "operator.nodeSelector.node-role.kubernetes.io/control-plane"],
      [cilium, "hubble.relay.nodeSelector.pool"],
      [certManager, "nodeSelector.pool"], // with (coalesce .Values.nodeSelector ...) + range := .
      [argo, "global.nodeSelector.pool"], // with .Values.server.nodeSelector | default .Values.global...
    ] as const
  ) assert.equal(unknownValue(facts, key.split(/\.(?!kubernetes|io)/)), undefined, key);
  const facts = chartFacts("demo 1.0.0", {
    values: "probe:\n  path: /\n",
    templates: ["{{- with .Values.probe }}path: {{ .path }} port: {{ .port }}{{ end }}"],
  });
  assert.equal(unknownValue(facts, ["probe", "port"]), undefined, "read as .port inside with");
  assert.match(unknownValue(facts, ["probe", "host"])!, /reads no value probe\.host/);
});

Deno.test("keys under a subchart (Chart.yaml dependencies) go to the subchart, unchecked", () => {
  assert.equal(unknownValue(argo, ["redis-ha", "replicas"]), undefined);
  const facts = chartFacts("demo 1.0.0", {
    values: "",
    templates: [],
    chart: "dependencies:\n  - name: postgresql\n    alias: db\n",
  });
  assert.equal(unknownValue(facts, ["db", "auth", "password"]), undefined);
  assert.match(unknownValue(facts, ["postgresql", "x"])!, /reads no value/);
});
