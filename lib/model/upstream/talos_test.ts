import assert from "node:assert/strict";
import { UPSTREAM } from "../../../tests/_upstream.ts";
import { talosPatchViolations } from "./talos.ts";

const schema = UPSTREAM.json("talos/v1.11.5/config.schema.json")!;

Deno.test("Talos v1.11.5: a field of a newer Talos is refused, with its path", () => {
  const [violation] = talosPatchViolations(schema, {
    machine: { install: { grubUseUKICmdline: true } },
  });
  assert.deepEqual([violation.path, violation.message], [
    "machine.install",
    'has no field "grubUseUKICmdline"',
  ]);
});

Deno.test("scalars go into string fields, as go-yaml v3 decodes them; nulls and $patch pass", () => {
  assert.deepEqual(
    talosPatchViolations(schema, {
      machine: {
        sysctls: { "net.core.somaxconn": 65535 },
        kubelet: { extraArgs: { "max-pods": 250 } },
        network: { hostname: null },
        files: [{ $patch: "delete", path: "/var/x" }],
      },
    }),
    [],
  );
});

Deno.test("a document of another kind is checked against that kind", () => {
  assert.deepEqual(
    talosPatchViolations(schema, { apiVersion: "v1alpha1", kind: "NoSuchConfig" }).map((v) =>
      v.message
    ),
    ['the schema has no document kind "NoSuchConfig"'],
  );
});
