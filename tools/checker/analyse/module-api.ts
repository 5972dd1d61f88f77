/**
 * Reads the APIs of the contracted modules with the type checker, cached by
 * the content of each module and the declarations of every repository file
 * it reaches (`facts/declaration-hash.ts`). A
 * module over `limits.analyse_bytes`, or one the type checker runs out of
 * stack on, is not read, and a warning says so.
 */
import { join } from "node:path";
import type { Project } from "ts-morph";
import { hashOf } from "../cache/hash.js";
import { isStackOverflow } from "../errors.js";
import { createApiProject, type ModuleApi, readModuleApi } from "./exports.js";
import type { RepoGraph } from "./graph.js";
import { analyseLimitWarning, type ReaderInput } from "./reader-input.js";

/**
 * Hash of a module (its content: the API holds its positions) and of the
 * declarations of every other repository file it reaches through imports,
 * scanned or not (a comment or a function body edited there cannot change
 * the API).
 */
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
  const hashOfFile = (p: string): string => {
    const file = graph.file(p);
    return file === undefined ? "-" : p === path ? file.hash : file.apiHash;
  };
  return hashOf(...[...seen].sort().map((p) => `${p}:${hashOfFile(p)}`));
}

/** Reads module APIs on demand, sharing one type-checker project and the cache. */
export interface ModuleApiReader {
  /** The API of the module at `path` (repository-relative), or `undefined` when it was not read (a warning says why). */
  read(path: string): ModuleApi | undefined;
}

/**
 * Creates a {@link ModuleApiReader}.
 * @param expected - the modules that will be read (repository-relative). On
 *   the first cache miss, every one of them whose cache entry is stale is
 *   added to the type-checker project at once, so a single program serves
 *   them all instead of one program per module.
 */
export function moduleApiReader(input: ReaderInput, expected: readonly string[] = []): ModuleApiReader {
  const { root, graph, resolver, resolutionInputs, cache, maxBytes, warnings } = input;
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
    const small = (p: string): boolean => (graph.files.get(p)?.bytes ?? 0) <= maxBytes;
    const stale = new Set([path, ...expected.filter((p) => graph.files.has(p) && small(p) && !isFresh(p))]);
    for (const stalePath of stale) created.addSourceFileAtPath(join(root, stalePath));
    return created;
  };
  return {
    read(path) {
      const tooLarge = analyseLimitWarning(graph, path, maxBytes, "its exports");
      if (tooLarge !== undefined) {
        warnings.push(tooLarge);
        return undefined;
      }
      const key = keyOf(path);
      const hit = section.get(path, key);
      if (hit !== undefined) return hit;
      let api: ModuleApi;
      try {
        project ??= openProject(path);
        api = readModuleApi(project, root, join(root, path));
      } catch (error) {
        if (!isStackOverflow(error)) throw error;
        // The type checker may be left half-way: the next module gets a new project.
        project = undefined;
        warnings.push({ file: path, message: "not analysed for its exports: nested too deeply for the TypeScript type checker (it ran out of stack)" });
        return undefined;
      }
      section.set(path, key, api);
      return api;
    },
  };
}
