// Imported first by every entrypoint, and preloaded by the test tasks: Node's deprecation notices
// from dependencies (`require('punycode')` in ajv-formats-draft2019, under kubernetes-models) are
// not the user's business.
// `noDeprecation` is a documented Node flag its type declarations leave out.
import process from "node:process";
(process as { noDeprecation?: boolean }).noDeprecation = true;
