/**
 * A build as the files it becomes: every YAML file with its documents, and the
 * network document, each with Hydrate's header, sorted by path.
 *
 * @module
 */
import { allPatches, type Build, type BuildFile, type PlannedFile } from "../model/build.ts";
import { generatedMarkdownHeader, yamlFile } from "./emit.ts";
import { networkDocument } from "../build/docs/network.ts";

/** Emits a build as files, sorted by path. */
export function emitBuild(build: Build, source: string): PlannedFile[] {
  const files: PlannedFile[] = [
    ...buildDocuments(build).map(({ path, documents }) => ({
      path,
      content: yamlFile(source, documents),
    })),
    {
      path: `apps/${build.cluster.name}/README.md`,
      content: generatedMarkdownHeader(source) + networkDocument(build),
    },
  ];
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Every YAML file of a build (the network document aside), unsorted. */
export function buildDocuments(build: Build): BuildFile[] {
  return [
    ...build.resources.map(({ path, resource }) => ({ path, documents: [resource] })),
    ...build.values.map(({ path, values }) => ({ path, documents: [values] })),
    ...build.bootstrap.map(({ path, resources }) => ({
      path,
      documents: resources.map(({ resource }) => resource),
    })),
    { path: build.templatePath, documents: build.template },
    ...allPatches(build).map((patch) => ({
      path: `${build.patchDir}/${patch.file}`,
      documents: [patch.body],
    })),
  ];
}
