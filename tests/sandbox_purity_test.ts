/**
 * A cluster file is a pure function of the repository: in the sandbox the
 * clock, randomness, the CPU count, the time zone, the locale, the working
 * directory and the machine's paths and ids are fixed or absent, and a new
 * realm (which would bring them back) is refused. A cluster file that writes
 * what it can observe into its own ConfigMap renders the same bytes from two
 * copies of the repository, in two time zones and locales, at two moments.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { load } from "js-yaml";
import { snapshot, tempRepo } from "./_e2e.ts";

/**
 * A cluster file that writes what it observes (or what refusing it said) into a
 * ConfigMap, after trying to put back what the sandbox took away.
 */
const OBSERVER = String.raw`import { defineCluster, manifestsApp } from "../mod.ts";
import homelab from "./homelab.ts";

const observed: Record<string, string> = {};
const g = globalThis as unknown as Record<string, any>;
const text = (value: unknown) =>
  typeof value === "string" ? value.replaceAll("\n", " | ") : JSON.stringify(value) ?? String(value);
const see = (key: string, look: () => unknown) => {
  try {
    observed[key] = text(look());
  } catch (error) {
    observed[key] = "threw " + String(error).split("\n")[0];
  }
};
const seeLater = async (key: string, look: () => Promise<unknown>) => {
  try {
    observed[key] = text(await look());
  } catch (error) {
    observed[key] = "threw " + String(error).split("\n")[0];
  }
};
// What a cluster file might try first: put the originals back.
see("restore.date", () => Object.defineProperty(Date, "now", { value: () => 1 }));
see("restore.random", () => { (Math as { random: () => number }).random = () => 0.5; });
see("restore.stack", () => { (Error as { prepareStackTrace?: unknown }).prepareStackTrace = () => "mine"; });
see("restore.process", () => Object.getPrototypeOf(g.process).pid);
see("restore.internal", () => typeof g.Deno[g.Deno.internal]);
// The clock.
see("clock.now", () => Date.now());
see("clock.new", () => new Date());
see("clock.call", () => Date());
see("clock.subclass", () => new (class extends Date {})());
see("clock.intl", () => new Intl.DateTimeFormat("en", { timeZone: "UTC" }).format());
see("clock.parts", () => new Intl.DateTimeFormat().formatToParts());
see("clock.temporal", () => g.Temporal.Now.instant());
see("clock.performance", () => performance.now());
see("clock.origin", () => performance.timeOrigin);
see("clock.mark", () => performance.mark("x").startTime);
see("clock.hrtime", () => g.process.hrtime());
see("clock.uptime", () => g.process.uptime());
see("clock.mtime", () => g.Deno.statSync(new URL("./homelab.ts", import.meta.url)).mtime);
// Randomness.
see("random.math", () => Math.random());
see("random.values", () => crypto.getRandomValues(new Uint8Array(4)));
see("random.uuid", () => crypto.randomUUID());
await seeLater("random.node", async () => (await import("node:crypto")).randomBytes(4));
// The CPU count.
see("cpus.navigator", () => navigator.hardwareConcurrency);
await seeLater("cpus.os", async () => (await import("node:os")).availableParallelism());
// The time zone and the locale.
see("zone.intl", () => Intl.DateTimeFormat().resolvedOptions().timeZone);
see("zone.offset", () => new Date(0).getTimezoneOffset());
see("zone.hours", () => new Date(0).getHours());
see("zone.local", () => new Date(2024, 0, 1, 12).getTime());
see("zone.string", () => new Date(0).toString());
see("zone.locale", () => new Date(0).toLocaleString());
see("zone.parse", () => Date.parse("2024-01-01T00:00"));
see("zone.legacy", () => Date.parse("Jan 1 2024 10:00"));
see("locale.intl", () => new Intl.NumberFormat().resolvedOptions().locale);
see("locale.navigator", () => [navigator.language, navigator.languages]);
see("locale.number", () => (1234.5).toLocaleString());
see("locale.compare", () => ["b", "a", "B", "ä"].sort((a, b) => a.localeCompare(b)));
// The working directory.
see("cwd.deno", () => g.Deno.cwd());
see("cwd.process", () => g.process.cwd());
await seeLater("cwd.path", async () => (await import("node:path")).resolve("x"));
// The machine.
see("machine.pid", () => g.Deno.pid);
see("machine.process", () => g.process.pid);
see("machine.exec", () => g.Deno.execPath());
see("machine.os", () => g.Deno.build.os);
see("machine.memory", () => g.Deno.memoryUsage());
see("machine.options", () => [g.Deno.env.get("NODE_OPTIONS"), g.process.env.NODE_OPTIONS]);
see("machine.color", () => g.Deno.noColor);
see("machine.location", () => g.location);
see("machine.stack", () => new Error("here").stack);
see("machine.folder", () => [...g.Deno.readDirSync(new URL(".", import.meta.url))].map((e: { name: string }) => e.name));
// A new realm, or another sandbox.
see("realm.worker", () => new Worker("data:text/javascript,postMessage(Date.now())", { type: "module" }));
see("realm.channel", () => new BroadcastChannel("hydrate"));
await seeLater("realm.node", async () => new (await import("node:worker_threads")).Worker(new URL("data:text/javascript,1")));
await seeLater("realm.vm", async () => (await import("node:vm")).runInNewContext("Date.now()"));

export default defineCluster(homelab, {
  name: "observer",
  apps: {
    observed: manifestsApp({
      namespace: "observed",
      resources: [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "observed" }, data: observed }],
    }),
  },
});
`;

/** Runs a task as `run` of `_e2e.ts` does, with more of the environment set. */
async function runWith(task: string, cwd: string, env: Record<string, string>) {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["task", "-q", task],
    cwd,
    env: { NO_COLOR: "1", ...env },
    stdout: "piped",
    stderr: "piped",
  }).output();
  return { code: output.code, stderr: new TextDecoder().decode(output.stderr) };
}

/** A temporary repository with one more cluster file. */
async function withCluster(name: string, code: string): Promise<string> {
  const dir = await tempRepo();
  await Deno.writeTextFile(join(dir, "clusters", name), code);
  return dir;
}

/** What the observer wrote, by key (its ConfigMap's data). */
function observations(configMap: string): Map<string, string> {
  const data = (load(configMap) as { data?: Record<string, string> } | undefined)?.data ?? {};
  return new Map(Object.entries(data));
}

Deno.test("two copies of a repository, in two time zones and locales, render a cluster file's observations to the same bytes", async () => {
  const first = await withCluster("observer.ts", OBSERVER);
  const second = await withCluster("observer.ts", OBSERVER);
  try {
    const a = await runWith("render", first, {
      TZ: "UTC",
      LANG: "en_US.UTF-8",
      LC_ALL: "en_US.UTF-8",
    });
    assert.equal(a.code, 0, a.stderr);
    const b = await runWith("render", second, {
      TZ: "Asia/Kolkata",
      LANG: "de_DE.UTF-8",
      LC_ALL: "de_DE.UTF-8",
      NODE_OPTIONS: "--no-warnings",
    });
    assert.equal(b.code, 0, b.stderr);
    const rendered = await snapshot(join(first, "apps/observer"));
    assert.deepEqual(await snapshot(join(second, "apps/observer")), rendered);
    const seen = observations(rendered.get("observed/configmap-observed.yaml") ?? "");
    const refused = (key: string, what: string) =>
      assert.match(
        seen.get(key) ?? "",
        new RegExp(`^threw Error: ${what} is not available to a cluster file \\(`),
        key,
      );
    for (const key of ["clock.now", "clock.new", "clock.call", "clock.subclass", "clock.intl"]) {
      refused(
        key,
        "(Date\\.now\\(\\)|new Date\\(\\) without a value|Date\\(\\)|Intl\\.DateTimeFormat's format\\(\\) without a date)",
      );
    }
    refused("random.math", "Math\\.random\\(\\)");
    refused("random.node", "crypto\\.getRandomValues\\(\\)");
    refused("cwd.deno", "Deno\\.cwd");
    refused("cwd.path", "process\\.cwd");
    refused("realm.worker", "new Worker\\(\\)");
    // deno.json maps these modules to one that throws; the realm's own refusal stands behind it.
    refused("realm.node", "(new Worker\\(\\)|this module)");
    refused("realm.vm", "(vm\\.Script's runInNewContext\\(\\)|this module)");
    assert.equal(seen.get("cpus.navigator"), "1");
    assert.equal(seen.get("cpus.os"), "1");
    assert.equal(seen.get("zone.intl"), "UTC");
    assert.equal(
      seen.get("zone.string"),
      "Thu Jan 01 1970 00:00:00 GMT+0000 (Coordinated Universal Time)",
    );
    assert.equal(seen.get("locale.number"), "1,234.5");
    assert.equal(seen.get("machine.options"), "[null,null]");
    assert.equal(seen.get("restore.internal"), "undefined");
    assert.match(seen.get("restore.date") ?? "", /^threw TypeError: Cannot redefine property: now/);
    assert.match(
      seen.get("machine.stack") ?? "",
      /^Error: here \| +at clusters\/observer\.ts:\d+:\d+ \| +at see \(clusters\/observer\.ts:\d+:\d+\)/,
    );
  } finally {
    await Deno.remove(first, { recursive: true });
    await Deno.remove(second, { recursive: true });
  }
});

Deno.test("a cluster file that puts the path of the sources in its data is refused, named", async () => {
  const dir = await withCluster(
    "leak.ts",
    `import homelab from "./homelab.ts";\nexport default { ...homelab, name: "leak", domain: new URL(".", import.meta.url).pathname.split("/").at(-3) + ".example.com" };\n`,
  );
  try {
    const result = await runWith("render", dir, {});
    assert.equal(result.code, 1, result.stderr);
    assert.match(
      result.stderr,
      /^clusters\/leak\.ts: cannot be loaded: its data holds the path the sources were copied to for this render \(at domain: import\.meta\.url\?\)/m,
    );
    assert.match(result.stderr, /Nothing written/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
