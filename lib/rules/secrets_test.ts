import assert from "node:assert/strict";
import { secretReason } from "./secrets.ts";

Deno.test("secret-looking values: by key (not references to a secret) and by shape", () => {
  for (
    const key of [
      "password",
      "adminPassword",
      "apiToken",
      "secretKey",
      "AWS_SECRET_ACCESS_KEY",
      "token",
    ]
  ) {
    assert.ok(secretReason(key, "hunter2"), key);
  }
  for (
    const key of [
      "existingSecret",
      "secretName",
      "passwordKey",
      "tokenSecretRef",
      "useSecret",
      "name",
    ]
  ) {
    assert.equal(secretReason(key, "hunter2"), undefined, key);
  }
  assert.equal(secretReason("password", ""), undefined, "an empty default is no secret");
  assert.equal(secretReason("password", true), undefined);
  assert.match(
    secretReason("ca", "-----BEGIN RSA PRIVATE KEY-----\nMII...\n-----END RSA PRIVATE KEY-----")!,
    /private key/,
  );
  assert.match(secretReason("x", "ghp_0123456789abcdefghijklmnopqrstuvwxyz")!, /GitHub token/);
  assert.match(secretReason("id", "AKIAIOSFODNN7EXAMPLE")!, /AWS access key/);
});
