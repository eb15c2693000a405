/**
 * The source's Argo CD Applications and ApplicationSets as cluster-file apps:
 * a Helm chart source (with `$values` files or inline values) becomes a Helm
 * app, a Git path a Git app of the same repository, path and revision (so it
 * syncs what it synced), the sync policy and options the app's `application`.
 * An ApplicationSet's Git directory generator is expanded the way Argo CD
 * v3.2.0 expands it (lib/model/discover.ts), one app per folder. Applications
 * Hydrate renders itself (the app of apps, Cilium, what holds only the network
 * objects it renders) are replaced, and said so.
 *
 * @module
 */
import type {
  AppDirectoriesInput,
  AppInput,
  ApplicationSettingsInput,
  HelmChartInput,
} from "../model/input.ts";
import { matchingFolders, normalizedName, pathMatch } from "../model/discover.ts";
import { deepMerge } from "../model/merge.ts";
import { DEFAULT_SYNC_OPTIONS, RETRY } from "../build/argocd/application.ts";
import { inflatingKustomization, KUSTOMIZATIONS } from "../build/synced.ts";
import {
  ARGO_YAML,
  at,
  type Finding,
  nameOf,
  objectOf,
  parseMapping,
  sameRepository,
  type SourceDoc,
  type SourceTree,
  treeContext,
} from "./source.ts";

type Json = Record<string, unknown>;

/** What the Applications say. */
export interface AppsImport {
  apps: Record<string, AppInput>;
  /** The values files the charts' values were read from. */
  read: Set<string>;
  /** ApplicationSets of this repository as `discover` groups, by name. */
  discover: Record<string, AppDirectoriesInput>;
  /** The app names each of those groups finds, by ApplicationSet. */
  discovered: Record<string, string[]>;
  /** The apps of each ApplicationSet, by its name. */
  groups: Record<string, string[]>;
  /** The Cilium Application's chart and values, which Hydrate's Cilium takes over. */
  cilium?: { chart: HelmChartInput; values: Json; file: string };
  findings: Finding[];
}

interface Context {
  docs: readonly SourceDoc[];
  tree: SourceTree;
  /** The files whose documents Hydrate renders from facts (pools, Gateways, ...). */
  carried: ReadonlySet<string>;
  /** When the source is this repository: where it lies in it, and the cluster's revision. */
  inPlace?: InPlace;
  out: AppsImport;
}

/** The source repository is this one (the import migrates it in place): its folders are local. */
export interface InPlace {
  /** The source's folder in this repository (`""` at its root, else ending in `/`). */
  prefix: string;
  /** The revision the cluster's Applications read this repository at. */
  revision: string;
}

/**
 * A chart source's values as Argo CD hands them to Helm: each `$ref/path` file of this
 * repository in order, then `values`, then `valuesObject`, each deep-merged over the one before.
 */
function chartValues(source: Json, ctx: Context, where: string): Json {
  const helm = objectOf(source.helm) ?? {};
  let values: Json = {};
  for (const file of Array.isArray(helm.valueFiles) ? helm.valueFiles.map(String) : []) {
    const path = file.replace(/^\$[A-Za-z0-9_-]+\//, "");
    const text = file.startsWith("$") ? ctx.tree.files.get(path) : undefined;
    if (text === undefined) {
      ctx.out.findings.push({
        where,
        what: `values file ${file} is not carried: not in this repository`,
      });
      continue;
    }
    ctx.out.read.add(path);
    values = deepMerge(values, parseMapping(text, path, ctx.out.findings, ARGO_YAML) ?? {});
  }
  if (typeof helm.values === "string") {
    values = deepMerge(
      values,
      parseMapping(helm.values, `${where} helm.values`, ctx.out.findings, ARGO_YAML) ?? {},
    );
  }
  return deepMerge(values, objectOf(helm.valuesObject) ?? {});
}

/** The fields of an Application the import reads, by where they are. */
const READ: Record<string, string[]> = {
  spec: [
    "project",
    "source",
    "sources",
    "destination",
    "syncPolicy",
    "ignoreDifferences",
    "revisionHistoryLimit",
  ],
  syncPolicy: ["automated", "syncOptions", "retry"],
  automated: ["prune", "selfHeal", "allowEmpty", "enabled"],
  source: [
    "repoURL",
    "path",
    "chart",
    "targetRevision",
    "helm",
    "kustomize",
    "directory",
    "ref",
    "name",
  ],
  helm: ["releaseName", "valueFiles", "valuesObject", "values"],
};

/** Says which fields of an Application the import does not carry, so that none is lost unsaid. */
function unread(spec: Json, ctx: Context, where: string): void {
  const report = (object: unknown, known: string[], at: string) => {
    const extra = Object.keys(objectOf(object) ?? {}).filter((key) => !known.includes(key));
    if (extra.length > 0) {
      ctx.out.findings.push({
        where,
        what: `${extra.map((key) => `${at}${key}`).join(", ")} not carried`,
      });
    }
  };
  report(spec, READ.spec, "spec.");
  report(spec.syncPolicy, READ.syncPolicy, "spec.syncPolicy.");
  report(at(spec, "syncPolicy", "automated"), READ.automated, "spec.syncPolicy.automated.");
  const sources = Array.isArray(spec.sources) ? spec.sources : [spec.source];
  sources.forEach((source, i) => {
    const at_ = Array.isArray(spec.sources) ? `spec.sources[${i}].` : "spec.source.";
    report(source, READ.source, at_);
    report(objectOf(source)?.helm, READ.helm, `${at_}helm.`);
  });
  const destination = objectOf(spec.destination) ?? {};
  const server = destination.server ?? "https://kubernetes.default.svc";
  if (
    server !== "https://kubernetes.default.svc" ||
    (destination.name ?? "in-cluster") !== "in-cluster"
  ) {
    ctx.out.findings.push({
      where,
      what: `its destination is another cluster (${
        String(destination.name ?? server)
      }): Hydrate's Applications deploy to the cluster Argo CD runs in`,
    });
  }
}

/** What Hydrate does otherwise than a source Application, said: its defaults, what it drops. */
function differences(spec: Json, meta: Json, ctx: Context, where: string): void {
  const sync = objectOf(spec.syncPolicy) ?? {};
  const options = Array.isArray(sync.syncOptions) ? sync.syncOptions.map(String) : [];
  const say = (what: string) => ctx.out.findings.push({ where, what });
  const missing = DEFAULT_SYNC_OPTIONS.filter((option) => !options.includes(option));
  if (missing.length > 0) say(`Hydrate adds the sync options ${missing.join(", ")}`);
  unread(spec, ctx, where);
  if (sync.retry === undefined) {
    say(
      `Hydrate adds its bounded retry (${RETRY.limit} attempts, backoff ${RETRY.backoff.duration} doubling to ${RETRY.backoff.maxDuration}): state application.retry: false for none`,
    );
  }
  const wave = at(meta, "annotations", "argocd.argoproj.io/sync-wave");
  if (wave !== undefined) {
    say(
      `sync wave ${wave} not carried: Hydrate orders the apps by dependsOn (state it, or application.wave)`,
    );
  }
  const finalizers = (Array.isArray(meta.finalizers) ? meta.finalizers : []).filter((f) =>
    !String(f).startsWith("resources-finalizer.argocd.argoproj.io")
  );
  if (finalizers.length > 0) say(`finalizers ${finalizers.join(", ")} not carried`);
}

/** The Application settings a source Application states beyond Hydrate's defaults. */
function settings(spec: Json, meta: Json, ctx: Context, where: string): ApplicationSettingsInput {
  differences(spec, meta, ctx, where);
  const sync = objectOf(spec.syncPolicy) ?? {};
  const automated = objectOf(sync.automated);
  const options = Array.isArray(sync.syncOptions) ? sync.syncOptions.map(String) : [];
  const annotations = { ...objectOf(meta.annotations) } as Record<string, string>;
  delete annotations["argocd.argoproj.io/sync-wave"];
  const labels = objectOf(meta.labels) as Record<string, string> | undefined;
  const out: ApplicationSettingsInput = {
    ...(automated === undefined || automated.enabled === false
      ? { automated: false as const }
      // Argo CD's SyncPolicyAutomated: prune and selfHeal are false unless stated (argo-cd v3.2.0
      // pkg/apis/application/v1alpha1/types.go); Hydrate's default turns both on.
      : automated.prune !== true || automated.selfHeal !== true || automated.allowEmpty === true
      ? {
        automated: {
          prune: automated.prune === true,
          selfHeal: automated.selfHeal === true,
          ...(automated.allowEmpty === true ? { allowEmpty: true } : {}),
        },
      }
      : {}),
    ...(objectOf(sync.retry) ? { retry: objectOf(sync.retry) as never } : {}),
  };
  const extra = options.filter((option) => !DEFAULT_SYNC_OPTIONS.includes(option));
  if (extra.length > 0) out.syncOptions = extra;
  if (Array.isArray(spec.ignoreDifferences)) {
    out.ignoreDifferences = spec.ignoreDifferences as never;
  }
  if (typeof spec.revisionHistoryLimit === "number") {
    out.revisionHistoryLimit = spec.revisionHistoryLimit;
  }
  if (labels && Object.keys(labels).length > 0) out.labels = labels;
  if (Object.keys(annotations).length > 0) out.annotations = annotations;
  return out;
}

/** The kustomization of a folder of this repository (or a local base of it) inflates Helm charts. */
function inflates(folder: string, tree: SourceTree): boolean {
  const context = treeContext(tree);
  const file = KUSTOMIZATIONS.find((name) => tree.files.has(`${folder}/${name}`));
  return file !== undefined &&
    typeof inflatingKustomization(`${folder}/${file}`, context) === "string";
}

/** A Git path source as a Git app's fields. */
function gitFields(source: Json, repo: string | undefined, ctx: Context, where: string): Json {
  const path = String(source.path ?? "").replace(/^\.\//, "").replace(/\/$/, "");
  const kustomize: Json = { ...objectOf(source.kustomize) };
  const local = sameRepository(source.repoURL, repo);
  if (objectOf(source.helm)) {
    ctx.out.findings.push({
      where,
      what:
        "the Helm options of its Git path source (a chart in a folder) are not carried: state it as a Helm app",
    });
  }
  if (local && inflates(path, ctx.tree)) kustomize.enableHelm = true;
  const directory = objectOf(source.directory);
  if (directory && Object.keys(directory).length > 0) {
    ctx.out.findings.push({
      where,
      what: `directory options ${
        JSON.stringify(directory)
      } are not carried (Argo CD's defaults apply)`,
    });
  }
  const revision = String(source.targetRevision ?? "HEAD");
  const here = local ? ctx.inPlace : undefined;
  return {
    kind: "git",
    ...(here ? {} : { repoURL: String(source.repoURL) }),
    ...(here
      ? (revision === here.revision ? {} : { revision })
      : revision !== "HEAD"
      ? { revision }
      : {}),
    path: here ? `${here.prefix}${path}` : path,
    ...(Object.keys(kustomize).length > 0 ? { kustomize } : {}),
  };
}

/** The sources of an Application: chart sources, path sources (ref-only sources dropped). */
function sourcesOf(spec: Json): Json[] {
  const list = Array.isArray(spec.sources) ? spec.sources : [spec.source];
  return list.map((s) => objectOf(s) ?? {}).filter((s) =>
    s.chart !== undefined || s.path !== undefined
  );
}

/** An Application's app, or `undefined` when Hydrate renders it itself (said in a finding). */
function appOf(
  doc: Json,
  ctx: Context,
  where: string,
  repo: string | undefined,
): AppInput | undefined {
  const spec = objectOf(doc.spec) ?? {};
  const name = nameOf(doc);
  const sources = sourcesOf(spec);
  if (sources.length === 0) {
    ctx.out.findings.push({ where, what: "not carried: it has no chart or path source" });
    return undefined;
  }
  const charts = sources.filter((s) => s.chart !== undefined);
  const paths = sources.filter((s) => s.chart === undefined);
  if (replaced(name, charts, paths, ctx, where, repo)) return undefined;
  const namespace = String(at(spec, "destination", "namespace") ?? name);
  const common = {
    namespace,
    ...(spec.project && spec.project !== "default" ? { project: String(spec.project) } : {}),
    ...(Array.isArray(at(doc, "metadata", "finalizers")) ? { cascadeDelete: true } : {}),
  };
  const application = settings(spec, objectOf(doc.metadata) ?? {}, ctx, where);
  const withSettings = Object.keys(application).length > 0 ? { application } : {};
  if (charts.length === 0) {
    if (paths.length > 1) {
      ctx.out.findings.push({ where, what: `only its first path source is carried` });
    }
    return { ...gitFields(paths[0], repo, ctx, where), ...common, ...withSettings } as AppInput;
  }
  if (paths.length > 0) {
    ctx.out.findings.push({ where, what: `its path sources beside the chart are not carried` });
  }
  const [first, ...more] = charts.map((source) => ({
    chart: {
      repoURL: String(source.repoURL),
      chart: String(source.chart),
      version: String(source.targetRevision),
    },
    releaseName: at(source, "helm", "releaseName") as string | undefined,
    values: chartValues(source, ctx, where),
  }));
  return {
    kind: "helm",
    chart: first.chart,
    ...(first.releaseName && first.releaseName !== name ? { releaseName: first.releaseName } : {}),
    ...(Object.keys(first.values).length > 0 ? { values: first.values } : {}),
    ...(more.length > 0 ? { charts: more.map((c) => extraChart(c, name, ctx, where)) } : {}),
    ...common,
    ...withSettings,
  } as AppInput;
}

/** A further chart source; one without a release name is named after its chart, and said so. */
function extraChart(
  chart: { chart: HelmChartInput; releaseName?: string; values: Json },
  app: string,
  ctx: Context,
  where: string,
) {
  if (chart.releaseName === undefined) {
    ctx.out.findings.push({
      where,
      what:
        `its chart ${chart.chart.chart} states no release name, so Argo CD names the release ${app}; Hydrate needs one per chart and releases it as ${chart.chart.chart}, which renames its objects`,
    });
  }
  return { ...chart, releaseName: chart.releaseName ?? chart.chart.chart };
}

/** Whether Hydrate renders what an Application syncs itself: the app of apps, Cilium, the network. */
function replaced(
  name: string,
  charts: Json[],
  paths: Json[],
  ctx: Context,
  where: string,
  repo: string | undefined,
): boolean {
  const cilium = charts.find((s) => s.chart === "cilium");
  if (cilium) {
    ctx.out.cilium = {
      chart: {
        repoURL: String(cilium.repoURL),
        chart: "cilium",
        version: String(cilium.targetRevision),
      },
      values: chartValues(cilium, ctx, where),
      file: where,
    };
    ctx.out.findings.push({
      where,
      what: `Application ${name}: replaced by Hydrate's Cilium, its values carried as facts`,
    });
    return true;
  }
  if (charts.length > 0 || paths.length !== 1 || !sameRepository(paths[0].repoURL, repo)) {
    return false;
  }
  const folder = String(paths[0].path ?? "").replace(/\/$/, "");
  const inside = ctx.docs.filter((d) => d.file.startsWith(`${folder}/`));
  if (inside.some(({ doc }) => doc.kind === "Application" || doc.kind === "ApplicationSet")) {
    ctx.out.findings.push({
      where,
      what: `Application ${name}: an app of apps, replaced by Hydrate's root Application`,
    });
    return true;
  }
  const carried = inside.filter((d) => ctx.carried.has(d.file));
  if (inside.length === 0 || carried.length === 0) return false;
  const left = inside.filter((d) => !ctx.carried.has(d.file)).map((d) =>
    `${d.doc.kind} ${nameOf(d.doc)}`
  );
  ctx.out.findings.push({
    where,
    what:
      `Application ${name}: its folder's pools, L2 policy and Gateways are rendered by Hydrate from the facts carried${
        left.length > 0 ? `; not carried: ${left.join(", ")} (state them in an app)` : ""
      }`,
  });
  return true;
}

/** Fills an ApplicationSet template's `{{...}}` parameters of one folder; `undefined` if one is unknown. */
function fill(value: unknown, folder: string, go: boolean): unknown {
  if (typeof value === "string") {
    const segments = folder.split("/");
    const params: Record<string, string> = go
      ? {
        ".path.path": folder,
        ".path.basename": segments[segments.length - 1],
        ".path.basenameNormalized": normalizedName(folder),
        ...Object.fromEntries(segments.map((s, i) => [`index .path.segments ${i}`, s])),
      }
      : {
        path: folder,
        "path.basename": segments[segments.length - 1],
        "path.basenameNormalized": normalizedName(folder),
        ...Object.fromEntries(segments.map((s, i) => [`path[${i}]`, s])),
      };
    let unknown = false;
    const out = value.replace(/\{\{\s*([^}]+?)\s*\}\}/g, (_, key: string) => {
      if (key in params) return params[key];
      unknown = true;
      return "";
    });
    return unknown ? undefined : out;
  }
  if (Array.isArray(value)) {
    const items = value.map((item) => fill(item, folder, go));
    return items.includes(undefined) ? undefined : items;
  }
  const object = objectOf(value);
  if (!object) return value;
  const entries = Object.entries(object).map(([k, v]) => [k, fill(v, folder, go)] as const);
  return entries.some(([, v]) => v === undefined) ? undefined : Object.fromEntries(entries);
}

/** The folders a Git directory generator finds in this repository (argo-cd v3.2.0 semantics). */
function generatedFolders(git: Json, tree: SourceTree): string[] {
  const dirs = (Array.isArray(git.directories) ? git.directories : []).map((d) =>
    objectOf(d) ?? {}
  );
  const include = dirs.filter((d) => d.exclude !== true).map((d) => String(d.path));
  const exclude = dirs.filter((d) => d.exclude === true).map((d) => String(d.path));
  const context = treeContext(tree);
  const found = new Set(include.flatMap((pattern) => matchingFolders(pattern, context)));
  return [...found].filter((folder) => !exclude.some((p) => pathMatch(p, folder))).sort();
}

const BASENAMES = [
  "{{path.basename}}",
  "{{path.basenameNormalized}}",
  "{{.path.basename}}",
  "{{.path.basenameNormalized}}",
];
const PATHS = ["{{path}}", "{{.path.path}}"];

/**
 * An ApplicationSet of this repository as a `discover` group, when its template names each app
 * and (or a fixed) namespace after the folder, reads the folder at the cluster's revision with
 * nothing else, and its folders' names are free; else `undefined` (it is expanded instead).
 */
function asDiscover(entry: SourceDoc, git: Json, ctx: Context, repo: string | undefined) {
  const spec = objectOf(entry.doc.spec) ?? {};
  const template = objectOf(spec.template) ?? {};
  const tspec = objectOf(template.spec) ?? {};
  const source = objectOf(tspec.source) ?? {};
  const namespace = String(at(tspec, "destination", "namespace") ?? "");
  const folders = generatedFolders(git, ctx.tree);
  const names = folders.map(normalizedName);
  const free = names.every((name, i) =>
    ctx.out.apps[name] === undefined && names.indexOf(name) === i &&
    Object.values(ctx.out.discovered).every((taken) => !taken.includes(name))
  );
  const plain = folders.every((folder) =>
    folder.slice(folder.lastIndexOf("/") + 1) === normalizedName(folder)
  );
  const server = String(at(tspec, "destination", "server") ?? "https://kubernetes.default.svc");
  const simple = ctx.inPlace !== undefined && sameRepository(source.repoURL, repo) && free &&
    plain &&
    server === "https://kubernetes.default.svc" && at(tspec, "destination", "name") === undefined &&
    at(template, "metadata", "finalizers") === undefined && spec.templatePatch === undefined &&
    BASENAMES.includes(String(at(template, "metadata", "name"))) &&
    PATHS.includes(String(source.path)) &&
    Object.keys(source).every((key) => ["repoURL", "path", "targetRevision"].includes(key)) &&
    String(source.targetRevision ?? "HEAD") === ctx.inPlace.revision &&
    (BASENAMES.includes(namespace) || (namespace !== "" && !namespace.includes("{{")));
  if (!simple) return undefined;
  const dirs = (git.directories as unknown[]).map((d) => objectOf(d) ?? {});
  const where = `${entry.file} (ApplicationSet ${nameOf(entry.doc)})`;
  const application = settings(tspec, objectOf(template.metadata) ?? {}, ctx, where);
  ctx.out.discovered[nameOf(entry.doc)] = names;
  return {
    paths: dirs.filter((d) => d.exclude !== true).map((d) => `${ctx.inPlace!.prefix}${d.path}`),
    ...(dirs.some((d) => d.exclude === true)
      ? {
        exclude: dirs.filter((d) => d.exclude === true).map((d) =>
          `${ctx.inPlace!.prefix}${d.path}`
        ),
      }
      : {}),
    ...(BASENAMES.includes(namespace) ? {} : { namespace }),
    ...(tspec.project && tspec.project !== "default" ? { project: String(tspec.project) } : {}),
    ...(Object.keys(application).length > 0 ? { application } : {}),
    ...(folders.some((folder) => inflates(folder, ctx.tree)) ? { enableHelm: true } : {}),
  };
}

/** An ApplicationSet's Applications, one per folder its Git directory generator finds. */
function expand(
  entry: SourceDoc,
  ctx: Context,
  repo: string | undefined,
): [string, Json, string][] {
  const spec = objectOf(entry.doc.spec) ?? {};
  const generators = Array.isArray(spec.generators) ? spec.generators : [];
  const git = objectOf(at(generators[0], "git"));
  const where = `${entry.file} (ApplicationSet ${nameOf(entry.doc)})`;
  if (
    generators.length !== 1 || !git || !Array.isArray(git.directories) ||
    !sameRepository(git.repoURL, repo)
  ) {
    ctx.out.findings.push({
      where,
      what: "not carried: only a single Git directory generator over this repository is expanded",
    });
    return [];
  }
  let found: string[];
  try {
    found = generatedFolders(git, ctx.tree);
  } catch (cause) {
    ctx.out.findings.push({ where, what: `not carried: ${(cause as Error).message}` });
    return [];
  }
  if (found.length === 0) {
    ctx.out.findings.push({
      where,
      what: "its Git directory generator finds no folder here: no app",
    });
    return [];
  }
  if (spec.templatePatch !== undefined) {
    ctx.out.findings.push({ where, what: "its templatePatch is not carried" });
  }
  const group = asDiscover(entry, git, ctx, repo);
  if (group) {
    ctx.out.discover[normalizedName(nameOf(entry.doc))] = group;
    return [];
  }
  const go = spec.goTemplate === true;
  const apps = generatedFolders(git, ctx.tree).map((folder) => fill(spec.template, folder, go));
  if (apps.includes(undefined)) {
    ctx.out.findings.push({
      where,
      what: "not carried: its template uses parameters other than path ones",
    });
    return [];
  }
  return apps.map((app) => [where, app as Json, nameOf(entry.doc)]);
}

/** The source's Applications and ApplicationSets as apps. */
export function importApps(
  docs: readonly SourceDoc[],
  tree: SourceTree,
  carried: ReadonlySet<string>,
  repo: string | undefined,
  inPlace?: InPlace,
): AppsImport {
  const out = {
    apps: {},
    discover: {},
    discovered: {},
    groups: {},
    read: new Set<string>(),
    findings: [],
  };
  const ctx: Context = { docs, tree, carried, inPlace, out };
  const add = ([where, doc, group]: [string, Json, string?]) => {
    const name = normalizedName(nameOf(doc));
    if (ctx.out.apps[name]) {
      ctx.out.findings.push({
        where,
        what: `not carried: app ${name} is already another Application`,
      });
      return;
    }
    const app = appOf(doc, ctx, where, repo);
    if (!app) return;
    ctx.out.apps[name] = app;
    if (group !== undefined) (ctx.out.groups[group] ??= []).push(name);
  };
  // The Applications first, so that a folder an ApplicationSet finds cannot take their names.
  docs.filter(({ doc }) =>
    doc.kind === "Application" && String(doc.apiVersion).startsWith("argoproj.io/")
  )
    .forEach(({ file, doc }) => add([`${file} (Application ${nameOf(doc)})`, doc]));
  docs.filter(({ doc }) => doc.kind === "ApplicationSet")
    .forEach((entry) => expand(entry, ctx, repo).forEach(add));
  return ctx.out;
}
