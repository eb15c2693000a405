/**
 * Rule 15: no Application syncs before what its resources need (Cilium's CRDs and
 * controller before Cilium resources and Gateways, a Gateway before the routes that
 * attach to it), and the root Application uses project `default`.
 *
 * @module
 */
import type { Build, Component } from "../model/build.ts";
import { error, type Problem } from "../model/problem.ts";
import type { Rule } from "./rule.ts";
import { asJson } from "./_helpers.ts";

/** What each component's resources need from the others: the provider and why. */
function needsOf(
  build: Build,
  component: Component,
  owner: ReadonlyMap<string, string>,
): Map<string, string> {
  const cilium = build.components.find((c) => c.chart?.chart === "cilium");
  const needs = new Map<string, string>();
  for (const { resource } of component.resources) {
    const id = `${resource.kind} ${resource.metadata.name}`;
    if (resource.apiVersion.startsWith("cilium.io/") || resource.kind === "Gateway") {
      if (cilium && cilium !== component && !needs.has(cilium.name)) {
        needs.set(cilium.name, `its CRDs and controller serve ${id}`);
      }
    }
    if (resource.kind !== "HTTPRoute") continue;
    const refs = (asJson(resource.spec).parentRefs ?? []) as { name: string; namespace?: string }[];
    for (const ref of refs) {
      const provider = owner.get(
        `Gateway ${ref.namespace ?? resource.metadata.namespace}/${ref.name}`,
      );
      if (provider && provider !== component.name && !needs.has(provider)) {
        needs.set(provider, `it provides Gateway ${ref.name} that ${id} attaches to`);
      }
    }
  }
  return needs;
}

/** A wave an app states must come after every component it depends on. */
function statedWaves(build: Build): Problem[] {
  const problems: Problem[] = [];
  for (const component of build.components) {
    const stated = component.application?.wave;
    if (stated === undefined) continue;
    for (const dependency of component.dependsOn) {
      const wave = build.waves.get(dependency)!;
      if (wave >= stated) {
        problems.push(
          error(
            `apps.${component.name}.application.wave`,
            `${stated} must come after ${dependency} (wave ${wave}), which ${component.name} depends on: Argo CD would sync them together or in the wrong order`,
          ),
        );
      }
    }
  }
  return problems;
}

function built(build: Build): Problem[] {
  const problems: Problem[] = [];
  const appPath = (name: string) =>
    build.resources.find(({ resource }) =>
      resource.kind === "Application" && resource.metadata.name === name
    )!.path;
  const owner = new Map<string, string>();
  for (const other of build.components) {
    for (const { resource } of other.resources) {
      owner.set(
        `${resource.kind} ${resource.metadata.namespace}/${resource.metadata.name}`,
        other.name,
      );
    }
  }
  for (const component of build.components) {
    const wave = build.waves.get(component.name)!;
    for (const [provider, why] of needsOf(build, component, owner)) {
      const providerWave = build.waves.get(provider)!;
      if (providerWave >= wave) {
        problems.push(
          error(
            appPath(component.name),
            `sync wave ${wave} must come after ${provider} (wave ${providerWave}): ${why}`,
          ),
        );
      }
    }
  }
  for (const problem of statedWaves(build)) problems.push(problem); // one per app: no spread
  const root = build.resources.find(({ path }) => path.endsWith("/root.yaml"));
  const project = asJson(root?.resource.spec).project;
  if (root && project !== "default") {
    problems.push(
      error(
        root.path,
        `spec.project: ${
          String(project)
        } must be default (the root Application exists before any AppProject)`,
      ),
    );
  }
  return problems;
}

/** Rule 15. */
export const rule: Rule = {
  id: "sync-order",
  number: 15,
  statement:
    "no Application syncs before what it needs (Cilium before Cilium resources and Gateways, a Gateway before its routes, a stated `application.wave` after its dependencies); the root uses project `default`",
  prevents: "sync fails on missing CRDs or parents",
  severity: "error",
  built,
};
