/**
 * The dependency graph of a repository: every scanned file, what it depends
 * on (resolved), what it re-exports and declares, and its unanalysable
 * imports. Built from syntax alone (no type checker). Facts are cached by the
 * file's content hash; resolutions by that and the hash of the resolution
 * inputs and of the file list.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { hashOf } from "../cache/hash.js";
import type { CacheStore } from "../cache/store.js";
import { PROGRESS_STEP, type ProgressListener } from "../progress/events.js";
import { extractFacts } from "./facts/extract.js";
import type { Dependency, FileFacts, ReExport } from "./facts/types.js";
import { parseSource } from "./parse.js";
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
  /** The names the file exports from its own declarations. */
  readonly declared: readonly string[];
  readonly unanalysable: FileFacts["unanalysable"];
  /** Its `// spine-check-ignore …` comments. */
  readonly suppressions: FileFacts["suppressions"];
}

/** One dependency of the graph: the importing file and the dependency. */
export interface GraphEdge {
  readonly file: GraphFile;
  readonly dependency: ResolvedDependency;
}

/** The dependency graph of the scanned files. */
export interface RepoGraph {
  /** Every scanned file, by repository-relative path. */
  readonly files: ReadonlyMap<string, GraphFile>;
  /** The files that depend directly on `path`, with the dependencies that lead there. */
  importersOf(path: string): readonly GraphEdge[];
  /**
   * Any file of the repository by repository-relative path: a scanned one,
   * or one outside the scan that a scanned file reaches (read on demand, so
   * that a closure of imports is complete), or `undefined` when there is no
   * such file. A file that is not source code (an asset) has no dependencies.
   */
  file(path: string): GraphFile | undefined;
}

/** What the graph caches per file. */
interface CachedFile {
  readonly facts: FileFacts;
  readonly resolutionKey: string;
  readonly resolutions: readonly Resolution[];
}

/** Inputs of {@link buildGraph}. */
export interface GraphInput {
  readonly root: string;
  /** Repository-relative paths of the files to scan. */
  readonly files: readonly string[];
  readonly resolver: SpecifierResolver;
  /** Hash of everything resolution depends on besides the file list (see `environment.ts`). */
  readonly resolutionInputs: string;
  readonly cache: CacheStore;
  /** Told every few hundred files how many were analysed. */
  readonly onProgress?: ProgressListener;
  /** Reads a file's text (default: from the disk); an editor integration passes the text of an unsaved buffer. */
  readonly readText?: (path: string) => string;
}

const UNRESOLVED: Resolution = { kind: "unresolved" };

/** Files whose syntax the graph reads: JavaScript and TypeScript sources and declarations. */
const SOURCE_FILE = /\.[cm]?[jt]sx?$/;

/** Builds the graph of the given files. */
export function buildGraph(input: GraphInput): RepoGraph {
  const section = input.cache.section<CachedFile>("graph", { untouched: "drop" });
  const resolutionKey = hashOf(input.resolutionInputs, ...input.files);
  const noFacts: FileFacts = { dependencies: [], unanalysable: [], reExports: [], declared: [], suppressions: [] };

  /** Reads one file, taking its facts and resolutions from the cache when they are fresh. */
  const readText = input.readText ?? ((path: string): string => readFileSync(join(input.root, path), "utf8"));
  const load = (path: string): GraphFile => {
    const text = readText(path);
    const hash = hashOf(text);
    const old = section.get(path, hash);
    let facts: FileFacts;
    let resolutions: readonly Resolution[];
    if (old !== undefined && old.resolutionKey === resolutionKey) {
      ({ facts, resolutions } = old);
    } else {
      facts = old?.facts ?? (SOURCE_FILE.test(path) ? extractFacts(parseSource(path, text, true)) : noFacts);
      // An edited file's specifiers resolve as before while the resolution inputs and the file list are unchanged.
      const previous = old ?? section.stale(path);
      const known = previous?.resolutionKey === resolutionKey ? new Map(previous.facts.dependencies.map((dep, i) => [dep.specifier, previous.resolutions[i]])) : undefined;
      resolutions = facts.dependencies.map((dep) => known?.get(dep.specifier) ?? input.resolver.resolve(dep.specifier, path));
      section.set(path, hash, { facts, resolutionKey, resolutions });
    }
    const bySpecifier = new Map<string, Resolution>();
    facts.dependencies.forEach((dep, i) => bySpecifier.set(dep.specifier, resolutions[i] ?? UNRESOLVED));
    return {
      path,
      hash,
      dependencies: facts.dependencies.map((dep, i) => ({ ...dep, target: resolutions[i] ?? UNRESOLVED })),
      reExports: facts.reExports.map((re) => ({ ...re, target: bySpecifier.get(re.specifier) ?? input.resolver.resolve(re.specifier, path) })),
      declared: facts.declared,
      unanalysable: facts.unanalysable,
      suppressions: facts.suppressions,
    };
  };

  const files = new Map<string, GraphFile>();
  const total = input.files.length;
  for (const path of input.files) {
    files.set(path, load(path));
    if (input.onProgress !== undefined && (files.size % PROGRESS_STEP === 0 || files.size === total)) {
      input.onProgress({ phase: "analysing files", done: files.size, total });
    }
  }
  const outside = new Map<string, GraphFile | undefined>();
  const file = (path: string): GraphFile | undefined => {
    const scanned = files.get(path);
    if (scanned !== undefined || outside.has(path)) return scanned ?? outside.get(path);
    let loaded: GraphFile | undefined;
    try {
      loaded = load(path);
    } catch {
      loaded = undefined;
    }
    outside.set(path, loaded);
    return loaded;
  };

  const importers = new Map<string, GraphEdge[]>();
  for (const scanned of files.values()) {
    for (const dependency of scanned.dependencies) {
      if (dependency.target.kind !== "internal") continue;
      const list = importers.get(dependency.target.path) ?? [];
      list.push({ file: scanned, dependency });
      importers.set(dependency.target.path, list);
    }
  }
  return { files, importersOf: (path) => importers.get(path) ?? [], file };
}
