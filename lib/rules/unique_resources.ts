/**
 * Rule 23: one resource per file of the synced tree, and no two resources anywhere
 * with the same identity.
 *
 * @module
 */
import { type Build, checkedResources } from "../model/build.ts";
import { error, type Problem } from "../model/problem.ts";
import { resourceId } from "../model/resource.ts";
import type { Rule } from "./rule.ts";

function built(build: Build): Problem[] {
  const problems: Problem[] = [];
  const files = new Map<string, string>();
  const ids = new Map<string, string>();
  for (const { path, resource } of build.resources) {
    const id = resourceId(resource);
    if (files.has(path)) problems.push(error(path, `holds both ${files.get(path)} and ${id}`));
    else files.set(path, id);
  }
  for (const { path, resource } of checkedResources(build)) {
    const id = resourceId(resource);
    const other = ids.get(id);
    if (other !== undefined && other !== path) {
      problems.push(error(path, `${id} is also rendered to ${other}`));
    } else ids.set(id, path);
  }
  return problems;
}

/** Rule 23. */
export const rule: Rule = {
  id: "unique-resources",
  number: 23,
  statement:
    "no two resources of the synced tree share a file, and no two resources anywhere share apiVersion/kind, namespace and name",
  prevents: "Argo CD applies one and silently drops the other",
  severity: "error",
  built,
};
