// Imported first by every entrypoint, and preloaded by the test tasks: Node's deprecation notices
// from dependencies (`require('punycode')` in ajv-formats-draft2019, under kubernetes-models) are
// not the user's business.
// `noDeprecation` is a documented Node flag its type declarations leave out.
// The global, not `node:process`: deno.json keeps that module from cluster files (its `pid`).
(globalThis.process as { noDeprecation?: boolean }).noDeprecation = true;
