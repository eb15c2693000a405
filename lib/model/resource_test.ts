import assert from "node:assert/strict";
import { schemaViolations } from "./resource.ts";
import homelab from "../../clusters/homelab.ts";
import { renderBuild } from "../render.ts";
import { allResources } from "./build.ts";

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

Deno.test("checking a resource against its schema leaves the resource as it was", () => {
  const build = renderBuild(homelab, "clusters/homelab.ts").build!;
  for (const { resource } of allResources(build)) {
    const before = structuredClone(resource);
    // Frozen: any write the model made to what it is given would throw here.
    assert.deepEqual(schemaViolations(deepFreeze(resource)), []);
    assert.deepEqual(resource, before);
  }
});

Deno.test("a violation is found in a frozen resource too", () => {
  const service = deepFreeze({
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "s" },
    spec: { ports: [{ port: "80" }] },
  });
  assert.deepEqual(schemaViolations(service as never), ["spec.ports[0].port must be integer"]);
});
