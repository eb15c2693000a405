import assert from "node:assert/strict";
import fc from "fast-check";
import { load } from "js-yaml";
import { parse } from "yaml";
import { fastYaml } from "./_yaml_writer.ts";
import { typedByYaml11 } from "./_yaml11_typed.ts";
import { jsYamlDump, KEY_ORDER, toYaml } from "./yaml.ts";

/**
 * Pieces of the plain scalars that YAML 1.1 readers type: digits, signs, `_`,
 * `:`, `.`, exponents, base prefixes in both cases, the special floats, the
 * boolean and null words, `~`, `<<`, `=`, and the parts of a date and a time.
 */
const PIECES = [
  ..."0123456789",
  ..."0123456789",
  "00",
  "59",
  "60",
  "_",
  "_",
  ":",
  ":",
  ".",
  ".",
  "+",
  "-",
  "e",
  "E",
  "e+",
  "e-",
  "0x",
  "0X",
  "0b",
  "0B",
  "0o",
  "0O",
  "a",
  "F",
  "inf",
  "Inf",
  "NAN",
  "y",
  "n",
  "o",
  "yes",
  "no",
  "on",
  "off",
  "true",
  "null",
  "~",
  "<",
  "<<",
  "=",
  " ",
  "T",
  "t",
  "Z",
  "2024-",
  "1-2",
  "12:30:45",
];

/** The words YAML 1.1 types (and near misses), in every mix of upper and lower case. */
const WORDS = [
  "y",
  "yes",
  "n",
  "no",
  "on",
  "off",
  "true",
  "false",
  "null",
  "~",
  ".inf",
  "-.inf",
  "+.inf",
  ".nan",
  "<<",
  "=",
];

/** Numbers as YAML 1.1 and Go's strconv spell them: signs, base prefixes, `_`, base 60, exponents. */
const NUMBER =
  /^[-+]?(?:0[xXbBoO])?[0-9a-fA-F_]{0,5}(?:[.:][0-9_]{0,3}){0,3}(?:[eE][-+]?[0-9_]{1,3})?$/;

/** Dates and times as YAML 1.1 (and Go's time.Parse, with one-digit fields) spell them. */
const TIMESTAMP =
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]{1,2})[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]{1,4})?(?:[ \t]?(?:Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$/;

const text = fc.oneof(
  {
    arbitrary: fc.array(fc.constantFrom(...PIECES), { maxLength: 6 }).map((p) => p.join("")),
    weight: 4,
  },
  { arbitrary: fc.mixedCase(fc.constantFrom(...WORDS)), weight: 2 },
  { arbitrary: fc.stringMatching(NUMBER), weight: 3 },
  { arbitrary: fc.stringMatching(TIMESTAMP), weight: 1 },
  { arbitrary: fc.string({ maxLength: 6 }), weight: 1 },
);

/** A document of generated strings as keys, values and sequence items. */
const document = fc.tuple(
  fc.array(fc.tuple(text, text), { maxLength: 6 }),
  fc.array(text, { maxLength: 4 }),
)
  .map(([pairs, items]) => ({ ...Object.fromEntries(pairs), items }));

/** What each reader makes of a text: YAML 1.1 (eemeli/yaml), YAML 1.2 core (eemeli/yaml) and js-yaml. */
function readings(yaml: string): Record<string, unknown> {
  return {
    "yaml 1.1": parse(yaml, { version: "1.1" }),
    "yaml 1.2": parse(yaml),
    "js-yaml": load(yaml),
  };
}

/** The strings the issue names, always run first. */
const NAMED = [
  "0X1F",
  "0B101",
  "+0o17",
  "1_000",
  "1_0e3",
  "190:20:30",
  "1:30.5",
  "0755",
  ".Inf",
  "y",
  "n",
  "~",
  "<<",
  "=",
  "2024-1-2",
  "._",
];

Deno.test("every string reads back as the same string to YAML 1.1 and YAML 1.2 readers, as key and as value", () => {
  const check = (value: Record<string, unknown>) => {
    // Both ways a document is written: the fast path (where it takes it) and js-yaml.
    const texts = {
      toYaml: toYaml(value),
      "js-yaml": jsYamlDump(value),
      fast: fastYaml(value, KEY_ORDER),
    };
    for (const [path, yaml] of Object.entries(texts)) {
      if (yaml === undefined) continue;
      for (const [reader, read] of Object.entries(readings(yaml))) {
        assert.deepEqual(read, value, `${reader} reading ${path}'s\n${yaml}`);
      }
    }
  };
  for (const named of NAMED) check({ [named]: named, items: [named] });
  fc.assert(fc.property(document, check), { numRuns: 1500 });
});

Deno.test("strings no reader types stay plain: versions, addresses, ports, durations", () => {
  const plain = ["1.18.3", "10.0.0.1", "8080:80", "30s", "v1.2", "e", "_1", "+", "1-2", "enabled"];
  for (const value of plain) {
    assert.equal(toYaml({ [value]: value }), `${value}: ${value}\n`);
  }
});

/** Whether Go is here to build tests/yaml11_go (the cross-check below is skipped where it is not). */
function hasGo(): boolean {
  try {
    return new Deno.Command("go", { args: ["version"], stdout: "null", stderr: "null" })
      .outputSync().success;
  } catch {
    return false;
  }
}

/** Whether sigs.k8s.io/yaml's JSON (Go escapes `<`, `>`, `&`) is the mapping from `s` to `s`. */
function readsBack(json: string, s: string): boolean {
  if (json.startsWith("error: ")) return false;
  return JSON.stringify(JSON.parse(json)) === JSON.stringify({ [s]: s });
}

/** What Go's readers make of each string: tests/yaml11_go's answer, one per string. */
async function goReadings(strings: string[]): Promise<{ typed: boolean; json: string }[]> {
  const lines = strings.map((s) => JSON.stringify({ s, doc: toYaml({ [s]: s }) }) + "\n").join("");
  const child = new Deno.Command("go", {
    args: ["run", "."],
    cwd: new URL("../../tests/yaml11_go/", import.meta.url),
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  // Read while writing: the reader answers line by line and would block on a full pipe.
  const output = child.output();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(lines));
  await writer.close();
  const { success, stdout, stderr } = await output;
  assert.ok(success, `go run tests/yaml11_go failed: ${new TextDecoder().decode(stderr)}`);
  return new TextDecoder().decode(stdout).trim().split("\n").map((line) => JSON.parse(line));
}

Deno.test({
  name:
    "Go's yaml.v2 and sigs.k8s.io/yaml read every string back, and type none that is left plain",
  ignore: !hasGo(),
  fn: async () => {
    const strings = [...new Set([...NAMED, ...fc.sample(text, 4000)])];
    const readings = await goReadings(strings);
    assert.equal(readings.length, strings.length);
    const wrong = strings.flatMap((s, i) => {
      const { typed, json } = readings[i];
      const missed = typed && !typedByYaml11(s) ? [`yaml.v2 types ${JSON.stringify(s)}`] : [];
      const back = readsBack(json, s)
        ? []
        : [`sigs.k8s.io/yaml reads ${JSON.stringify(s)} as ${json}`];
      return [...missed, ...back];
    });
    assert.deepEqual(wrong, []);
  },
});
