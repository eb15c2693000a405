/**
 * For tests: a cluster's build as the renderer makes it, before patches and
 * rules, so a test can break it and run one rule on it.
 */
import assert from "node:assert/strict";
import { buildCluster } from "./cluster.ts";
import { components, syncWaves } from "./components.ts";
import { parseCluster } from "../model/parse.ts";
import type { Build } from "../model/build.ts";

/** The build of a cluster file's data; fails the test when the data does not parse or sort. */
export function buildOf(input: unknown): Build {
  const parsed = parseCluster(input);
  assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.problems));
  const list = components(parsed.cluster);
  const waves = syncWaves(list);
  assert.ok(waves.ok);
  return buildCluster(parsed.cluster, list, waves.waves);
}
