/**
 * `deno task docs`: writes the rule table of README.md from the rule registry
 * (lib/rules/mod.ts). `deno fmt` then pads its columns; the tests compare the
 * cells, so a rule changed without `deno task docs` fails them.
 */
import "./_quiet.ts";
import { RULES } from "../lib/rules/mod.ts";
import { ruleTable, withRuleTable } from "../lib/output/rule_table.ts";
import { wantsHelp } from "./_cli.ts";

if (
  wantsHelp(`usage: deno task docs

Writes README.md's rule table from the rule registry (lib/rules/mod.ts); run deno fmt after.`)
) Deno.exit(0);

const readme = Deno.readTextFileSync("README.md");
const next = withRuleTable(readme, ruleTable(RULES));
if (next === undefined) {
  console.error("README.md: the rule table markers are missing");
  Deno.exit(1);
}
if (next !== readme) Deno.writeTextFileSync("README.md", next);
console.log(`README.md: rule table of ${RULES.length} rules written; run deno fmt README.md`);
