/**
 * Rule 6: no two pool blocks share an address, and no range runs backwards.
 *
 * @module
 */
import type { ClusterConfig } from "../model/schema.ts";
import { formatIPv4 } from "../model/net.ts";
import { error, type Problem } from "../model/problem.ts";
import type { Rule } from "./rule.ts";
import { type Block, poolBlocks } from "./_network.ts";

function input(cluster: ClusterConfig): Problem[] {
  const problems: Problem[] = [];
  const blocks = poolBlocks(cluster);
  for (const block of blocks.filter((b) => b.first > b.last)) {
    problems.push(
      error(
        `${block.path}.stop`,
        `${formatIPv4(block.last)} comes before start ${formatIPv4(block.first)}`,
      ),
    );
  }
  const sorted = blocks.filter((b) => b.first <= b.last).sort((a, b) => a.first - b.first);
  let widest: Block | undefined;
  for (const block of sorted) {
    if (widest && block.first <= widest.last) {
      problems.push(
        error(
          block.path,
          `${block.text} overlaps ${widest.text} (${widest.path}); pools must not share addresses`,
        ),
      );
    }
    if (!widest || block.last > widest.last) widest = block;
  }
  return problems;
}

/** Rule 6. */
export const rule: Rule = {
  id: "pools-disjoint",
  number: 6,
  statement: "pools do not overlap each other; a block's stop does not come before its start",
  prevents: "one address handed to two Services",
  severity: "error",
  input,
};
