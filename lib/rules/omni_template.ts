/**
 * Rule 16: the Omni cluster template is one `omnictl cluster template validate`
 * accepts at the targeted Omni version: its documents, every `file:` resolved the
 * way omnictl resolves it, no config-patch field Omni refuses, and the
 * `kubernetes.manifests` that version has.
 *
 * @module
 */
import type { Build } from "../model/build.ts";
import { error, formatValue, type Problem } from "../model/problem.ts";
import { valueAt } from "../model/json.ts";
import { WORKERS } from "../build/omni/template.ts";
import {
  atLeast,
  OMNI_FEATURES,
  omniForbiddenElements,
  omniForbiddenFields,
  resolveTemplateFile,
} from "../build/omni/version.ts";
import type { Rule } from "./rule.ts";
import type { Json } from "./_helpers.ts";

function built(build: Build): Problem[] {
  const problems: Problem[] = [];
  const path = build.templatePath;
  const count = (kind: string) => build.template.filter((doc) => doc.kind === kind).length;
  for (const kind of ["Cluster", "ControlPlane"]) {
    if (count(kind) !== 1) {
      problems.push(error(path, `has ${count(kind)} ${kind} documents (exactly one is allowed)`));
    }
  }
  const workerNames = new Set<string>();
  const listed = new Set<string>();
  for (const doc of build.template) {
    for (const machine of (doc.machines ?? []) as string[]) listed.add(machine);
    if (doc.kind !== "Workers") continue;
    const name = (doc.name as string | undefined) ?? WORKERS;
    if (name === "control-planes") {
      problems.push(error(path, `Workers name control-planes is reserved by Omni`));
    }
    if (workerNames.has(name)) problems.push(error(path, `Workers name ${name} is used twice`));
    workerNames.add(name);
  }
  const { version } = build.cluster.omni;
  const patchFiles = new Set(
    [...build.patches, ...build.nodePatches.values()].map((p) => `${build.patchDir}/${p.file}`),
  );
  // What omnictl at the targeted version reads for a `file:` of the template.
  const resolves = (what: string, file: unknown, rendered: ReadonlySet<string>) => {
    const resolved = typeof file === "string"
      ? resolveTemplateFile(version, path, file)
      : { reason: "has no file" };
    if (resolved.path !== undefined && rendered.has(resolved.path)) return;
    problems.push(
      error(
        path,
        `${what} ${formatValue(file)}: ${
          resolved.reason ??
            `omnictl ${version} reads ${resolved.path}, which is not rendered`
        }`,
      ),
    );
  };
  for (const doc of build.template) {
    for (const patch of (doc.patches ?? []) as { name?: string; file?: string }[]) {
      resolves(`patch ${patch.name}`, patch.file, patchFiles);
    }
    if (doc.kind === "Machine" && !listed.has(doc.name as string)) {
      problems.push(
        error(path, `Machine ${String(doc.name)} is in no ControlPlane or Workers machine set`),
      );
    }
  }
  const files = new Set([...build.resources, ...build.bootstrap].map((file) => file.path));
  const manifestNames = new Set<string>();
  for (const doc of build.template.filter((doc) => doc.kind === "Cluster")) {
    const manifests = (valueAt(doc, ["kubernetes", "manifests"]) ?? []) as Json[];
    const { since, source } = OMNI_FEATURES.manifests;
    if (manifests.length > 0 && !atLeast(version, since)) {
      problems.push(
        error(
          "omni.version",
          `${version} has no kubernetes.manifests in cluster templates (added in ${since}, ${source}; older omnictl refuses the unknown field), and the bootstrap chain needs them: target ${since} or later`,
        ),
      );
    }
    for (const manifest of manifests) {
      const name = String(manifest.name);
      if (manifestNames.has(name)) problems.push(error(path, `manifest ${name} is listed twice`));
      manifestNames.add(name);
      if (manifest.mode !== "one-time" && manifest.mode !== "full") {
        problems.push(
          error(path, `manifest ${name} has mode ${String(manifest.mode)} (one-time or full)`),
        );
      }
      resolves(`manifest ${name}`, manifest.file, files);
    }
  }
  for (const patch of [...build.patches, ...build.nodePatches.values()]) {
    for (const { field, element } of omniForbiddenElements(version)) {
      const list = valueAt(patch.body, field.split("."));
      if (Array.isArray(list) && list.includes(element)) {
        problems.push(
          error(
            `${build.patchDir}/${patch.file}`,
            `${field} holds ${element}, which Omni ${version} refuses in a config patch ("element ${element} is not allowed")`,
          ),
        );
      }
    }
  }
  const forbidden = omniForbiddenFields(version).map((field) => field.split("."));
  for (const patch of [...build.patches, ...build.nodePatches.values()]) {
    for (const field of forbidden) {
      if (valueAt(patch.body, field) !== undefined) {
        problems.push(
          error(
            `${build.patchDir}/${patch.file}`,
            `sets ${
              field.join(".")
            }, which Omni ${version} refuses in a config patch ("overriding ${
              field.join(".")
            } is not allowed")`,
          ),
        );
      }
    }
  }
  return problems;
}

/** Rule 16. */
export const rule: Rule = {
  id: "omni-template",
  number: 16,
  statement:
    "one Cluster and one ControlPlane, unique Workers names (never `control-planes`), every Machine in a set; every `file:` (patches, `kubernetes.manifests`) resolves the way omnictl at `omni.version` resolves it (the template's folder from 1.8) to a rendered file; no patch sets a field (or a list element: `os:admin` in the Talos API roles) that Omni at that version refuses; every manifest named once with mode `one-time`/`full`; `kubernetes.manifests` only from Omni 1.7",
  prevents: "`omnictl cluster template validate` refuses it",
  severity: "error",
  upstream:
    "siderolabs/omni v1.10.4 client/pkg/template/template.go, internal/models/models.go, client/pkg/omni/resources/omni/config_patch.go",
  built,
};
