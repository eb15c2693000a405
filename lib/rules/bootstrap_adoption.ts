/**
 * Rule 17: what the bootstrap installs is what Argo CD later adopts. Each
 * bootstrap Job (after the cluster file's patches) must install the chart,
 * version, repository, release name, namespace and values of its component's
 * Application, so Argo CD takes over without replacing a pod or a certificate.
 *
 * @module
 */
import { load } from "js-yaml";
import type { Build } from "../model/build.ts";
import type { Resource } from "../model/resource.ts";
import { error, formatValue, type Problem } from "../model/problem.ts";
import { fieldChanges } from "../model/field_changes.ts";
import { toYaml } from "../model/yaml.ts";
import { VALUES_MOUNT } from "../build/bootstrap/manifests.ts";
import type { BootstrapFile } from "../model/build.ts";
import type { Rule } from "./rule.ts";
import { asJson, type Json } from "./_helpers.ts";

/** What `helm upgrade --install` arguments say: release, chart and the flags that take a value. */
export function parseHelmArgs(args: readonly string[]): {
  release?: string;
  chart?: string;
  flags: Map<string, string>;
} {
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "upgrade" && positional.length === 0 && i === 0) continue;
    if (arg === "--install" || arg === "--create-namespace") continue;
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      if (eq > 0) flags.set(arg.slice(2, eq), arg.slice(eq + 1));
      else flags.set(arg.slice(2), args[++i] ?? "");
      continue;
    }
    positional.push(arg);
  }
  return { release: positional[0], chart: positional[1], flags };
}

function helmSourceOf(app: Resource): Json | undefined {
  const spec = asJson(app.spec);
  const sources = Array.isArray(spec.sources) ? spec.sources.map(asJson) : [asJson(spec.source)];
  return sources.find((source) => typeof source.chart === "string");
}

/**
 * What a Job applies after its install (the root Application) is, byte for byte,
 * the committed root, and is in the Job's own ConfigMap.
 */
function appliedAfter(
  build: Build,
  file: BootstrapFile,
  jobId: string,
  containers: Json[],
  data: Json,
): Problem[] {
  const problems: Problem[] = [];
  const rootPath = `apps/${build.cluster.name}/root.yaml`;
  const root = build.resources.find(({ path }) => path === rootPath)?.resource;
  for (
    const container of containers.filter((c) => Array.isArray(c.args) && c.args[0] === "apply")
  ) {
    const args = (container.args as unknown[]).map(String);
    const applied = args[args.indexOf("-f") + 1] ?? "";
    const key = applied.startsWith(`${VALUES_MOUNT}/`)
      ? applied.slice(VALUES_MOUNT.length + 1)
      : "";
    const text = data[key];
    if (typeof text !== "string") {
      problems.push(
        error(file.path, `${jobId} applies ${applied}, which its ConfigMap does not hold`),
      );
    } else if (!root || text !== toYaml(root)) {
      problems.push(
        error(
          file.path,
          `${jobId} applies a ${key} that differs from ${rootPath}: the cluster would start from another root than the one committed`,
        ),
      );
    }
  }
  return problems;
}

/** What one bootstrap file installs, next to the Application that adopts it. */
interface Install {
  build: Build;
  file: BootstrapFile;
  appPath: string;
  app: Resource;
  source: Json;
  jobId: string;
  podSpec: Json;
  containers: Json[];
  container: Json;
  helm: ReturnType<typeof parseHelmArgs>;
  helmOptions: Json;
  valuesEntry?: Build["values"][number];
  valuesPath: string;
}

function installOf(build: Build, file: BootstrapFile): Install | Problem {
  const appPath = `apps/${build.cluster.name}/applications/${file.component}.yaml`;
  const app = build.resources.find(({ path }) => path === appPath)?.resource;
  const source = app && helmSourceOf(app);
  const jobs = file.resources.filter(({ resource }) => resource.kind === "Job");
  if (!app || !source || jobs.length !== 1) {
    return error(
      file.path,
      `must hold one Job installing the Helm chart of ${appPath} (found ${jobs.length} Jobs${
        source ? "" : ", and no Helm source in the Application"
      })`,
    );
  }
  const job = jobs[0].resource;
  const podSpec = asJson(asJson(asJson(job.spec).template).spec);
  const containers = [
    ...((podSpec.initContainers ?? []) as unknown[]),
    ...((podSpec.containers ?? []) as unknown[]),
  ].map(asJson);
  const container = containers.find((c) => Array.isArray(c.args) && c.args[0] === "upgrade") ??
    containers[0] ?? {};
  const valuesEntry = build.values.find((entry) => entry.component === file.component);
  return {
    build,
    file,
    appPath,
    app,
    source,
    jobId: `Job ${job.metadata.namespace}/${job.metadata.name}`,
    podSpec,
    containers,
    container,
    helm: parseHelmArgs(Array.isArray(container.args) ? container.args.map(String) : []),
    helmOptions: asJson(source.helm),
    valuesEntry,
    valuesPath: valuesEntry?.path ?? `apps/${build.cluster.name}/${file.component}/values.yaml`,
  };
}

/** The chart, repository, version, release and namespace installed are those adopted. */
function releaseChecks(i: Install): string[] {
  const { helm, source, helmOptions, app, jobId, appPath } = i;
  const destination = asJson(asJson(app.spec).destination);
  const pairs: [string, unknown, unknown][] = [
    ["chart", helm.chart, source.chart],
    ["chart repository", helm.flags.get("repo"), source.repoURL],
    ["chart version", helm.flags.get("version"), source.targetRevision],
    ["release name", helm.release, helmOptions.releaseName ?? app.metadata.name],
    ["namespace", helm.flags.get("namespace"), destination.namespace],
  ];
  return pairs.filter(([, installed, adopted]) => installed !== adopted).map((
    [what, installed, adopted],
  ) =>
    `${jobId} installs ${what} ${formatValue(installed)}, but ${appPath} deploys ${
      formatValue(adopted)
    }: Argo CD would replace what the bootstrap installed`
  );
}

/** The Application reads the one values file, nothing inline; the Job reads its ConfigMap's. */
function valuesSourceChecks(i: Install): string[] {
  const { helmOptions, appPath, valuesPath, helm, jobId } = i;
  const messages = ["values", "valuesObject", "parameters", "fileParameters"]
    .filter((key) => helmOptions[key] !== undefined)
    .map((key) =>
      `${appPath} sets spec.source(s).helm.${key}, which the bootstrap does not install; keep every value in the values file`
    );
  const valueFiles = helmOptions.valueFiles;
  if (JSON.stringify(valueFiles) !== JSON.stringify([`$values/${valuesPath}`])) {
    messages.push(
      `${appPath} reads values files ${
        formatValue(valueFiles)
      }; the bootstrap installs ${valuesPath} alone`,
    );
  }
  if (helm.flags.get("values") !== `${VALUES_MOUNT}/values.yaml`) {
    messages.push(
      `${jobId} reads values from ${
        formatValue(helm.flags.get("values"))
      }, not its ConfigMap's ${VALUES_MOUNT}/values.yaml`,
    );
  }
  return messages;
}

/** The Cilium Job runs before any CNI: on the host network, through KubePrism. */
function ciliumPlacementChecks(i: Install): string[] {
  const { file, container, build, podSpec, jobId } = i;
  if (file.component !== "cilium") return [];
  const env = new Map(
    (Array.isArray(container.env) ? container.env.map(asJson) : []).map((e) => [e.name, e.value]),
  );
  const port = String(build.cluster.kubePrism.port);
  if (podSpec.hostNetwork !== true) {
    return [`${jobId} must run on the host network: no pod network exists before Cilium`];
  }
  if (env.get("KUBERNETES_SERVICE_PORT") === port) return [];
  return [
    `${jobId} reaches the API server on port ${
      formatValue(env.get("KUBERNETES_SERVICE_PORT"))
    }, not KubePrism's ${port} (on the node's loopback, only KubePrism answers before Cilium runs)`,
  ];
}

/** The values the Job installs are, field by field, those of the Application's values file. */
function valuesEqualityChecks(i: Install, text: string): string[] {
  const expected = toYaml(i.valuesEntry?.values ?? {});
  if (text === expected) return [];
  let installed: unknown;
  try {
    installed = load(text);
  } catch {
    installed = text;
  }
  const changes = fieldChanges(load(expected), installed);
  const name = changes.find((change) => change.path === "cluster.name");
  return (name ? [name] : changes.slice(0, 3)).map((change) =>
    `${i.jobId} installs values ${change.path || "(whole file)"}: ${
      formatValue(change.after)
    }, but ${i.valuesPath} has ${formatValue(change.before)}${
      change.path === "cluster.name"
        ? ': Hubble certificates issued for one name fail under the other ("x509: certificate signed by unknown authority")'
        : ""
    }`
  );
}

function checkFile(build: Build, file: BootstrapFile): Problem[] {
  const install = installOf(build, file);
  if ("severity" in install) return [install];
  const fail = (messages: string[]) => messages.map((message) => error(file.path, message));
  const problems = [
    ...fail(releaseChecks(install)),
    ...fail(valuesSourceChecks(install)),
    ...fail(ciliumPlacementChecks(install)),
  ];
  const volumes = Array.isArray(install.podSpec.volumes) ? install.podSpec.volumes.map(asJson) : [];
  const mapName = volumes.map((volume) => asJson(volume.configMap).name).find(Boolean);
  const configMap = file.resources.find(({ resource }) =>
    resource.kind === "ConfigMap" && resource.metadata.name === mapName
  )?.resource;
  const data = asJson(configMap?.data);
  const text = data["values.yaml"];
  if (typeof text !== "string") {
    return [
      ...problems,
      ...fail([`${install.jobId} mounts no ConfigMap of this file with a values.yaml`]),
    ];
  }
  return [
    ...problems,
    ...appliedAfter(build, file, install.jobId, install.containers, data),
    ...fail(valuesEqualityChecks(install, text)),
  ];
}

/**
 * Rule 17 over every bootstrap file of a build.
 *
 * @example
 * ```ts
 * import { bootstrapRules } from "./bootstrap_adoption.ts";
 * import { buildCluster } from "../build/cluster.ts";
 * import { components, syncWaves } from "../build/components.ts";
 * import { parseCluster } from "../model/parse.ts";
 * import homelab from "../../clusters/homelab.ts";
 * import assert from "node:assert/strict";
 * const parsed = parseCluster(homelab);
 * assert.ok(parsed.ok);
 * const list = components(parsed.cluster);
 * const waves = syncWaves(list);
 * assert.ok(waves.ok);
 * assert.deepEqual(bootstrapRules(buildCluster(parsed.cluster, list, waves.waves)), []);
 * ```
 */
export function bootstrapRules(build: Build): Problem[] {
  return build.bootstrap.flatMap((file) => checkFile(build, file));
}

/** Rule 17. */
export const rule: Rule = {
  id: "bootstrap-adoption",
  number: 17,
  statement:
    "each bootstrap Job installs its Application's chart, repository, version, release, namespace and values (the one values file, nothing inline); the Cilium Job uses the host network and the KubePrism port; the root the Argo CD Job applies is the committed root",
  prevents:
    'Argo CD replaces the bootstrap Cilium; Hubble "x509: certificate signed by unknown authority"',
  severity: "error",
  built: bootstrapRules,
};
