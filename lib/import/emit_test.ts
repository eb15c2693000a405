import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { clusterSource, literal, SPREAD } from "./emit.ts";
import { importRepository, type SourceTree } from "./mod.ts";

/** What a literal evaluates to (it is JavaScript as well as TypeScript). */
const evaluate = (text: string): unknown => new Function(`return (${text});`)();

/** Stand-ins for the project's mod.ts: the builders add their kind, defineCluster returns its data. */
const MOD = `export const defineCluster = (data) => data;
export const helmApp = (spec) => ({ kind: "helm", ...spec });
export const gitApp = (spec) => ({ kind: "git", ...spec });
export const manifestsApp = (spec) => ({ kind: "manifests", ...spec });
`;

/** A cluster file's source loaded as a module beside a stand-in mod.ts: its default export. */
async function load(source: string): Promise<Record<string, unknown>> {
  const dir = await Deno.makeTempDir({ prefix: "hydrate-emit-" });
  try {
    await Deno.writeTextFile(join(dir, "mod.ts"), MOD);
    await Deno.mkdir(join(dir, "clusters"));
    await Deno.writeTextFile(join(dir, "clusters/x.ts"), source);
    return (await import(pathToFileURL(join(dir, "clusters/x.ts")).href)).default;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const pwned = () => (globalThis as { pwned?: unknown }).pwned;

Deno.test("emit: a key like a spread (`...x`) is a quoted key, never a spread", () => {
  const data = { "...x": 1, "...globalThis": { "...y": "z" } };
  const text = literal(data);
  assert.equal(text, '{ "...x": 1, "...globalThis": { "...y": "z" } }');
  assert.deepEqual(evaluate(text), data);
  assert.deepEqual(evaluate(literal(data, 0, 95)), data, "written over lines too");
});

Deno.test("emit: a spread is only the emitter's own marker, naming an identifier", () => {
  assert.equal(literal({ appsSet: SPREAD, path: "a" }), '{ ...appsSet, path: "a" }');
  assert.throws(() => literal({ "x; y": SPREAD }), /"x; y" cannot name a constant/);
  assert.throws(() => literal({ defineCluster: SPREAD }), /cannot name a constant/);
});

Deno.test("emit: a __proto__ key stays a key, not the object's prototype", () => {
  const data = JSON.parse('{"__proto__": {"polluted": "yes"}, "a": 1}');
  const back = evaluate(literal(data)) as Record<string, unknown>;
  assert.ok(Object.hasOwn(back, "__proto__"));
  assert.equal(Object.getPrototypeOf(back), Object.prototype);
  assert.deepStrictEqual(back, data);
});

Deno.test("emit: strings hold exactly their text; what does not show is escaped in the source", () => {
  const text = ["a\"b'c`${x}\\", "*/ x /*", "\u2028\u2029\u202e\u0085\u0000\ufeff", "\n});x;({"];
  const source = literal(text);
  for (const hidden of "\u2028\u2029\u202e\u0085\u0000\ufeff\n") {
    assert.ok(!source.includes(hidden), `U+${hidden.charCodeAt(0).toString(16)} in ${source}`);
  }
  assert.deepEqual(evaluate(source), text);
  assert.equal(literal(Infinity), "Infinity");
  assert.ok(Object.is(evaluate(literal(-0)), -0));
  assert.throws(() => literal(new Date(0)), /a Date is no data a cluster file can hold/);
});

Deno.test("emit: no comment of the cluster file can be ended or broken by the text it quotes", async () => {
  const source = clusterSource(
    { name: "x", apps: { a: { kind: "git", sharedSet: SPREAD, path: "a" } } },
    ["From a*/b.", `line\nglobalThis.pwned = 1;\n//`],
    {
      sharedSet: {
        comment: `The set x\nglobalThis.pwned = 2;\u2028globalThis.pwned = 3;\n//*/`,
        value: { project: "p" },
      },
    },
  );
  const loaded = await load(source);
  assert.equal(pwned(), undefined, source);
  assert.deepEqual(loaded, { name: "x", apps: { a: { kind: "git", project: "p", path: "a" } } });
});

const TEMPLATE = `kind: Cluster
name: lab
kubernetes: { version: v1.34.1 }
talos: { version: v1.11.5 }
---
kind: ControlPlane
machineClass: { name: lab-cp, size: 1 }
`;

const REPO = "https://git.example.com/infra.git";

/** An ApplicationSet over `dir/*`, its apps in project `project`. */
const appSet = (name: string, dir: string, project: string) =>
  `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata: { name: ${JSON.stringify(name)} }
spec:
  generators: [{ git: { repoURL: ${REPO}, revision: main, directories: [{ path: "${dir}/*" }] } }]
  template:
    metadata: { name: "{{path.basename}}" }
    spec:
      project: ${project}
      source: { repoURL: ${REPO}, targetRevision: main, path: "{{path}}" }
      destination: { namespace: "{{path.basename}}" }
`;

Deno.test("import: ApplicationSets whose names give one constant name get a constant each", async () => {
  const tree: SourceTree = {
    files: new Map([
      ["omni/template.yaml", TEMPLATE],
      ["argocd/a.yaml", appSet("a-b", "one", "first")],
      ["argocd/b.yaml", appSet("aB", "two", "second")],
      ["argocd/c.yaml", appSet(`\n${"globalThis.pwned = 4;"}\n//`, "three", "third")],
    ]),
    folders: new Set([
      "one",
      "one/a",
      "one/b",
      "two",
      "two/c",
      "two/d",
      "three",
      "three/e",
      "three/f",
    ]),
  };
  const result = importRepository(tree, { sourcePath: "src" });
  assert.ok(typeof result === "object");
  assert.match(result.source, /^const aBSet = /m);
  assert.match(result.source, /^const aBSet2 = /m);
  assert.match(result.source, /^const globalThisPwned4Set = /m);
  const loaded = await load(result.source);
  assert.equal(pwned(), undefined);
  const apps = loaded.apps as Record<string, { project?: string }>;
  assert.deepEqual(
    Object.fromEntries(Object.entries(apps).map(([name, app]) => [name, app.project])),
    { a: "first", b: "first", c: "second", d: "second", e: "third", f: "third" },
  );
  assert.deepEqual(loaded, JSON.parse(JSON.stringify(result.cluster)), "the import's data");
});
