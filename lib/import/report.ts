/**
 * The import's report: what the source held and where it went in the cluster
 * file, what the user must state that no repository records, and each thing
 * not carried as it was, with why. Every text of the source (names, paths,
 * findings, which quote it) is Markdown text ({@link md}): it renders as
 * itself, never as markup, a table cell or a block of its own.
 *
 * @module
 */
import { PLACEHOLDER_REPO_URL } from "../model/repository.ts";
import { markdownText as md } from "./escape.ts";
import { isBuiltinGroup } from "../model/resource.ts";
import {
  type Finding,
  type ImportOptions,
  ofKind,
  type SourceDoc,
  type SourceTree,
} from "./source.ts";

/** What the report reads. */
export interface ReportInput {
  name: string;
  docs: readonly SourceDoc[];
  tree: SourceTree;
  cluster: Record<string, unknown>;
  findings: readonly Finding[];
  source: string;
  options: ImportOptions;
  repo: string | undefined;
  /** Whether the source is this repository, so its folders are this repository's. */
  inPlace: boolean;
  /** The files read for the cluster file's facts besides the documents: patches, values files. */
  read: ReadonlySet<string>;
}

type App = {
  kind: string;
  chart?: { chart: string; version: string };
  charts?: { chart: { chart: string; version: string } }[];
};

/** A text's lines, as an editor counts them. */
const lines = (text: string) => text.split("\n").length - (text.endsWith("\n") ? 1 : 0);

/** The lines of the source's YAML the cluster file states: Argo CD, Omni and network files. */
function statedLines(input: ReportInput): { stated: number; total: number } {
  const kinds = new Set([
    "Application",
    "ApplicationSet",
    "CiliumLoadBalancerIPPool",
    "CiliumL2AnnouncementPolicy",
    "Gateway",
  ]);
  const files = new Set([
    ...input.read,
    ...input.docs.filter(({ doc }) => kinds.has(String(doc.kind))).map((d) => d.file),
  ]);
  let stated = 0;
  let total = 0;
  for (const [file, text] of input.tree.files) {
    total += lines(text);
    if (files.has(file)) stated += lines(text);
  }
  return { stated, total };
}

function summary(input: ReportInput): string[] {
  const apps = Object.values(input.cluster.apps as Record<string, App>);
  const count = (kind: string, group?: string) => ofKind(input.docs, kind, group).length;
  const nodes = input.cluster.nodes as { dhcp?: boolean }[];
  const sets = Object.keys((input.cluster.omni as { workerSets?: object }).workerSets ?? {});
  const { stated, total } = statedLines(input);
  return [
    "| source | found | in the cluster file |",
    "| --- | --- | --- |",
    `| Argo CD Applications | ${count("Application", "argoproj.io")} | ${
      apps.filter((a) => a.kind === "helm").length
    } Helm apps, ${
      apps.filter((a) => a.kind === "git").length
    } Git apps in all (the rest replaced, below) |`,
    `| ApplicationSets | ${count("ApplicationSet", "argoproj.io")} | ${
      Object.keys(input.cluster.discover ?? {}).length
    } \`discover\` group(s) over this repository's folders; the others one Git app per folder their Git directory generators find |`,
    `| Omni template | 1 | omni: ${["workers", ...sets].length} worker sets (workers, ${
      sets.map(md).join(", ")
    }); ${nodes.length} nodes, ${nodes.filter((n) => n.dhcp).length} by DHCP |`,
    `| LB-IPAM pools, L2 policies | ${count("CiliumLoadBalancerIPPool")}, ${
      count("CiliumL2AnnouncementPolicy")
    } | loadBalancer.pools, cilium.l2 |`,
    `| Gateways | ${count("Gateway", "gateway.networking.k8s.io")} | gateways |`,
    `| HTTPRoutes, ExternalSecrets, SealedSecrets in app folders | ${count("HTTPRoute")}, ${
      count("ExternalSecret")
    }, ${count("SealedSecret")} | synced from their folders as before |`,
    "",
    `The cluster file is ${
      lines(input.source)
    } lines. It states ${stated} of the source's ${total} lines of YAML (its Applications, ApplicationSets, Omni template and patches, values files and network objects); the rest are the apps' own folders, ${
      input.inPlace
        ? "which stay in this repository, where the render reads and checks what each syncs"
        : `which its Git apps sync from ${
          input.repo === undefined ? "the source repository" : md(input.repo)
        } as before`
    }.`,
  ];
}

function toState(input: ReportInput): string[] {
  const out: string[] = [];
  const nodes = input.cluster.nodes as { name: string; dhcp?: boolean; machineId?: string }[];
  const dhcp = nodes.filter((node) => node.dhcp).map((node) => node.name);
  if (dhcp.length > 0) {
    out.push(
      `- \`network.dhcp\`: ${
        dhcp.map(md).join(", ")
      } take their addresses by DHCP, which no repository records: state the range your DHCP server hands out, so no pool overlaps it.`,
    );
  }
  const named = nodes.filter((node) => /-\d+$/.test(node.name) && node.machineId === undefined);
  if (named.length > 0) {
    out.push(
      `- Node names: ${
        named.map((node) => md(node.name)).join(", ")
      } are the import's (\`<cluster>-<set>-<n>\`, one per machine of a class's size): name them as you know them.`,
    );
  }
  const kinds = customKinds(input);
  if (kinds.length > 0) {
    out.push(
      `- The CRDs of the custom resources in this repository's app folders, which the render checks (${
        kinds.map(md).join(", ")
      }): a chart the cluster installs brings them, or name their URLs in \`crds\`; the render names each it lacks.`,
    );
  }
  if ((input.cluster.git as { repoURL: string }).repoURL === PLACEHOLDER_REPO_URL) {
    out.push(
      "- `git.repoURL`: this repository, as Argo CD reaches it (`--repo-url`, or an `origin` remote).",
    );
  }
  const charts = Object.values(input.cluster.apps as Record<string, App>).flatMap((app) => [
    ...(app.chart ? [app.chart] : []),
    ...(app.charts ?? []).map((extra) => extra.chart),
  ]);
  const vendored = input.options.vendored ?? new Set();
  const unique = [...new Set(charts.map((c) => `${c.chart} ${c.version}`))]
    .filter((chart) => !vendored.has(chart)).sort();
  if (unique.length > 0) {
    out.push(
      `- Charts to vendor (\`deno task vendor\`, once, with network): ${
        unique.map(md).join(", ")
      }.`,
    );
  }
  return out;
}

/** API groups whose kinds need no CRD from the user: Kubernetes' own, kustomize's, and those Hydrate vendors. */
const needsNoCrd = (apiVersion: string) =>
  isBuiltinGroup(apiVersion) ||
  /^(gateway\.networking\.k8s\.io|kustomize\.config\.k8s\.io)\//.test(apiVersion);

/** The custom kinds in the folders of this repository the cluster's Git apps sync (in place). */
function customKinds(input: ReportInput): string[] {
  const apps = Object.values(
    input.cluster.apps as Record<string, { kind: string; repoURL?: string; path?: string }>,
  );
  const prefix = input.options.sourcePrefix ? `${input.options.sourcePrefix}/` : "";
  const folders = [
    ...apps.filter((app) => app.kind === "git" && app.repoURL === undefined).map((app) =>
      app.path!
    ),
    ...Object.values(input.cluster.discover ?? {}).flatMap((group) =>
      (group as { paths: string[] }).paths.map((path) => path.split("/*")[0])
    ),
  ].map((path) => `${path.slice(prefix.length)}/`);
  const kinds = input.docs.filter(({ file, doc }) =>
    folders.some((folder) => file.startsWith(folder)) &&
    !needsNoCrd(String(doc.apiVersion ?? "v1"))
  ).map(({ doc }) => String(doc.kind));
  return [...new Set(kinds)].sort();
}

/** The findings, one line each; one line for a finding of many places, naming them. */
function grouped(findings: readonly Finding[]): string[] {
  const places = new Map<string, string[]>();
  for (const { where, what } of findings) places.set(what, [...(places.get(what) ?? []), where]);
  return [...places].map(([what, where]) =>
    where.length === 1
      ? `- ${md(where[0])}: ${md(what)}`
      : `- ${md(what)} (${where.length} times: ${[...new Set(where)].map(md).join(", ")})`
  ).sort();
}

/** The report, as Markdown. */
export function importReport(input: ReportInput): string {
  const findings = [...input.findings].sort((a, b) => a.where.localeCompare(b.where, "en"));
  return [
    `# Import of ${md(input.options.sourcePath)} into clusters/${md(input.name)}.ts`,
    "",
    "The source was read, never written. `deno task import` wrote the cluster file and this report.",
    "",
    ...summary(input),
    "",
    "## State these yourself",
    "",
    ...toState(input),
    "",
    "Then run `deno task render` and `deno task check`: the render refuses whatever still disagrees, naming the field.",
    "",
    "## Not carried as it was, and why",
    "",
    ...(findings.length === 0 ? ["Nothing."] : grouped(findings)),
    "",
  ].join("\n");
}
