import assert from "node:assert/strict";
import { importRepository } from "./mod.ts";

const TEMPLATE = `kind: Cluster
name: lab
kubernetes: { version: v1.34.1 }
talos: { version: v1.11.5 }
---
kind: ControlPlane
machineClass: { name: lab-cp, size: 1 }
---
kind: Workers
name: "gpu|x</td>"
machineClass: { name: gpu, size: 1 }
`;

const APP = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: "*web*_x_"
  finalizers: ["<!-- x\\n# Heading\\n| a | b |\\n\`\`\`", "<script>x</script>"]
spec:
  source: { repoURL: https://charts.example.com, chart: "web[1](https://evil.example)", targetRevision: "1.0.0 &amp; ~~$x$~~" }
  destination: { namespace: web }
`;

/** A Markdown line without its backslash escapes: what is left is what renders as markup. */
const markup = (line: string) => line.replace(/\\[\s\S]/g, "");

Deno.test("report: the source's names, paths and findings render as text, never as Markdown or HTML", () => {
  const result = importRepository({
    files: new Map([
      ["omni/template.yaml", TEMPLATE],
      ["argocd/we|b\n# not a heading <!--.yaml", APP],
    ]),
    folders: new Set(["omni", "argocd"]),
  }, { sourcePath: "src\n# also not a heading *x*" });
  assert.ok(typeof result === "object");
  const lines = result.report.split("\n");
  assert.deepEqual(lines.filter((line) => line.startsWith("#")).map((l) => l.split(" ")[0]), [
    "#",
    "##",
    "##",
  ]);
  const findings = lines.slice(lines.indexOf("## Not carried as it was, and why") + 1);
  for (const line of findings.filter(Boolean)) assert.match(line, /^- /);
  for (const line of lines.filter((line) => line.startsWith("|"))) {
    assert.equal(markup(line).split("|").length, 5, `three cells: ${line}`);
  }
  for (const line of lines) {
    assert.equal(markup(line).split("`").length % 2, 1, `code spans closed: ${line}`);
    assert.doesNotMatch(markup(line), /<!--|<\/?(script|td)|[*_~&$[\]]/, line);
  }
  assert.ok(
    result.report.includes(
      "- argocd/we\\|b # not a heading \\<!--.yaml (Application \\*web\\*\\_x\\_): finalizers \\<!-- x # Heading \\| a \\| b \\| \\`\\`\\`, \\<script\\>x\\</script\\> not carried",
    ),
    result.report,
  );
  assert.match(
    result.report,
    /^# Import of src # also not a heading \\\*x\\\* into clusters\/lab\.ts$/m,
  );
  assert.match(
    result.report,
    /web\\\[1\\\]\(https:\/\/evil\.example\) 1\.0\.0 \\&amp; \\~\\~\\\$x\\\$\\~\\~/,
  );
});
