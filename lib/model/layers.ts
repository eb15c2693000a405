/**
 * Which file states a value: a cluster extends shared layers (`clusters/_*.ts`),
 * and a problem with a value it inherits belongs to the layer, not to every
 * cluster that extends it.
 *
 * @module
 */
import type { Problem } from "./problem.ts";

/** The keys of a problem path such as `apps.longhorn.routes[0].host`. */
export function pathKeys(path: string): (string | number)[] | undefined {
  if (!/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_.-]+|\[\d+\])*$/.test(path)) return undefined;
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) =>
    m[2] !== undefined ? Number(m[2]) : m[1]
  );
}

function at(value: unknown, keys: readonly (string | number)[]): unknown {
  let current = value;
  for (const key of keys) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

const same = (a: unknown, b: unknown) => {
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return a === b;
  }
};

/**
 * The layer that states the value a problem is about, when the cluster's value
 * there is the layer's own (it inherited it); `undefined` otherwise.
 *
 * @example
 * ```ts
 * import { statingLayer } from "./layers.ts";
 * import assert from "node:assert/strict";
 * const shared = { network: { pods: "10.244.0.1/16" } };
 * const cluster = { name: "a", network: { pods: "10.244.0.1/16" } };
 * const problem = { path: "network.pods", message: "has host bits set", severity: "error" as const };
 * assert.equal(statingLayer(problem, cluster, [["clusters/_shared.ts", shared]]), "clusters/_shared.ts");
 * ```
 */
export function statingLayer(
  problem: Problem,
  cluster: unknown,
  layers: readonly [string, unknown][],
): string | undefined {
  const keys = pathKeys(problem.path);
  if (!keys) return undefined;
  const value = at(cluster, keys);
  if (value === undefined) return undefined;
  return layers.find(([, layer]) => same(at(layer, keys), value))?.[0];
}
