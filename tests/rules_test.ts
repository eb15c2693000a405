/**
 * The rule registry: ids and numbers unique and in order, every rule with a
 * check, the README's table generated from it, and every rule's broken fixtures
 * found by its id in tests/broken/.
 */
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { RULES } from "../lib/rules/mod.ts";
import { ruleTable, ruleTableOf, tableCells } from "../lib/output/rule_table.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

Deno.test("rules: unique ids, numbers 1..n in registry order, each with a check", () => {
  assert.equal(new Set(RULES.map((rule) => rule.id)).size, RULES.length);
  assert.deepEqual(RULES.map((rule) => rule.number), RULES.map((_, i) => i + 1));
  for (const rule of RULES) {
    assert.ok(rule.input || rule.built || rule.pinned, `${rule.id} checks nothing`);
    assert.match(rule.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
  }
});

Deno.test("README's rule table is the registry's (run deno task docs, then deno fmt)", () => {
  const readme = Deno.readTextFileSync(join(ROOT, "README.md"));
  const table = ruleTableOf(readme);
  assert.ok(table, "README.md has the rule table markers");
  assert.deepEqual(tableCells(table), tableCells(ruleTable(RULES)));
});

Deno.test("every rule has a broken fixture that names it; every fixture names known rules", async () => {
  const dir = join(ROOT, "tests/broken");
  const names = [...Deno.readDirSync(dir)].map((entry) => entry.name).filter((n) =>
    n.endsWith(".ts")
  );
  const known = new Set([...RULES.map((rule) => rule.id), "schema", "patch-targets"]);
  const covered = new Set<string>();
  for (const name of names) {
    const { rules } = await import(`./broken/${name}`) as { rules?: string[] };
    assert.ok(Array.isArray(rules) && rules.length > 0, `${name} names the rules it breaks`);
    for (const id of rules) {
      assert.ok(known.has(id), `${name}: ${id} is no rule`);
      covered.add(id);
    }
  }
  const missing = RULES.map((rule) => rule.id).filter((id) => !covered.has(id));
  assert.deepEqual(missing, [], "rules without a broken fixture");
});
