/**
 * The architecture holds: lib/ is layered model -> build -> rules -> output, with
 * lib/render.ts composing them, and the tools above it (lib/bench/, the fleet the
 * bench renders; lib/import/, `deno task import`); no module imports a higher layer, and the
 * import graph of lib/ has no cycle. Read from the sources' import lines (the
 * static imports; lib/ has no dynamic import).
 */
import assert from "node:assert/strict";
import { dirname, join, normalize, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const LAYERS = ["model", "build", "rules", "output"] as const;

/** The layer of a lib/ path: its folder's rank; lib/render.ts above all four, tools above that. */
function rank(path: string): number {
  const [, folder] = path.split("/");
  const index = (LAYERS as readonly string[]).indexOf(folder);
  if (index >= 0) return index;
  return path === "lib/render.ts" ? LAYERS.length : LAYERS.length + 1;
}

function libFiles(dir = "lib"): string[] {
  return [...Deno.readDirSync(join(ROOT, dir))].flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) return libFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith("_test.ts") ? [path] : [];
  });
}

/** The lib/ modules a module imports: static (with or without bindings), re-exports, dynamic. */
function importsOf(path: string): string[] {
  const text = Deno.readTextFileSync(join(ROOT, path));
  const specs = [
    ...text.matchAll(/^\s*(?:import|export)\s(?:[^;"'(`]*?\sfrom\s+)?["'](\.[^"']+)["']/gm),
    ...text.matchAll(/\bimport\(\s*["'](\.[^"']+)["']\s*\)/g),
  ].map((m) => m[1]);
  return specs.map((spec) => relative(ROOT, normalize(join(ROOT, dirname(path), spec))))
    .filter((target) => target.startsWith("lib/"));
}

const graph = new Map(libFiles().map((path) => [path, importsOf(path)]));

Deno.test("no lib/ module imports a higher layer", () => {
  const upward = [...graph].flatMap(([path, targets]) =>
    targets.filter((target) => rank(target) > rank(path)).map((target) => `${path} -> ${target}`)
  );
  assert.deepEqual(upward, []);
});

Deno.test("the import graph of lib/ has no cycle", () => {
  const state = new Map<string, "open" | "done">();
  const cycles: string[] = [];
  const visit = (path: string, trail: string[]) => {
    if (state.get(path) === "done") return;
    if (state.get(path) === "open") {
      cycles.push([...trail.slice(trail.indexOf(path)), path].join(" -> "));
      return;
    }
    state.set(path, "open");
    for (const target of graph.get(path) ?? []) visit(target, [...trail, path]);
    state.set(path, "done");
  };
  for (const path of graph.keys()) visit(path, []);
  assert.deepEqual(cycles, []);
});

Deno.test("every lib/ module sits in a layer", () => {
  const loose = [...graph.keys()].filter((path) =>
    rank(path) > LAYERS.length && !path.startsWith("lib/bench/") && !path.startsWith("lib/import/")
  );
  assert.deepEqual(loose, []);
});

Deno.test("no top-level function in lib/ is longer than 60 lines", () => {
  const long: string[] = [];
  for (const path of graph.keys()) {
    const lines = Deno.readTextFileSync(join(ROOT, path)).split("\n");
    let start = -1;
    let name = "";
    lines.forEach((line, i) => {
      const match = line.match(
        /^(?:export )?(?:default )?(?:async )?(?:function\*?\s+(\w+)|const (\w+)\s*=\s*(?:async\s*)?\(.*=>\s*\{?$)/,
      );
      if (match) [start, name] = [i, match[1] ?? match[2]];
      else if (line.startsWith("}") && start >= 0) {
        if (i - start + 1 > 60) long.push(`${path}: ${name} (${i - start + 1} lines)`);
        start = -1;
      }
    });
  }
  assert.deepEqual(long, []);
});
