// A cluster file states data: NaN, Infinity, a negative count, a function, a BigInt and a value
// that contains itself are each named by path (never a stack trace from the emitter).
import { defineCluster, longhorn } from "../../mod.ts";
import homelab from "../../clusters/homelab.ts";

const loop: Record<string, unknown> = { name: "loop" };
loop.again = loop;

export default defineCluster(homelab, {
  apps: {
    longhorn: longhorn({
      values: {
        persistence: { defaultClassReplicaCount: -1 },
        csi: { attacherReplicaCount: NaN, provisionerReplicaCount: Infinity },
        hook: () => "computed",
        size: 10n,
        loop,
      },
    }),
  },
});

/** The rules it breaks. */
export const rules: string[] = ["schema"];

export const expected: string[] = [
  "tests/broken/values_not_data.ts: apps.longhorn.values.persistence.defaultClassReplicaCount: -1 is a negative count",
  "tests/broken/values_not_data.ts: apps.longhorn.values.csi.attacherReplicaCount: NaN is not a finite number, which YAML cannot hold",
  "tests/broken/values_not_data.ts: apps.longhorn.values.csi.provisionerReplicaCount: Infinity is not a finite number, which YAML cannot hold",
  "tests/broken/values_not_data.ts: apps.longhorn.values.hook: a function is not data (a cluster file states values, it does not compute them at render)",
  "tests/broken/values_not_data.ts: apps.longhorn.values.size: 10n is a BigInt, which YAML cannot hold: write a number",
  "tests/broken/values_not_data.ts: apps.longhorn.values.loop.again: refers back to apps.longhorn.values.loop: a value cannot contain itself",
];
