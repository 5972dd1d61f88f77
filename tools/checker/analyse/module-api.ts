/**
 * Reads the APIs of the contracted modules with the type checker, cached by
 * the content of each module and of every repository file it reaches.
 */
import { join } from "node:path";
import type { Project } from "ts-morph";
import { hashOf } from "../cache/hash.js";
import type { CacheStore } from "../cache/store.js";
import { createApiProject, type ModuleApi, readModuleApi } from "./exports.js";
import type { RepoGraph } from "./graph.js";
import type { SpecifierResolver } from "./resolve.js";

/** Hash of a module and every repository file it reaches through imports, scanned or not. */
function closureHash(graph: RepoGraph, path: string): string {
  const seen = new Set<string>();
  const stack = [path];
  while (stack.length > 0) {
    const current = stack.pop() as string;
    if (seen.has(current)) continue;
    seen.add(current);
    for (const dep of graph.file(current)?.dependencies ?? []) {
      if (dep.target.kind === "internal") stack.push(dep.target.path);
    }
  }
  return hashOf(...[...seen].sort().map((p) => `${p}:${graph.file(p)?.hash ?? "-"}`));
}

/** Reads module APIs on demand, sharing one type-checker project and the cache. */
export interface ModuleApiReader {
  /** The API of the module at `path` (repository-relative). */
  read(path: string): ModuleApi;
}

/**
 * Creates a {@link ModuleApiReader}.
 * @param expected - the modules that will be read (repository-relative). On
 *   the first cache miss, every one of them whose cache entry is stale is
 *   added to the type-checker project at once, so a single program serves
 *   them all instead of one program per module.
 */
export function moduleApiReader(
  root: string,
  graph: RepoGraph,
  resolver: SpecifierResolver,
  resolutionInputs: string,
  cache: CacheStore,
  expected: readonly string[] = [],
): ModuleApiReader {
  const section = cache.section<ModuleApi>("module-api");
  const keys = new Map<string, string>();
  const keyOf = (path: string): string => {
    let key = keys.get(path);
    if (key === undefined) {
      key = hashOf(resolutionInputs, closureHash(graph, path));
      keys.set(path, key);
    }
    return key;
  };
  const isFresh = (path: string): boolean => section.get(path, keyOf(path)) !== undefined;
  let project: Project | undefined;
  const openProject = (path: string): Project => {
    const created = createApiProject(resolver.compilerOptions);
    const stale = new Set([path, ...expected.filter((p) => graph.files.has(p) && !isFresh(p))]);
    for (const stalePath of stale) created.addSourceFileAtPath(join(root, stalePath));
    return created;
  };
  return {
    read(path) {
      const key = keyOf(path);
      const hit = section.get(path, key);
      if (hit !== undefined) return hit;
      project ??= openProject(path);
      const api = readModuleApi(project, root, join(root, path));
      section.set(path, key, api);
      return api;
    },
  };
}
