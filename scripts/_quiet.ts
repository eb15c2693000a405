// Imported first by every entrypoint: Node's deprecation notices from
// dependencies (punycode, through ajv) are not the user's business.
// `noDeprecation` is a documented Node flag its type declarations leave out.
import process from "node:process";
(process as { noDeprecation?: boolean }).noDeprecation = true;
