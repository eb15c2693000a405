/**
 * Rule 29: every Helm values key is one the pinned chart reads, and the values
 * pass the chart's `values.schema.json`. Helm merges the values it is given over
 * the chart's `values.yaml` (maps merge, a `null` deletes, the rest replaces) and
 * validates the merged result against the chart's schema (helm/helm v3.18.4
 * `pkg/chartutil/coalesce.go` CoalesceValues, `pkg/chartutil/values.go`
 * ToRenderValues -> ValidateAgainstSchema); a key no template reads is merged
 * and then ignored without a word, as the seed's `bpf.ctTcpTimeout` was. Argo
 * CD v3.2.0, which the argo-cd 9.1.4 chart installs, renders with Helm 3.18.4
 * (argo-cd `hack/tool-versions.sh`), whose schema library is
 * xeipuuv/gojsonschema (draft-07; Helm 3.18.5 moved to a 2020-12 default). A key
 * is known when the vendored chart declares it in `values.yaml`, documents it in
 * a comment under its parent, allows it in its schema or reads it in a template;
 * a map a template copies whole (`extraConfig`, `configs.cm`) takes any key.
 *
 * @module
 */
import type { Build } from "../model/build.ts";
import { error, type Problem } from "../model/problem.ts";
import { valueAt } from "../model/json.ts";
import type { ChartFacts } from "../model/upstream/chart.ts";
import { unknownValue } from "../model/upstream/chart.ts";
import { jsonSchemaViolations } from "../model/upstream/json_schema.ts";
import type { Upstream } from "../model/upstream/vendor.ts";
import { CILIUM_VALUE_HINTS } from "../build/cilium/values.ts";
import { formatValue } from "../model/problem.ts";
import { usableArtifacts } from "./_upstream.ts";
import type { Rule } from "./rule.ts";

type Json = Record<string, unknown>;
const isMap = (value: unknown): value is Json =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** The key paths of the values, down to each leaf (a list or an empty map is a leaf). */
function leafPaths(value: unknown, path: string[] = []): string[][] {
  if (value === undefined) return [];
  if (!isMap(value) || Object.keys(value).length === 0) return path.length ? [path] : [];
  return Object.entries(value).flatMap(([key, child]) => leafPaths(child, [...path, key]));
}

/** Helm's merge of user values over a chart's defaults: maps merge, null deletes, the rest replaces. */
function coalesce(defaults: unknown, values: unknown): unknown {
  if (!isMap(defaults) || !isMap(values)) return values === undefined ? defaults : values;
  const out: Json = { ...defaults };
  for (const [key, value] of Object.entries(values)) {
    if (value === null) delete out[key];
    else out[key] = coalesce(defaults[key], value);
  }
  return out;
}

/** The cluster-file field the values of a component come from. */
function valuesField(
  build: Build,
  entry: Build["values"][number],
): { path: string; values: unknown } {
  const component = entry.component;
  if (entry.field !== undefined) return { path: entry.field, values: entry.values };
  if (component === "cilium") return { path: "cilium.values", values: build.cluster.cilium.values };
  const app = build.cluster.apps[component] as { values?: unknown } | undefined;
  return { path: `apps.${component}.values`, values: app?.values };
}

function checkValues(build: Build, entry: Build["values"][number], facts: ChartFacts): Problem[] {
  const field = valuesField(build, entry);
  // A key the cluster file sets is reported there; one Hydrate derives, at the file it writes.
  const where = (keys: string[]) =>
    valueAt(field.values, keys) === undefined ? entry.path : `${field.path}.${keys.join(".")}`;
  const problems = leafPaths(entry.values).flatMap((keys) => {
    const hint = entry.component === "cilium"
      ? CILIUM_VALUE_HINTS.find(({ key }) => keys.join(".").startsWith(key.join(".")))
      : undefined;
    const why = unknownValue(facts, keys, hint?.instead);
    return why ? [error(where(keys), `${formatValue(valueAt(entry.values, keys))}: ${why}`)] : [];
  });
  if (!facts.schema) return problems;
  const merged = coalesce(facts.defaults, entry.values);
  for (const violation of jsonSchemaViolations(facts.schema, merged)) {
    const keys = (violation.keys ?? []).map(String);
    const value = valueAt(merged, keys);
    problems.push(error(
      keys.length > 0 ? where(keys) : entry.path,
      `${
        value === undefined ? "" : `${formatValue(value)}: `
      }${violation.path} ${violation.message} (values.schema.json of ${facts.label})`,
    ));
  }
  return problems;
}

function pinned(build: Build, upstream: Upstream): Problem[] {
  const charts = new Map(
    usableArtifacts(build, upstream).filter((a) => a.source.kind === "chart").map((
      a,
    ) => [a.dir, a]),
  );
  return build.values.flatMap((entry) => {
    const chart = entry.chart ?? build.components.find((c) => c.name === entry.component)?.chart;
    const artifact = chart && charts.get(`charts/${chart.chart}/${chart.version}`);
    return artifact ? checkValues(build, entry, upstream.chart(artifact.dir, artifact.label)) : [];
  });
}

/** Rule 29. */
export const rule: Rule = {
  id: "helm-values",
  number: 29,
  statement:
    "every Helm values key is one the pinned chart declares, documents, allows or reads, and the values pass its values.schema.json",
  prevents: "a setting Helm ignores without a word, or a release Helm refuses to install",
  severity: "error",
  upstream:
    "helm/helm v3.18.4 pkg/chartutil/coalesce.go, values.go, jsonschema.go; argo-cd v3.2.0 hack/tool-versions.sh; the vendored charts",
  pinned,
};
