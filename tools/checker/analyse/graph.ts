/**
 * The dependency graph of a repository: every scanned file, what it depends
 * on (resolved), what it re-exports, and its unanalysable imports. Built from
 * syntax alone (no type checker); facts are cached by content hash and
 * resolutions by the hash of the configuration and the file list.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type JsonCache, CACHE_VERSION, hashOf } from "./cache.js";
import { type Dependency, type FileFacts, type ReExport, extractFacts, parseSource } from "./dependencies.js";
import type { Resolution, SpecifierResolver } from "./resolve.js";

/** A dependency with where it leads. */
export interface ResolvedDependency extends Dependency {
  readonly target: Resolution;
}

/** A re-export with where it leads. */
export interface ResolvedReExport extends ReExport {
  readonly target: Resolution;
}

/** One scanned file of the graph. */
export interface GraphFile {
  /** Repository-relative path. */
  readonly path: string;
  /** SHA-1 of the content. */
  readonly hash: string;
  readonly dependencies: readonly ResolvedDependency[];
  readonly reExports: readonly ResolvedReExport[];
  readonly unanalysable: FileFacts["unanalysable"];
}

/** The dependency graph of the scanned files. */
export interface RepoGraph {
  /** Every scanned file, by repository-relative path. */
  readonly files: ReadonlyMap<string, GraphFile>;
  /** The files that depend directly on `path`, with the dependencies that lead there. */
  importersOf(path: string): readonly { file: GraphFile; dependency: ResolvedDependency }[];
}

interface CachedFile {
  readonly hash: string;
  readonly facts: FileFacts;
  readonly resolutionKey: string;
  readonly resolutions: readonly Resolution[];
}

interface CacheShape {
  readonly version: string;
  readonly files: Record<string, CachedFile>;
}

/** Inputs of {@link buildGraph}. */
export interface GraphInput {
  readonly root: string;
  /** Repository-relative paths of the files to scan. */
  readonly files: readonly string[];
  readonly resolver: SpecifierResolver;
  /** Hash of everything resolution depends on besides the file list (tsconfig, package.json). */
  readonly configHash: string;
  readonly cache: JsonCache;
}

const CACHE_ENTRY = "graph";

/** Builds the graph of the given files. */
export function buildGraph(input: GraphInput): RepoGraph {
  const cached = input.cache.read<CacheShape>(CACHE_ENTRY);
  const previous = cached?.version === CACHE_VERSION ? cached.files : {};
  const resolutionKey = hashOf(input.configHash, ...input.files);
  const next: Record<string, CachedFile> = {};
  const files = new Map<string, GraphFile>();
  let changed = false;

  for (const path of input.files) {
    const text = readFileSync(join(input.root, path), "utf8");
    const hash = hashOf(text);
    const old = previous[path];
    let facts: FileFacts;
    let resolutions: readonly Resolution[];
    if (old && old.hash === hash) {
      facts = old.facts;
      resolutions =
        old.resolutionKey === resolutionKey ? old.resolutions : resolveAll(input.resolver, facts, path);
    } else {
      facts = extractFacts(parseSource(path, text, true));
      // A specifier the file already had resolves as before while the configuration and file list are the same.
      const known =
        old && old.resolutionKey === resolutionKey
          ? new Map(old.facts.dependencies.map((dep, i) => [dep.specifier, old.resolutions[i]]))
          : undefined;
      resolutions = facts.dependencies.map((dep) => known?.get(dep.specifier) ?? input.resolver.resolve(dep.specifier, path));
    }
    if (!old || old.hash !== hash || old.resolutionKey !== resolutionKey) changed = true;
    next[path] = { hash, facts, resolutionKey, resolutions };
    const bySpecifier = new Map<string, Resolution>();
    facts.dependencies.forEach((dep, i) => bySpecifier.set(dep.specifier, resolutions[i] ?? { kind: "unresolved" }));
    files.set(path, {
      path,
      hash,
      dependencies: facts.dependencies.map((dep, i) => ({ ...dep, target: resolutions[i] ?? { kind: "unresolved" } })),
      reExports: facts.reExports.map((re) => ({
        ...re,
        target: bySpecifier.get(re.specifier) ?? input.resolver.resolve(re.specifier, path),
      })),
      unanalysable: facts.unanalysable,
    });
  }
  if (changed || Object.keys(previous).length !== input.files.length) {
    input.cache.write(CACHE_ENTRY, { version: CACHE_VERSION, files: next } satisfies CacheShape);
  }

  const importers = new Map<string, { file: GraphFile; dependency: ResolvedDependency }[]>();
  for (const file of files.values()) {
    for (const dependency of file.dependencies) {
      if (dependency.target.kind !== "internal") continue;
      const list = importers.get(dependency.target.path) ?? [];
      list.push({ file, dependency });
      importers.set(dependency.target.path, list);
    }
  }
  return { files, importersOf: (path) => importers.get(path) ?? [] };
}

function resolveAll(resolver: SpecifierResolver, facts: FileFacts, path: string): Resolution[] {
  return facts.dependencies.map((dep) => resolver.resolve(dep.specifier, path));
}
