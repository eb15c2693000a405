/**
 * `deno task import` end to end on a hostile estate: a repository someone else
 * wrote, whose names, keys, values and file names hold quotes, backticks, `${`,
 * `*\/`, line ends, `...x` keys, `__proto__`, Markdown and HTML. The cluster
 * file the import writes is built, not concatenated: it parses, `deno fmt`
 * keeps it, and loaded it is exactly the estate's data, with no code of the
 * estate run. The report shows the estate's text as text: it opens no block,
 * heading, table cell, code span or HTML of its own.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { dump } from "js-yaml";
import { run, tempRepo } from "./_e2e.ts";

const REPO = "https://git.example.com/estate.git";
/** What an injected statement would set. */
const MARK = "globalThis.pwned = 1";

type Json = Record<string, unknown>;

/** Helm values with every trap: a JSON text so that `__proto__` is a key, not the prototype. */
const VALUES: Json = JSON.parse(
  JSON.stringify({
    "...globalThis": { "...x": "y" },
    "...x": "a key like a spread",
    "PROTO": { polluted: "yes" },
    [`a"b\`c\${${MARK}}`]: `*/ ${MARK}; /*`,
    "k\nl": "line1\nline2\u2028\u2029\u202e\u0085end",
    "</script><!--": "| cell | `x`",
    "list": ['"', "'", "`", "\\", "${x}", "*/", "\n});" + MARK + ";({"],
  }).replace('"PROTO"', '"__proto__"'),
);

const TEMPLATE = [
  {
    kind: "Cluster",
    name: "hostile",
    kubernetes: { version: "v1.34.1" },
    talos: { version: "v1.11.5" },
    labels: { "...globalThis": "x", 'a"b': "c*/d" },
    annotations: { [`k\n});${MARK};({`]: `\${${MARK}}\`\${${MARK}}\`` },
  },
  { kind: "ControlPlane", machineClass: { name: "cp", size: 1 } },
  { kind: "Workers", name: "gpu|</td><!--", machineClass: { name: "gpu", size: 1 } },
];

/** The finalizer the report names, as Markdown would read it unescaped: a heading, a comment. */
const FINALIZER = "x*/\n# Heading\n<!-- y";

const WEB = {
  apiVersion: "argoproj.io/v1alpha1",
  kind: "Application",
  metadata: {
    name: `web"; ${MARK}; //`,
    finalizers: [FINALIZER, "resources-finalizer.argocd.argoproj.io"],
  },
  spec: {
    source: {
      repoURL: "https://charts.example.com",
      chart: "web",
      targetRevision: "1.0.0",
      helm: { valuesObject: VALUES },
    },
    destination: { namespace: "web" },
    syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: [`X=\${${MARK}}`] },
  },
};

/** An ApplicationSet whose name breaks out of a `//` comment, over two folders with a shared project. */
const SET = {
  apiVersion: "argoproj.io/v1alpha1",
  kind: "ApplicationSet",
  metadata: { name: `set\n${MARK};\n//*/` },
  spec: {
    generators: [{ git: { repoURL: REPO, revision: "main", directories: [{ path: "apps/*" }] } }],
    template: {
      metadata: { name: "{{path.basename}}" },
      spec: {
        project: `team */ \${${MARK}}`,
        source: { repoURL: REPO, targetRevision: "main", path: "{{path}}" },
        destination: { namespace: "{{path.basename}}" },
      },
    },
  },
};

/** The file of the Application: a name with a line end, a table cell, a comment, a code span. */
const WEB_FILE = "argocd/we|b\n<!--`x`*_.yaml";

async function writeEstate(root: string): Promise<void> {
  const files: Record<string, string> = {
    "omni/template.yaml": TEMPLATE.map((doc) => dump(doc)).join("---\n"),
    [WEB_FILE]: dump(WEB),
    "argocd/set.yaml": dump(SET),
    "apps/one/configmap.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: one }\n",
    "apps/two/configmap.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: two }\n",
  };
  for (const [path, text] of Object.entries(files)) {
    await Deno.mkdir(join(root, path, ".."), { recursive: true });
    await Deno.writeTextFile(join(root, path), text);
  }
}

/** The backslash-escaped characters of a Markdown line taken out: what is left is markup. */
const unescaped = (line: string) => line.replace(/\\[\s\S]/g, "");

function assertReportIsText(report: string): void {
  const lines = report.split("\n");
  assert.deepEqual(lines.filter((line) => line.startsWith("#")).map((l) => l.split(" ")[0]), [
    "#",
    "##",
    "##",
  ]);
  const findings = lines.slice(lines.indexOf("## Not carried as it was, and why") + 1);
  for (const line of findings.filter(Boolean)) assert.match(line, /^- /, line);
  for (const line of lines.filter((line) => line.startsWith("|"))) {
    assert.equal(unescaped(line).split("|").length, 5, `a table row of 3 cells: ${line}`);
  }
  for (const line of lines) {
    assert.equal(unescaped(line).split("`").length % 2, 1, `code spans closed: ${line}`);
    assert.doesNotMatch(unescaped(line), /<!--|<\/?(script|td)\b|[*_]/, line);
    assert.doesNotMatch(line, /[\u202e\u2028\u0085]/, line);
  }
  assert.ok(report.includes("finalizers x\\*/ # Heading \\<!-- y not carried"), report);
  assert.ok(
    report.includes(
      `argocd/we\\|b \\<!--\\\`x\\\`\\*\\_.yaml (Application web"; ${MARK}; //)`,
    ),
    report,
  );
  assert.ok(report.includes("worker sets (workers, gpu\\|\\</td\\>\\<!--)"), report);
}

Deno.test("e2e: import of a hostile estate writes its names and values as data, never as code or markup", async () => {
  const dir = await tempRepo();
  const base = await Deno.makeTempDir({ prefix: "hydrate-hostile-" });
  // The source's path ends a block comment: the cluster file's doc names it.
  const estate = join(base, "x*", "evil estate");
  try {
    await writeEstate(estate);
    const imported = await run("import", dir, estate, "--repo-url", REPO);
    assert.equal(imported.code, 0, imported.stderr);
    const file = join(dir, "clusters/hostile.ts");
    const text = await Deno.readTextFile(file);
    const fmt = await new Deno.Command(Deno.execPath(), {
      args: ["fmt", "--check", file],
      cwd: dir,
    }).output();
    assert.ok(fmt.success, new TextDecoder().decode(fmt.stderr));
    assert.equal(text.indexOf("*/"), text.indexOf("\n */\n") + 2, "the doc comment ends once");

    const g = globalThis as { pwned?: unknown };
    const loaded = (await import(pathToFileURL(file).href)).default as Json;
    assert.equal(g.pwned, undefined, "no code of the estate ran");
    assert.equal(({} as { polluted?: unknown }).polluted, undefined, "no prototype changed");

    const apps = loaded.apps as Record<string, Json>;
    const web = Object.values(apps).find((app) => app.kind === "helm")!;
    assert.deepStrictEqual(web.values, VALUES, "the values are the estate's, key for key");
    assert.ok(Object.hasOwn(web.values as Json, "__proto__"));
    const omni = loaded.omni as Json;
    assert.deepStrictEqual(omni.labels, TEMPLATE[0].labels);
    assert.deepStrictEqual(omni.annotations, TEMPLATE[0].annotations);
    assert.deepEqual(Object.keys(omni.workerSets as Json), ["gpu|</td><!--"]);
    // The ApplicationSet's apps spread one constant, named by the import, holding the project.
    const constant = text.match(/^const ([A-Za-z_$][A-Za-z0-9_$]*) = /m)?.[1];
    assert.ok(constant, text);
    assert.equal(text.split(`...${constant},`).length - 1, 2, text);
    assert.equal(apps.one.project, SET.spec.template.spec.project);
    assert.equal(apps.two.project, SET.spec.template.spec.project);
    assert.deepEqual((web.application as Json).syncOptions, WEB.spec.syncPolicy.syncOptions);

    assertReportIsText(await Deno.readTextFile(join(dir, "clusters/hostile.import.md")));
  } finally {
    await Deno.remove(dir, { recursive: true });
    await Deno.remove(base, { recursive: true });
  }
});
