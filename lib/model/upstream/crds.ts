/**
 * The CustomResourceDefinitions of the vendored artifacts, by `apiVersion` and
 * kind, and a custom resource checked against its served version as the API
 * server checks a create: the structural schema with defaults
 * (./structural.ts), then every `x-kubernetes-validations` rule with a real CEL
 * engine (./cel.ts). A CRD in a chart's template is read with the template's
 * `{{ ... }}` lines dropped: they only wrap it or label it.
 *
 * @module
 */
import { loadAll } from "js-yaml";
import { type SchemaProps, type Violation, violations, withDefaults } from "./structural.ts";
import { celRulesHook } from "./cel.ts";

/** One served version of a CRD. */
export interface CrdVersion {
  /** `gateway.networking.k8s.io/v1`. */
  apiVersion: string;
  kind: string;
  scope: "Namespaced" | "Cluster";
  schema: SchemaProps;
  /** Where it is vendored: `crds/gateway-api/v1.3.0` or `charts/argo-cd/9.1.4`. */
  source: string;
}

const isMap = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * The text of a chart template with every line an action (`{{ ... }}`, over
 * several lines too) stands on dropped: in a CRD they only wrap it or label it.
 *
 * @example
 * ```ts
 * import { untemplated } from "./crds.ts";
 * import assert from "node:assert/strict";
 * const text = "{{- if .Values.crds }}\nkind: X\n  labels: {{ include\n    \"l\" . }}\nspec: {}\n{{- end }}";
 * assert.equal(untemplated(text), "kind: X\nspec: {}");
 * ```
 */
export function untemplated(text: string): string {
  const lines = text.split("\n");
  const dropped = new Set<number>();
  // The matches come in order: count the lines up to each one once.
  let [at, line] = [0, 0];
  const lineOf = (offset: number) => {
    for (; at < offset; at++) if (text[at] === "\n") line++;
    return line;
  };
  for (const match of text.matchAll(/\{\{[\s\S]*?\}\}/g)) {
    const first = lineOf(match.index);
    const last = lineOf(match.index + match[0].length);
    for (let i = first; i <= last; i++) dropped.add(i);
  }
  return lines.filter((_, i) => !dropped.has(i)).join("\n");
}

/** The served versions of the CRDs in YAML texts, by `apiVersion/kind`. */
export function crdVersions(texts: readonly string[], source: string): CrdVersion[] {
  const out: CrdVersion[] = [];
  for (const text of texts) {
    if (!text.includes("CustomResourceDefinition")) continue;
    for (const doc of loadAll(text)) {
      if (!isMap(doc) || doc.kind !== "CustomResourceDefinition" || !isMap(doc.spec)) continue;
      const spec = doc.spec as {
        group: string;
        scope: CrdVersion["scope"];
        names: { kind: string };
        versions: { name: string; served: boolean; schema?: { openAPIV3Schema?: SchemaProps } }[];
      };
      for (const version of spec.versions ?? []) {
        if (!version.served || !version.schema?.openAPIV3Schema) continue;
        out.push({
          apiVersion: `${spec.group}/${version.name}`,
          kind: spec.names.kind,
          scope: spec.scope,
          schema: version.schema.openAPIV3Schema,
          source,
        });
      }
    }
  }
  return out;
}

const OPENED = new WeakMap<CrdVersion, SchemaProps>();

/**
 * The violations of a custom resource against its CRD version: defaults applied,
 * unknown fields refused, every CEL rule evaluated (a rule the engine cannot
 * compile is a violation too, never skipped). `metadata` is the API server's
 * ObjectMeta, checked elsewhere; only `metadata.name` limits of the schema apply.
 */
export function crdViolations(crd: CrdVersion, resource: Record<string, unknown>): Violation[] {
  // One schema object per CRD version: the CEL outcomes are remembered by schema node.
  let schema = OPENED.get(crd);
  if (!schema) OPENED.set(crd, schema = { ...crd.schema, properties: openMetadata(crd.schema) });
  const body = withDefaults(schema, resource);
  const out = violations(schema, body, celRulesHook);
  const nameSchema = crd.schema.properties?.metadata?.properties?.name;
  const name = isMap(resource.metadata) ? resource.metadata.name : undefined;
  if (nameSchema && name !== undefined) {
    out.push(...violations(nameSchema, name, celRulesHook, "metadata.name"));
  }
  return out;
}

/**
 * The schema's properties with `apiVersion`, `kind` and `metadata` always there
 * (every object has them, declared or not) and `metadata` open: the API server
 * checks ObjectMeta itself.
 */
function openMetadata(schema: SchemaProps): Record<string, SchemaProps> {
  const metadata = { type: "object", "x-kubernetes-preserve-unknown-fields": true };
  return {
    apiVersion: { type: "string" },
    kind: { type: "string" },
    ...schema.properties,
    metadata,
  };
}
