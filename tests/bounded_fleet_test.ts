/**
 * A cluster of 100,000 apps renders, or says what is wrong in bounded messages:
 * never `RangeError: Maximum call stack size exceeded` (a spread of 100,000
 * items into a call's arguments, a recursion as deep as the apps), never a
 * quadratic walk (a list copied for each app, all apps searched for each one),
 * never gigabytes of messages (every app named in each app's problem). The pure
 * render, as the tasks call it, without the vendored artifacts.
 */
import assert from "node:assert/strict";
import { renderCluster } from "../lib/render.ts";
import { syntheticCluster } from "../lib/bench/fleet.ts";

const APPS = 100_000;

type Apps = Record<string, { dependsOn?: string[]; routes: { namespace?: string }[] }>;

/** The benchmark's synthetic cluster of `APPS` apps, each changed by `change` (the index from 0). */
function fleet(change: (app: Apps[string], index: number) => void): Record<string, unknown> {
  const cluster = syntheticCluster(0, APPS) as unknown as { apps: Apps };
  for (let i = 0; i < APPS; i++) change(cluster.apps[`app-${i}`], i);
  return cluster;
}

Deno.test("100,000 apps, each syncing after the next, render", () => {
  const cluster = fleet((app, i) => {
    if (i + 1 < APPS) app.dependsOn = [`app-${i + 1}`];
  });
  const start = performance.now();
  const result = renderCluster(cluster, "clusters/fleet.ts");
  console.log(`100,000 apps rendered in ${Math.round(performance.now() - start)} ms`);
  assert.deepEqual(result.problems, []);
  // Each app: its Application, its values and its route.
  assert.ok(result.files.length > 3 * APPS, String(result.files.length));
  const wave = (app: string) => {
    const path = `apps/fleet-0/applications/${app}.yaml`;
    const file = result.files.find((file) => file.path === path);
    return Number(/sync-wave: '(\d+)'/.exec(String(file?.content))?.[1]);
  };
  assert.equal(wave("app-0"), wave(`app-${APPS - 1}`) + APPS - 1);
});

Deno.test("100,000 apps at fault each get a problem of bounded length", () => {
  const cluster = fleet((app, i) => {
    app.dependsOn = ["nowhere"];
    if (i > 0) app.routes[0].namespace = "team-0"; // app-0's namespace: depend on app-0
  });
  const start = performance.now();
  const result = renderCluster(cluster, "clusters/fleet.ts");
  console.log(`100,000 apps at fault checked in ${Math.round(performance.now() - start)} ms`);
  assert.deepEqual(result.files, []);
  const unknown = result.problems.filter((p) => p.path.endsWith(".dependsOn[0]"));
  assert.equal(unknown.length, APPS);
  assert.match(
    unknown[0].message,
    /^nowhere is not an app of this cluster \(apps: cilium, .* and \d+ more\)$/,
  );
  assert.ok(result.problems.every((p) => p.message.length < 2_000));
  const owners = result.problems.filter((p) => p.path.endsWith(".routes[0].namespace"));
  assert.equal(owners.length, APPS - 1 - Math.floor((APPS - 1) / 25));
});
