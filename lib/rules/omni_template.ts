/**
 * Rule 16: the Omni cluster template is one `omnictl cluster template validate`
 * accepts at the targeted Omni version: its documents, every `file:` resolved the
 * way omnictl resolves it, no config-patch field Omni refuses, and the
 * `kubernetes.manifests` that version has.
 *
 * @module
 */
import { allPatches, type Build } from "../model/build.ts";
import type { ClusterConfig } from "../model/schema.ts";
import { error, formatValue, type Problem } from "../model/problem.ts";
import { valueAt } from "../model/json.ts";
import { machineSetsOf, WORKERS } from "../build/omni/template.ts";
import {
  atLeast,
  OMNI_FEATURES,
  omniForbiddenElements,
  omniForbiddenFields,
  resolveTemplateFile,
} from "../build/omni/version.ts";
import type { Rule } from "./rule.ts";
import type { Json } from "./_helpers.ts";

/** What omnictl at the targeted version reads for a `file:` of the template, when it is not rendered. */
function unresolved(
  build: Build,
  what: string,
  file: unknown,
  rendered: ReadonlySet<string>,
): Problem[] {
  const { version } = build.cluster.omni;
  const resolved = typeof file === "string"
    ? resolveTemplateFile(version, build.templatePath, file)
    : { reason: "has no file" };
  if (resolved.path !== undefined && rendered.has(resolved.path)) return [];
  return [
    error(
      build.templatePath,
      `${what} ${formatValue(file)}: ${
        resolved.reason ?? `omnictl ${version} reads ${resolved.path}, which is not rendered`
      }`,
    ),
  ];
}

/** One Cluster and one ControlPlane; Workers names unique and never `control-planes`. */
function machineSets(build: Build): Problem[] {
  const problems: Problem[] = [];
  const path = build.templatePath;
  const count = (kind: string) => build.template.filter((doc) => doc.kind === kind).length;
  for (const kind of ["Cluster", "ControlPlane"]) {
    if (count(kind) !== 1) {
      problems.push(error(path, `has ${count(kind)} ${kind} documents (exactly one is allowed)`));
    }
  }
  const workerNames = new Set<string>();
  for (const doc of build.template.filter((doc) => doc.kind === "Workers")) {
    const name = (doc.name as string | undefined) ?? WORKERS;
    if (name === "control-planes") {
      problems.push(error(path, `Workers name control-planes is reserved by Omni`));
    }
    if (workerNames.has(name)) problems.push(error(path, `Workers name ${name} is used twice`));
    workerNames.add(name);
  }
  return problems;
}

/** Every patch file resolves to a rendered patch; every Machine is in a machine set. */
function patchFilesAndMachines(build: Build): Problem[] {
  const listed = new Set(build.template.flatMap((doc) => (doc.machines ?? []) as string[]));
  const patchFiles = new Set(
    allPatches(build).map((p) => `${build.patchDir}/${p.file}`),
  );
  return build.template.flatMap((doc) => [
    ...((doc.patches ?? []) as { name?: string; file?: string }[]).flatMap((patch) =>
      unresolved(build, `patch ${patch.name}`, patch.file, patchFiles)
    ),
    ...(doc.kind === "Machine" && !listed.has(doc.name as string)
      ? [
        error(
          build.templatePath,
          `Machine ${String(doc.name)} is in no ControlPlane or Workers machine set`,
        ),
      ]
      : []),
  ]);
}

/** `kubernetes.manifests`: a feature of the targeted Omni, each named once, a known mode, a rendered file. */
function manifests(build: Build): Problem[] {
  const problems: Problem[] = [];
  const { version } = build.cluster.omni;
  const path = build.templatePath;
  const files = new Set([...build.resources, ...build.bootstrap].map((file) => file.path));
  const names = new Set<string>();
  for (const doc of build.template.filter((doc) => doc.kind === "Cluster")) {
    const list = (valueAt(doc, ["kubernetes", "manifests"]) ?? []) as Json[];
    const { since, source } = OMNI_FEATURES.manifests;
    if (list.length > 0 && !atLeast(version, since)) {
      problems.push(
        error(
          "omni.version",
          `${version} has no kubernetes.manifests in cluster templates (added in ${since}, ${source}; older omnictl refuses the unknown field), and the bootstrap chain needs them: target ${since} or later`,
        ),
      );
    }
    for (const manifest of list) {
      const name = String(manifest.name);
      if (names.has(name)) problems.push(error(path, `manifest ${name} is listed twice`));
      names.add(name);
      if (manifest.mode !== "one-time" && manifest.mode !== "full") {
        problems.push(
          error(path, `manifest ${name} has mode ${String(manifest.mode)} (one-time or full)`),
        );
      }
      problems.push(...unresolved(build, `manifest ${name}`, manifest.file, files));
    }
  }
  return problems;
}

/** No patch holds a list element or sets a field that Omni refuses at the targeted version. */
function forbidden(build: Build): Problem[] {
  const { version } = build.cluster.omni;
  const patches = allPatches(build);
  const where = (file: string) => `${build.patchDir}/${file}`;
  const elements = patches.flatMap((patch) =>
    omniForbiddenElements(version).filter(({ field, element }) => {
      const list = valueAt(patch.body, field.split("."));
      return Array.isArray(list) && list.includes(element);
    }).map(({ field, element }) =>
      error(
        where(patch.file),
        `${field} holds ${element}, which Omni ${version} refuses in a config patch ("element ${element} is not allowed")`,
      )
    )
  );
  const fields = patches.flatMap((patch) =>
    omniForbiddenFields(version).filter((field) =>
      valueAt(patch.body, field.split(".")) !== undefined
    )
      .map((field) =>
        error(
          where(patch.file),
          `sets ${field}, which Omni ${version} refuses in a config patch ("overriding ${field} is not allowed")`,
        )
      )
  );
  return [...elements, ...fields];
}

/**
 * The Omni cluster's labels and annotations: Omni reserves the `omni.sidero.dev/`
 * prefix (omni v1.10.4 client/pkg/template/internal/models/models.go,
 * Descriptors.Validate: "prefix ... is reserved for internal use").
 */
function input(cluster: ClusterConfig): Problem[] {
  const problems: Problem[] = [];
  for (const field of ["labels", "annotations"] as const) {
    for (const key of Object.keys(cluster.omni[field])) {
      if (key.startsWith("omni.sidero.dev/")) {
        problems.push(
          error(
            `omni.${field}.${key}`,
            `${key}: Omni reserves the prefix omni.sidero.dev/ for itself and refuses the template`,
          ),
        );
      }
    }
  }
  return problems;
}

/** A machine set's own system extensions: a feature of the targeted Omni. */
function setExtensions(build: Build): Problem[] {
  const { version } = build.cluster.omni;
  const { since, source } = OMNI_FEATURES.machineSetExtensions;
  if (atLeast(version, since)) return [];
  return machineSetsOf(build.cluster).filter((set) => set.config.systemExtensions.length > 0)
    .map((set) =>
      error(
        `${set.field}.systemExtensions`,
        `Omni ${version} has no systemExtensions on a machine set (added in ${since}, ${source}; older omnictl refuses the unknown field): target ${since} or later, or state them for the whole cluster through an app's talos.systemExtensions`,
      )
    );
}

function built(build: Build): Problem[] {
  return [
    ...setExtensions(build),
    ...machineSets(build),
    ...patchFilesAndMachines(build),
    ...manifests(build),
    ...forbidden(build),
  ];
}

/** Rule 16. */
export const rule: Rule = {
  id: "omni-template",
  number: 16,
  statement:
    "one Cluster and one ControlPlane, unique Workers names (never `control-planes`), every Machine in a set; every `file:` (patches, `kubernetes.manifests`) resolves the way omnictl at `omni.version` resolves it (the template's folder from 1.8) to a rendered file; no patch sets a field (or a list element: `os:admin` in the Talos API roles) that Omni at that version refuses; every manifest named once with mode `one-time`/`full`; `kubernetes.manifests` only from Omni 1.7, a machine set's `systemExtensions` only from 1.9; no cluster label or annotation under `omni.sidero.dev/`",
  prevents: "`omnictl cluster template validate` refuses it",
  severity: "error",
  upstream:
    "siderolabs/omni v1.10.4 client/pkg/template/template.go, internal/models/models.go, client/pkg/omni/resources/omni/config_patch.go",
  input,
  built,
};
