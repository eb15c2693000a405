/**
 * The plain scalars that some YAML 1.1 reader types as something other than a
 * string, and the js-yaml dump schema that quotes every one of them.
 *
 * Rendered YAML is read by Go: Helm values, Argo CD and kustomize go through
 * sigs.k8s.io/yaml v1.4.0, whose goyaml.v2/resolve.go is gopkg.in/yaml.v2
 * v2.4.0's resolve.go (the same file, read from the Go module proxy). js-yaml's
 * `DUMP_SCHEMA` quotes what the YAML 1.1 spec types as js-yaml reads it, and
 * what YAML 1.2's core schema types; the readers type more than that:
 *
 * - yaml.v2 `resolve` removes every `_` from a scalar that starts with a digit
 *   or a sign, then tries Go's `strconv.ParseInt(s, 0, 64)` and `ParseUint`,
 *   which take `0X1F`, `0B101`, `+0o17`, `0O17` (and `0_x1F`, once the `_` is
 *   gone), and its `yamlStyleFloat` (`1_0e3`), then parses what follows a
 *   `0b` prefix in base 2, sign and all (`0b-1`); a scalar that starts with `.`
 *   goes to `strconv.ParseFloat` (`.5_0`). Its table of words (`y`, `N`, `on`,
 *   `~`, `.Inf`, `<<`) is the YAML 1.1 spec's. Its `parseTimestamp` takes Go's
 *   `time.Parse` layouts `2006-1-2` and `2006-1-2T15:4:5...`, whose month, day,
 *   hour, minute and second may be one digit (`2024-1-2`, `2024-1-2T3:4:5Z`),
 *   not all of which js-yaml's timestamp pattern takes. (kubernetes-sigs/yaml after
 *   v1.4.0 adds a `big.Int` fallback for longer integers; all digits is quoted
 *   here whatever its length.)
 * - eemeli/yaml 2.9.1 in `version: "1.1"` (the npm package's
 *   dist/schema/yaml-1.1/float.js, int.js, timestamp.js) reads `.`, `+.`, `._` as floats (`\.[0-9_]*`), an
 *   exponent without digits before it (`e3`, `.E-1`), `0_8` as decimal, and
 *   dates and times with one-digit fields and a `+5` zone.
 * - The YAML 1.1 spec (yaml.org/type/int.html, float.html, bool.html,
 *   null.html, timestamp.html, merge.html, value.html): its `=` value key,
 *   which js-yaml already quotes. Its float pattern's `\.[0-9.]*` is a known
 *   typo for `\.[0-9_]*` that no reader follows, so `1.18.3` stays plain.
 *
 * The rule is a superset of all of these: quoting a string that no reader
 * types costs nothing but two quotes, and missing one changes what is deployed.
 *
 * @module
 */
import { defineScalarTag, DUMP_SCHEMA, NOT_RESOLVED, type Schema } from "js-yaml";

/** Whole scalars a YAML 1.1 reader types: booleans, nulls, the merge key and the value key. */
const WORDS: ReadonlySet<string> = new Set(
  ("y Y yes Yes YES n N no No NO true True TRUE false False FALSE on On ON off Off OFF " +
    "~ null Null NULL << =").split(" ").concat(""),
);

/** A date, then nothing or a time: `YYYY-M-D`, with one or two digits for month and day. */
const TIMESTAMP = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:$|[Tt \t])/;

/** The first characters of the numbers below: only these scalars lose their `_` and are tested. */
const NUMBER_FIRST = /^[-+.0-9eE]/;

/**
 * A number once every `_` is gone: base 2, 8 and 16 in either case of prefix
 * (the digits may be missing, as `0x_` has none; a sign may follow `0b`, as
 * yaml.v2 parses what follows `0b` with `strconv.ParseInt(s, 2, 64)`, and
 * `0o`, as yaml.v3 does), base 60, the special floats in any sign, and
 * decimals with an optional point and exponent (`.`, `e3`).
 */
const NUMBER = new RegExp(
  "^[-+]?(?:0[bB][-+]?[01]*|0[oO][-+]?[0-7]*|0[xX][0-9a-fA-F]*" +
    "|[0-9]+(?::[0-5]?[0-9])+(?:\\.[0-9]*)?" +
    "|\\.(?:inf|Inf|INF|nan|NaN|NAN)" +
    "|(?=[0-9.eE])[0-9]*(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?)$",
);

/**
 * Whether a YAML 1.1 reader (the spec, Go's yaml.v2, eemeli/yaml) may read
 * this plain scalar as anything but the string itself.
 *
 * @example
 * ```ts
 * import { typedByYaml11 } from "./_yaml11_typed.ts";
 * import assert from "node:assert/strict";
 * assert.ok(["0X1F", "1_0e3", "190:20:30", "2024-1-2", "Y", "<<"].every(typedByYaml11));
 * assert.ok(!["1.18.3", "8080:80", "enabled"].some(typedByYaml11));
 * ```
 */
export function typedByYaml11(scalar: string): boolean {
  if (WORDS.has(scalar) || TIMESTAMP.test(scalar)) return true;
  return NUMBER_FIRST.test(scalar) && NUMBER.test(scalar.replaceAll("_", ""));
}

/** Every character a scalar {@link typedByYaml11} may start with ('' for the empty scalar). */
const FIRST_CHARS = [
  ...new Set([...WORDS].map((word) => word.charAt(0)).concat([..."-+.eE0123456789"])),
];

/**
 * A tag that no value is written with: it resolves the plain scalars that
 * {@link typedByYaml11}, so js-yaml's dumper finds them typed and quotes them.
 */
const yaml11Typed = defineScalarTag("tag:hydrate,2025:yaml11-typed", {
  implicit: true,
  implicitFirstChars: FIRST_CHARS,
  resolve: (source) => typedByYaml11(source) ? source : NOT_RESOLVED,
  identify: () => false,
});

/**
 * js-yaml's dump schema (YAML 1.1 and 1.2 types) and every scalar a YAML 1.1
 * reader types: a string is written plain only if every reader reads it back
 * as that string.
 *
 * @example
 * ```ts
 * import { QUOTING_SCHEMA } from "./_yaml11_typed.ts";
 * import { dump } from "js-yaml";
 * import assert from "node:assert/strict";
 * assert.equal(dump({ "0X1F": "1_0e3" }, { schema: QUOTING_SCHEMA }), "'0X1F': '1_0e3'\n");
 * ```
 */
export const QUOTING_SCHEMA: Schema = DUMP_SCHEMA.withTags(yaml11Typed);
