// Imported first by every entrypoint: Node's deprecation notices from
// dependencies (punycode, via ajv) are not the user's business.
import process from "node:process";
process.noDeprecation = true;
