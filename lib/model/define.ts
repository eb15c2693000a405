/**
 * Composing a cluster file from layers, Jsonnet-style: shared defaults first,
 * then what this cluster states differently.
 *
 * @module
 */
import type { ClusterInput } from "./schema.ts";
import { deepMerge, type Override } from "./merge.ts";

/** A layer of a cluster: any part of it, with `append()` and `remove()` where a base has something to extend. */
export type ClusterLayer = Override<ClusterInput>;

/**
 * Merges layers left to right (objects merge key by key, arrays and scalars
 * replace, `append()`/`remove()` explicit) into one cluster. Each layer is typed,
 * so a misspelt key is a compile error; the schema checks the result again when it
 * is rendered, and names what is missing.
 *
 * @example
 * ```ts
 * import { defineCluster } from "./define.ts";
 * import { append } from "./merge.ts";
 * import assert from "node:assert/strict";
 * const shared = { domain: "example.com", network: { nameservers: ["1.1.1.1"] } };
 * const cluster = defineCluster(shared, { name: "lab", network: { nameservers: append("9.9.9.9") } });
 * assert.deepEqual(cluster.network?.nameservers, ["1.1.1.1", "9.9.9.9"]);
 * assert.equal(cluster.domain, "example.com");
 * ```
 */
export function defineCluster(...layers: ClusterLayer[]): ClusterInput {
  return layers.reduce<unknown>((merged, layer) => deepMerge(merged, layer), {}) as ClusterInput;
}
