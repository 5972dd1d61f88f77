/**
 * Reads the APIs of the contracted modules with the type checker, cached by
 * the content of each module and of every repository file it reaches.
 */
import { join } from "node:path";
import type { Project } from "ts-morph";
import { type JsonCache, CACHE_VERSION, hashOf } from "./cache.js";
import { createApiProject, type ModuleApi, readModuleApi } from "./exports.js";
import type { RepoGraph } from "./graph.js";
import type { SpecifierResolver } from "./resolve.js";

interface CachedApis {
  readonly version: string;
  readonly entries: Record<string, { readonly key: string; readonly api: ModuleApi }>;
}

const CACHE_ENTRY = "module-api";

/** Hash of a module and every repository file it reaches through imports. */
function closureHash(graph: RepoGraph, path: string): string {
  const seen = new Set<string>();
  const stack = [path];
  while (stack.length > 0) {
    const current = stack.pop() as string;
    if (seen.has(current)) continue;
    seen.add(current);
    for (const dep of graph.files.get(current)?.dependencies ?? []) {
      if (dep.target.kind === "internal") stack.push(dep.target.path);
    }
  }
  return hashOf(...[...seen].sort().map((p) => `${p}:${graph.files.get(p)?.hash ?? "?"}`));
}

/** Reads module APIs on demand, sharing one type-checker project and the cache. */
export interface ModuleApiReader {
  /** The API of the module at `path` (repository-relative). */
  read(path: string): ModuleApi;
  /** Writes the cache (call once at the end of a run). */
  save(): void;
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
  configHash: string,
  cache: JsonCache,
  expected: readonly string[] = [],
): ModuleApiReader {
  const stored = cache.read<CachedApis>(CACHE_ENTRY);
  const entries = stored?.version === CACHE_VERSION ? { ...stored.entries } : {};
  const keys = new Map<string, string>();
  const keyOf = (path: string): string => {
    let key = keys.get(path);
    if (key === undefined) {
      key = hashOf(configHash, closureHash(graph, path));
      keys.set(path, key);
    }
    return key;
  };
  const isFresh = (path: string): boolean => entries[path]?.key === keyOf(path);
  let project: Project | undefined;
  let dirty = false;
  const openProject = (path: string): Project => {
    const created = createApiProject(resolver.compilerOptions);
    const stale = new Set([path, ...expected.filter((p) => graph.files.has(p) && !isFresh(p))]);
    for (const stalePath of stale) created.addSourceFileAtPath(join(root, stalePath));
    return created;
  };
  return {
    read(path) {
      const key = keyOf(path);
      const hit = entries[path];
      if (hit && hit.key === key) return hit.api;
      project ??= openProject(path);
      const api = readModuleApi(project, root, join(root, path));
      entries[path] = { key, api };
      dirty = true;
      return api;
    },
    save() {
      if (dirty) cache.write(CACHE_ENTRY, { version: CACHE_VERSION, entries } satisfies CachedApis);
    },
  };
}
