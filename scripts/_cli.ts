/**
 * What the task entrypoints share: finding and loading cluster files, rendering
 * them all, reading the rendered roots from disk, and printing problems.
 * The only module, with the entrypoints, that touches the console, argv or the disk.
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import { formatProblem, type Problem } from "../lib/model/problem.ts";
import { renderInSandboxes } from "./_sandbox.ts";
import { SourcesRefused } from "./_snapshot.ts";
import { type Build, type PlannedFile } from "../lib/model/build.ts";
import { argocdUse } from "../lib/output/argocd_reads.ts";
import { terminalText, visibleText } from "../lib/output/escape.ts";

/** The folders the renderer owns (it writes only generated files there). */
export const ROOTS = ["apps", "omni"] as const;

/** The folder of cluster files. */
export const CLUSTERS_DIR = "clusters";

/** What a repository without cluster files gets told. */
export const NO_CLUSTERS = `${CLUSTERS_DIR}/: no cluster files (*.ts) found`;

/** Colour only on a terminal, and never with NO_COLOR. */
export function paint(code: string, text: string, stream: { isTerminal(): boolean }): string {
  // Deno.noColor reflects NO_COLOR without needing --allow-env.
  const enabled = stream.isTerminal() && !Deno.noColor;
  // Text from cluster files and other repositories: no control or escape sequence reaches a terminal.
  const shown = terminalText(text, { newline: true });
  return enabled ? `\x1b[${code}m${shown}\x1b[0m` : shown;
}

/** The outcome of rendering every cluster file. */
export interface RenderAll {
  clusters: string[];
  files: PlannedFile[];
  /** What was built for each rendered cluster, by name. */
  builds: Map<string, Build>;
  errors: string[];
  warnings: string[];
}

/**
 * The names a cluster file or a layer may have: its path is written into the header comment of
 * every file rendered from it and into messages, so no character there may mean anything
 * (a carriage return would start a YAML line in every header).
 */
const SAFE_NAME = /^_?[A-Za-z0-9][A-Za-z0-9_.-]{0,99}\.ts$/;

/** A name as a message may show it: quoted, every control or non-ASCII character escaped. */
export function quotedName(name: string): string {
  return visibleText(JSON.stringify(name));
}

/** The `.ts` files under `clusters/` (`*_test.ts` aside); a name outside SAFE_NAME is refused. */
async function tsFiles(root = "."): Promise<string[]> {
  const names: string[] = [];
  const unsafe: string[] = [];
  try {
    for await (const entry of Deno.readDir(join(root, CLUSTERS_DIR))) {
      if (!entry.isFile || !entry.name.endsWith(".ts") || entry.name.endsWith("_test.ts")) continue;
      (SAFE_NAME.test(entry.name) ? names : unsafe).push(entry.name);
    }
  } catch (cause) {
    if (cause instanceof Deno.errors.NotFound) return [];
    throw cause;
  }
  if (unsafe.length > 0) {
    throw new SourcesRefused(
      unsafe.sort().map((name) =>
        `${CLUSTERS_DIR}/${
          quotedName(name)
        }: a cluster file or layer name must be letters, digits, '_', '.' and '-' (at most 100), ending in .ts: rename it`
      ).join("\n"),
    );
  }
  return names.sort();
}

/** The cluster files under `clusters/`, sorted (`_*.ts` are layers, not clusters). */
export async function clusterFiles(root = "."): Promise<string[]> {
  // `_*.ts` files are shared layers that cluster files extend, not clusters.
  return (await tsFiles(root)).filter((name) => !name.startsWith("_")).map((name) =>
    `${CLUSTERS_DIR}/${name}`
  );
}

/** Errors and warnings of a whole render, and who owns which cluster name. */
export interface Report {
  errors: string[];
  warnings: string[];
  owners: Map<string, string>;
  /** Problems with a value a shared layer states: one line each, with the clusters they affect. */
  layered?: Map<string, { asError: boolean; clusters: string[] }>;
}

/** The shared layers under `clusters/` (`_*.ts`), sorted. */
export async function layerFiles(root = "."): Promise<string[]> {
  return (await tsFiles(root)).filter((name) => name.startsWith("_")).map((name) =>
    `${CLUSTERS_DIR}/${name}`
  );
}

/** Adds the layers' problems to a report: each once, naming the layer and the clusters it affects. */
export function finishReport(report: Report): void {
  for (const [line, { asError, clusters }] of report.layered ?? []) {
    (asError ? report.errors : report.warnings).push(`${line} (in ${clusters.join(", ")})`);
  }
  report.layered?.clear();
}

/**
 * Adds one cluster file's outcome to a report: why it did not load, its
 * problems (warnings as errors when `strict`), a name another file already has.
 */
export function reportCluster(
  report: Report,
  source: string,
  outcome: { loadError?: string; name?: string; problems: readonly Problem[] },
  strict: boolean,
): void {
  if (outcome.loadError !== undefined) report.errors.push(`${source}: ${outcome.loadError}`);
  // The same problem a thousand times is one line, with its count.
  const counted = new Map<string, { asError: boolean; count: number }>();
  for (const problem of outcome.problems) {
    const asError = problem.severity === "error" || strict;
    if (problem.layer) {
      const line = formatProblem(problem.layer, {
        ...problem,
        severity: asError ? "error" : "warning",
      });
      report.layered ??= new Map();
      const entry = report.layered.get(line) ?? { asError, clusters: [] };
      entry.clusters.push(source);
      report.layered.set(line, entry);
      continue;
    }
    const line = formatProblem(source, { ...problem, severity: asError ? "error" : "warning" });
    const seen = counted.get(line);
    if (seen) seen.count++;
    else counted.set(line, { asError, count: 1 });
  }
  for (const [line, { asError, count }] of counted) {
    (asError ? report.errors : report.warnings).push(count > 1 ? `${line} (${count} times)` : line);
  }
  if (outcome.name === undefined) return;
  const other = report.owners.get(outcome.name);
  if (other !== undefined) {
    // The file changed last took a name the other already had: it is the one to blame.
    const [blamed, owner] = modified(source) >= modified(other) ? [source, other] : [other, source];
    report.errors.push(`${blamed}: name: ${outcome.name} is already the name of ${owner}`);
  } else report.owners.set(outcome.name, source);
}

/** When a file was last modified (0 when it cannot be told). */
function modified(path: string): number {
  try {
    return Deno.statSync(path).mtime?.getTime() ?? 0;
  } catch {
    return 0;
  }
}

/**
 * Renders every cluster file under `clusters/` in the sandbox (`_sandbox.ts`),
 * with what was built; `strict` makes warnings errors.
 */
export async function renderAll(strict: boolean, root = Deno.cwd()): Promise<RenderAll> {
  const out: RenderAll = { clusters: [], files: [], builds: new Map(), errors: [], warnings: [] };
  const sources = await clusterFiles(root);
  if (sources.length === 0) out.errors.push(NO_CLUSTERS);
  const report: Report = { errors: out.errors, warnings: out.warnings, owners: new Map() };
  const jobs = sources.map((source) => ({ source }));
  const layers = await layerFiles(root);
  const results = jobs.length === 0
    ? []
    : await renderInSandboxes(root, jobs, { builds: true, layers });
  for (const result of results) {
    reportCluster(report, result.source, result, strict);
    if (result.files.length > 0) {
      out.clusters.push(result.name!);
      out.files.push(...result.files);
      if (result.build) out.builds.set(result.name!, result.build);
    }
  }
  finishReport(report);
  return out;
}

/**
 * Reads every file under `roots` (folders relative to `base`), as
 * `path relative to base -> content`, leaving out the files and folders `keep`
 * refuses. A missing root is an empty one.
 * Synchronous, like the writer: many small files read far faster that way here.
 */
export function readTree(
  roots: readonly string[] = ROOTS,
  base = ".",
  keep: (path: string) => boolean = () => true,
  links?: string[],
): Map<string, string> {
  const tree = new Map<string, string>();
  const walk = (dir: string) => {
    let entries: Deno.DirEntry[];
    try {
      entries = [...Deno.readDirSync(join(base, dir))];
    } catch (cause) {
      if (cause instanceof Deno.errors.NotFound) return;
      throw cause;
    }
    for (const entry of entries) {
      const path = `${dir}/${entry.name}`;
      // Nothing is skipped by its name: Argo CD reads what it finds (a write's temporaries exist
      // only while the render lock is held, and a killed write's are cleared before this read).
      if (!keep(path)) continue;
      if (entry.isSymlink) links?.push(`${path} -> ${Deno.readLinkSync(join(base, path))}`);
      else if (entry.isDirectory) walk(path);
      else if (entry.isFile) tree.set(path, textOf(Deno.readFileSync(join(base, path))));
    }
  };
  for (const root of roots) {
    if (links && isLink(join(base, root))) {
      links.push(`${root} -> ${Deno.readLinkSync(join(base, root))}`);
      continue;
    }
    walk(root);
  }
  return tree;
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * A file's bytes as text that keeps every byte: UTF-8 as it is (a byte-order mark kept), anything
 * else as its size, digest and base64 (a lossy decoding would make two different files equal).
 */
export function textOf(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    const digest = createHash("sha256").update(bytes).digest("hex");
    const base64 = btoa(Array.from(bytes, (byte) => String.fromCharCode(byte)).join(""));
    const lines = base64.match(/.{1,76}/g) ?? [];
    return [`(not UTF-8: ${bytes.length} bytes, sha256 ${digest}, base64:)`, ...lines, ""].join(
      "\n",
    );
  }
}

function isLink(path: string): boolean {
  try {
    return Deno.lstatSync(path).isSymlink;
  } catch {
    return false;
  }
}

/**
 * The symbolic links at or under `roots` (folders relative to `base`), with
 * where they point: writing through one would land outside the repository or
 * on a file Hydrate does not own, so a render refuses them all.
 */
export function symlinksUnder(roots: readonly string[], base = "."): string[] {
  const found: string[] = [];
  const visit = (path: string) => {
    let info: Deno.FileInfo;
    try {
      info = Deno.lstatSync(join(base, path));
    } catch (cause) {
      if (cause instanceof Deno.errors.NotFound) return;
      throw cause;
    }
    if (info.isSymlink) {
      found.push(`${path} -> ${Deno.readLinkSync(join(base, path))}`);
      return;
    }
    if (!info.isDirectory) return;
    for (const entry of Deno.readDirSync(join(base, path))) visit(`${path}/${entry.name}`);
  };
  for (const root of roots) visit(root);
  return found;
}

/**
 * Why a file without Hydrate's header under the rendered roots is reported: under `apps/`, what
 * Argo CD does with it; under `omni/`, that the folder holds Hydrate's render alone.
 */
export function unmanagedLine(path: string): string {
  const why = path.startsWith("apps/")
    ? `in a folder Argo CD syncs, ${argocdUse(path)}`
    : "in omni/, which holds only what Hydrate renders";
  return `${path}: not generated by Hydrate, ${why}`;
}

/** Prints problems: errors to stderr, warnings too, each on one line. */
export function printProblems(errors: readonly string[], warnings: readonly string[]): void {
  for (const line of warnings) console.error(paint("33", line, Deno.stderr));
  for (const line of errors) console.error(paint("31", line, Deno.stderr));
}

/**
 * Prints a task's help and says so when its arguments ask for it (`--help`, `-h`): every task
 * answers it, before anything else, with exit 0.
 */
export function wantsHelp(help: string, args: readonly string[] = Deno.args): boolean {
  if (!args.includes("--help") && !args.includes("-h")) return false;
  console.log(help.trim());
  return true;
}

/** Runs a task's `main` and exits with its code; a refused source is one line and exit 1, not a stack trace. */
export async function exitWith(main: () => Promise<number>): Promise<never> {
  try {
    Deno.exit(await main());
  } catch (cause) {
    if (!(cause instanceof SourcesRefused)) throw cause;
    console.error(terminalText(cause.message, { newline: true }));
    Deno.exit(1);
  }
}

/** Whether a path exists (any other error than its absence is thrown). */
export async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch (cause) {
    if (cause instanceof Deno.errors.NotFound) return false;
    throw cause;
  }
}
