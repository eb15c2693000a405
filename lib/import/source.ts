/**
 * The repository `deno task import` reads, as the import sees it: its YAML files
 * by path and its folders, parsed into documents; and what the import reports.
 * Pure: the task reads the disk and hands the texts over.
 *
 * @module
 */
import {
  boolYaml11Tag,
  defineScalarTag,
  FAILSAFE_SCHEMA,
  floatCoreTag,
  loadAll,
  mergeTag,
  NOT_RESOLVED,
  nullYaml11Tag,
  Schema,
} from "js-yaml";
import { type RepositoryContext, repositoryOf } from "../model/repository.ts";

/** A repository's YAML files (path relative to its root, and text) and its folders. */
export interface SourceTree {
  files: ReadonlyMap<string, string>;
  folders: ReadonlySet<string>;
}

/** How the import names and places the cluster. */
export interface ImportOptions {
  /** The cluster's name; the Omni template's by default. */
  name?: string;
  /** The repository Argo CD reads the rendered tree from (this repository). */
  repoURL?: string;
  /** Its revision; `main` by default. */
  revision?: string;
  /** The source repository's path as the user gave it (for the report). */
  sourcePath: string;
  /**
   * The source's folder inside this repository (`""` at its root), when it lies in it: with
   * `repoURL` naming the source's own repository, the import is in place, and the source's
   * folders become this repository's (Git apps without `repoURL`, `discover` groups).
   */
  sourcePrefix?: string;
  /** The charts this repository vendors, as `chart version`. */
  vendored?: ReadonlySet<string>;
}

/** One YAML document of the repository, with the file it is in. */
export interface SourceDoc {
  file: string;
  doc: Record<string, unknown>;
}

/**
 * Something of the source the import did not carry as it was, and why. Plain text, quoting the
 * source's own as it is: the report escapes both fields as Markdown text.
 */
export interface Finding {
  /** Where it is: a file, or a file and the document in it. */
  where: string;
  /** What happened to it. */
  what: string;
}

/** Integers as Go's YAML reads them (`strconv.ParseInt(s, 0, 64)`): `0755` octal, `0x1F` hex. */
const GO_INT = /^[-+]?(?:0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+|0[0-7_]*|[1-9][0-9_]*)$/;

const goIntTag = defineScalarTag<number>("tag:yaml.org,2002:int", {
  implicit: true,
  implicitFirstChars: ["-", "+", ..."0123456789"],
  resolve: (source) => {
    if (!GO_INT.test(source)) return NOT_RESOLVED;
    const sign = source.startsWith("-") ? -1 : 1;
    const digits = source.replace(/^[-+]/, "").replaceAll("_", "");
    const base = ({ "0x": 16, "0o": 8, "0b": 2 } as Record<string, number>)[digits.slice(0, 2)];
    if (base !== undefined) return sign * parseInt(digits.slice(2), base);
    return sign * parseInt(digits, digits.length > 1 && digits.startsWith("0") ? 8 : 10);
  },
  identify: (object) => Number.isInteger(object),
});

/**
 * How Argo CD and Helm read YAML: Go's YAML 1.1 reader (helm v3.18.4 pkg/chartutil/values.go
 * ReadValues through sigs.k8s.io/yaml v1.4.0, whose goyaml.v2/resolve.go makes `y`, `yes`,
 * `on` booleans and parses integers with `strconv.ParseInt(s, 0, 64)`, so `0755` is octal,
 * and whose decode.go keeps dates as strings), where `8080:80` stays a string too.
 */
export const ARGO_YAML = new Schema([
  ...FAILSAFE_SCHEMA.tags,
  nullYaml11Tag,
  boolYaml11Tag,
  goIntTag,
  floatCoreTag,
  mergeTag,
]);

/** A plain object, or undefined. */
export const objectOf = (value: unknown): Record<string, unknown> | undefined =>
  value !== null && typeof value === "object" && !Array.isArray(value)
    ? value as Record<string, unknown>
    : undefined;

/** The object at a key path, or undefined. */
export function at(value: unknown, ...path: string[]): unknown {
  let here: unknown = value;
  for (const key of path) here = objectOf(here)?.[key];
  return here;
}

/** Every YAML document of the tree, and the files that do not parse. */
export function documents(tree: SourceTree): { docs: SourceDoc[]; findings: Finding[] } {
  const docs: SourceDoc[] = [];
  const findings: Finding[] = [];
  for (const [file, text] of [...tree.files].sort(([a], [b]) => a.localeCompare(b, "en"))) {
    try {
      for (const doc of loadAll(text, { schema: ARGO_YAML })) {
        const object = objectOf(doc);
        if (object) docs.push({ file, doc: object });
      }
    } catch (cause) {
      findings.push({
        where: file,
        what: `not read: it is not valid YAML (${(cause as Error).message.split("\n")[0]})`,
      });
    }
  }
  return { docs, findings };
}

/** The documents of one kind (and API group, when given). */
export function ofKind(docs: readonly SourceDoc[], kind: string, group?: string): SourceDoc[] {
  return docs.filter(({ doc }) =>
    doc.kind === kind &&
    (group === undefined || String(doc.apiVersion ?? "").startsWith(`${group}/`))
  );
}

/** A document's name. */
export const nameOf = (doc: Record<string, unknown>): string =>
  String(at(doc, "metadata", "name") ?? "");

/**
 * The one YAML mapping of a file or string; `undefined`, with a finding, when it does not
 * parse, holds several documents (only the first is read) or is no mapping.
 */
export function parseMapping(
  text: string,
  where: string,
  findings: Finding[],
  schema?: Schema,
): Record<string, unknown> | undefined {
  let docs: unknown[];
  try {
    docs = loadAll(text, schema ? { schema } : {}).filter((doc) =>
      doc !== null && doc !== undefined
    );
  } catch (cause) {
    findings.push({
      where,
      what: `not read: invalid YAML (${(cause as Error).message.split("\n")[0]})`,
    });
    return undefined;
  }
  if (docs.length > 1) {
    findings.push({ where, what: `only the first of its ${docs.length} YAML documents is read` });
  }
  const first = objectOf(docs[0]);
  if (docs.length > 0 && !first) findings.push({ where, what: "not read: no YAML mapping" });
  return first;
}

/** The tree as the repository rules read one: a folder's names, a file's text. */
export function treeContext(tree: SourceTree): RepositoryContext {
  return {
    inherited: () => undefined,
    folder: (path) => {
      const dir = path === "." ? "" : path.replace(/\/$/, "");
      if (dir !== "" && !tree.folders.has(dir)) return undefined;
      const prefix = dir === "" ? "" : `${dir}/`;
      const names = [...tree.files.keys(), ...tree.folders].filter((p) =>
        p.startsWith(prefix) && !p.slice(prefix.length).includes("/") && p.length > prefix.length
      );
      return names.map((p) => p.slice(prefix.length));
    },
    file: (path) => tree.files.get(path),
  };
}

/** Whether two repository URLs name one repository (as Argo CD normalises them). */
export const sameRepository = (a: unknown, b: unknown): boolean =>
  typeof a === "string" && typeof b === "string" &&
  (a === b || (repositoryOf(a) !== undefined && repositoryOf(a) === repositoryOf(b)));
