import assert from "node:assert/strict";
import { CORE_SCHEMA, load, YAML11_SCHEMA } from "js-yaml";
import { GENERATED_MARK, generatedHeader, yamlFile } from "./emit.ts";
import { normalize, toYaml } from "../model/yaml.ts";

/** Strings that YAML 1.1 (Go's yaml in Argo CD and kubectl) or YAML 1.2 would read as something else. */
const TRICKY = [
  "No",
  "no",
  "NO",
  "yes",
  "Yes",
  "on",
  "off",
  "On",
  "OFF",
  "y",
  "n",
  "Y",
  "N",
  "true",
  "False",
  "null",
  "~",
  "",
  "2024-01-01",
  "2001-12-14t21:59:43.10-05:00",
  "12:30:00",
  "0755",
  "012",
  "0o12",
  "0x1F",
  "0b101",
  "1e3",
  "1_000",
  ".inf",
  "-.Inf",
  ".nan",
  "+12",
  "7445",
  "1.0",
  "<<",
  "=",
  "*.vanillax.me",
  "&anchor",
  "!tag",
  "a: b",
  "# not a comment",
  "- item",
  "[a]",
  "{a}",
  "@x",
  "`x`",
  "%x",
  " lead",
  "trail ",
  "multi\nline",
  "tab\there",
  "quote'single",
  'quote"double',
  "ünïcödé",
];

Deno.test("every tricky string means the same string to YAML 1.1 and YAML 1.2 readers", () => {
  const document = Object.fromEntries(TRICKY.map((value, i) => [`k${i}`, value]));
  const text = toYaml(document);
  assert.deepEqual(load(text, { schema: YAML11_SCHEMA }), document, "YAML 1.1 reading");
  assert.deepEqual(load(text, { schema: CORE_SCHEMA }), document, "YAML 1.2 reading");
  assert.match(text, /^k0: 'No'$/m);
  // Keys too: a key `on` or `no` must not become a boolean to a YAML 1.1 reader.
  const keyed = Object.fromEntries(TRICKY.map((value) => [value, 1]));
  assert.deepEqual(load(toYaml(keyed), { schema: YAML11_SCHEMA }), keyed);
});

Deno.test("numbers and booleans stay typed", () => {
  const document = { port: 443, ratio: 0.5, on: true, off: false, none: null };
  assert.deepEqual(load(toYaml(document), { schema: YAML11_SCHEMA }), document);
});

Deno.test("no anchors for shared objects, no folding for long lines", () => {
  const shared = { from: "All" };
  const long = "x".repeat(200) + " " + "y".repeat(200);
  const text = toYaml({ a: shared, b: shared, long });
  assert.doesNotMatch(text, /[&*]ref/);
  assert.match(text, new RegExp(`^long: ${long}$`, "m"));
});

Deno.test("Kubernetes objects: apiVersion, kind, metadata, spec first; metadata name first; undefined dropped", () => {
  const text = toYaml({
    spec: { z: 1, a: undefined, list: [1, undefined, 2] },
    status: {},
    metadata: { annotations: { x: "1" }, name: "gw", namespace: undefined },
    kind: "Gateway",
    apiVersion: "gateway.networking.k8s.io/v1",
  });
  assert.equal(
    text,
    [
      "apiVersion: gateway.networking.k8s.io/v1",
      "kind: Gateway",
      "metadata:",
      "  name: gw",
      "  annotations:",
      "    x: '1'",
      "spec:",
      "  z: 1",
      "  list:",
      "    - 1",
      "    - 2",
      "status: {}",
      "",
    ].join("\n"),
  );
});

Deno.test("nested objects keep their own key order", () => {
  assert.deepEqual(
    Object.keys((normalize({ values: { kind: 1, apiVersion: 2 } }) as { values: object }).values),
    [
      "kind",
      "apiVersion",
    ],
  );
});

Deno.test("files: header first, documents separated by ---, one trailing newline, same bytes every time", () => {
  const documents = [{ kind: "Cluster", name: "lab" }, { kind: "ControlPlane" }];
  const text = yamlFile("clusters/lab.ts", documents);
  assert.ok(text.startsWith(GENERATED_MARK));
  assert.ok(text.startsWith(generatedHeader("clusters/lab.ts")));
  assert.ok(text.endsWith("---\nkind: ControlPlane\n") && !text.endsWith("\n\n"));
  assert.equal(yamlFile("clusters/lab.ts", structuredClone(documents)), text);
});
