/**
 * The dependency graph of a repository: every scanned file, what it depends
 * on (resolved), what it re-exports and declares, and its unanalysable
 * imports. Built from syntax alone (no type checker). Facts are cached by the
 * file's content hash; resolutions by that and the key of the resolution
 * facts (the resolution inputs, the file list and what resolution looked at
 * outside the scan: see `resolution-facts.ts`). A file over
 * `limits.read_bytes` is not read; one over `limits.parse_bytes`, or nested
 * too deeply to parse, is scanned for imports without a syntax tree
 * (`facts/lexical.ts`); each is reported as a warning.
 */
import { join } from "node:path";
import { hashOf } from "../cache/hash.js";
import type { CacheStore } from "../cache/store.js";
import { isStackOverflow } from "../errors.js";
import { type FileRead, readRegularFile } from "../files/read.js";
import { formatBytes, type Limits } from "../limits.js";
import { PROGRESS_STEP, type ProgressListener } from "../progress/events.js";
import type { CheckWarning } from "../warnings.js";
import { extractFacts } from "./facts/extract.js";
import { lexicalFacts } from "./facts/lexical.js";
import type { Dependency, FileFacts, ReExport } from "./facts/types.js";
import { declarationHashReader } from "./declaration-hashes.js";
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
  /**
   * What the type checker sees of it from another file: the hash of its
   * declarations (`facts/declaration-hash.ts`), or of its content when it has
   * no syntax tree. Computed on first read (`declaration-hashes.ts`).
   */
  readonly apiHash: string;
  /** Size of the content in bytes. */
  readonly bytes: number;
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
  /** The key of the cached resolutions: everything they depend on besides each file's content (`ResolutionFacts.key`). */
  readonly resolutionKey: string;
  readonly cache: CacheStore;
  /** Told every few hundred files how many were analysed. */
  readonly onProgress?: ProgressListener;
  /** Reads a file's text (default: from the disk); an editor integration passes the text of an unsaved buffer. */
  readonly readText?: (path: string) => string;
  /** The size limits (`read_bytes` and `parse_bytes` apply here). */
  readonly limits: Pick<Limits, "read_bytes" | "parse_bytes">;
  /** Where the graph reports the scanned files it did not read or parse. */
  readonly warnings: CheckWarning[];
}

/** The end of every warning about a file scanned without a syntax tree. */
const LEXICAL_SCAN =
  "scanned for imports without a syntax tree: each import counts as a value import of the whole module, and nothing is followed through its re-exports";

/**
 * The facts of a file's text: parsed, or scanned without a syntax tree when
 * it is over the parse limit or too deeply nested for the parser.
 */
function factsOf(path: string, text: string, bytes: number, limits: GraphInput["limits"]): FileFacts {
  if (bytes > limits.parse_bytes) return lexicalFacts(text, `${formatBytes(bytes)}, larger than limits.parse_bytes (${formatBytes(limits.parse_bytes)})`);
  try {
    return extractFacts(parseSource(path, text, true));
  } catch (error) {
    if (!isStackOverflow(error)) throw error;
    return lexicalFacts(text, "nested too deeply for the TypeScript parser (it ran out of stack)");
  }
}

const UNRESOLVED: Resolution = { kind: "unresolved" };

/** Files whose syntax the graph reads: JavaScript and TypeScript sources and declarations. */
const SOURCE_FILE = /\.[cm]?[jt]sx?$/;

/** Reads one file of a graph (see `fileLoader`). */
type FileLoader = (path: string, scanned: boolean) => GraphFile | undefined;

/** A file's text as the graph reads it: from `readText` when given, else from the disk up to `limits.read_bytes`. */
function readGraphText(input: GraphInput, path: string): FileRead {
  if (input.readText === undefined) return readRegularFile(join(input.root, path), input.limits.read_bytes, "limits.read_bytes");
  const text = input.readText(path);
  return { kind: "text", text, bytes: Buffer.byteLength(text) };
}

/**
 * The reader of a graph's files: it takes a file's facts and resolutions from
 * the cache when they are fresh and records them there otherwise.
 */
function fileLoader(input: GraphInput): FileLoader {
  const section = input.cache.section<CachedFile>("graph", { untouched: "drop" });
  const { resolutionKey } = input;
  const declarationHashOf = declarationHashReader(input.cache, (path) => {
    const read = readGraphText(input, path);
    return read.kind === "text" ? read.text : undefined;
  });
  const noFacts: FileFacts = { dependencies: [], unanalysable: [], reExports: [], declared: [], suppressions: [] };

  /**
   * Reads one file, taking its facts and resolutions from the cache when they
   * are fresh; `undefined` (and a warning, for a scanned file) when it cannot
   * be read.
   */
  const load = (path: string, scanned: boolean): GraphFile | undefined => {
    const read = readGraphText(input, path);
    if (read.kind !== "text") {
      if (scanned) input.warnings.push({ file: path, message: `not read: ${read.kind === "missing" ? "it was removed while the run read the tree" : read.why}` });
      return read.kind === "skipped" && read.tooLarge ? { path, hash: hashOf("\u0000unread", path), apiHash: hashOf("\u0000unread", path), bytes: read.bytes ?? 0, dependencies: [], reExports: [], declared: [], unanalysable: [], suppressions: [] } : undefined;
    }
    const { text, bytes } = read;
    const hash = hashOf(text);
    // The facts of a file over the parse limit come from another reader: another key.
    const key = bytes > input.limits.parse_bytes ? `${hash}:lexical` : hash;
    const old = section.get(path, key);
    let facts: FileFacts;
    let resolutions: readonly Resolution[];
    if (old !== undefined && old.resolutionKey === resolutionKey) {
      ({ facts, resolutions } = old);
    } else {
      facts = old?.facts ?? (SOURCE_FILE.test(path) ? factsOf(path, text, bytes, input.limits) : noFacts);
      // An edited file's specifiers resolve as before while the resolution key is unchanged.
      const previous = old ?? section.stale(path);
      const known = previous?.resolutionKey === resolutionKey ? new Map(previous.facts.dependencies.map((dep, i) => [dep.specifier, previous.resolutions[i]])) : undefined;
      resolutions = facts.dependencies.map((dep) => known?.get(dep.specifier) ?? input.resolver.resolve(dep.specifier, path));
      section.set(path, key, { facts, resolutionKey, resolutions });
    }
    if (facts.lexical !== undefined && scanned) input.warnings.push({ file: path, message: `${facts.lexical}: ${LEXICAL_SCAN}` });
    const bySpecifier = new Map<string, Resolution>();
    facts.dependencies.forEach((dep, i) => bySpecifier.set(dep.specifier, resolutions[i] ?? UNRESOLVED));
    const hasSyntaxTree = SOURCE_FILE.test(path) && facts.lexical === undefined;
    let apiHash: string | undefined;
    return {
      path,
      hash,
      get apiHash(): string {
        apiHash ??= hasSyntaxTree ? declarationHashOf(path, hash) : hash;
        return apiHash;
      },
      bytes,
      dependencies: facts.dependencies.map((dep, i) => ({ ...dep, target: resolutions[i] ?? UNRESOLVED })),
      reExports: facts.reExports.map((re) => ({ ...re, target: bySpecifier.get(re.specifier) ?? input.resolver.resolve(re.specifier, path) })),
      declared: facts.declared,
      unanalysable: facts.unanalysable,
      suppressions: facts.suppressions,
    };
  };

  return load;
}

/** The importer edges of the given files, by the path they lead to. */
function importerEdges(files: Iterable<GraphFile>): Map<string, GraphEdge[]> {
  const importers = new Map<string, GraphEdge[]>();
  for (const scanned of files) {
    for (const dependency of scanned.dependencies) {
      if (dependency.target.kind !== "internal") continue;
      const list = importers.get(dependency.target.path) ?? [];
      list.push({ file: scanned, dependency });
      importers.set(dependency.target.path, list);
    }
  }
  return importers;
}

/** What a graph keeps to be updated (see {@link updateGraph}). */
interface GraphState {
  readonly importers: ReadonlyMap<string, readonly GraphEdge[]>;
  /** The files outside the scan read so far (`undefined`: there is no such file). */
  readonly outside: Map<string, GraphFile | undefined>;
}

/** The state of each graph {@link buildGraph} or {@link updateGraph} made. */
const STATES = new WeakMap<RepoGraph, GraphState>();

/** The graph of `files` (scanned), reading the files outside the scan with `load` on demand. */
function graphOf(files: ReadonlyMap<string, GraphFile>, importers: ReadonlyMap<string, readonly GraphEdge[]>, outside: GraphState["outside"], load: FileLoader): RepoGraph {
  const file = (path: string): GraphFile | undefined => {
    const scanned = files.get(path);
    if (scanned !== undefined || outside.has(path)) return scanned ?? outside.get(path);
    const loaded = load(path, false);
    outside.set(path, loaded);
    return loaded;
  };
  const graph: RepoGraph = { files, importersOf: (path) => importers.get(path) ?? [], file };
  STATES.set(graph, { importers, outside });
  return graph;
}

/** Builds the graph of the given files. */
export function buildGraph(input: GraphInput): RepoGraph {
  const load = fileLoader(input);
  const files = new Map<string, GraphFile>();
  const total = input.files.length;
  let done = 0;
  for (const path of input.files) {
    const loaded = load(path, true);
    if (loaded !== undefined) files.set(path, loaded);
    done += 1;
    if (input.onProgress !== undefined && (done % PROGRESS_STEP === 0 || done === total)) {
      input.onProgress({ phase: "analysing files", done, total });
    }
  }
  return graphOf(files, importerEdges(files.values()), new Map(), load);
}

/** The versions of a file an update replaced: before, and now (`undefined` when it cannot be read any more). */
export interface FileVersions {
  readonly before: GraphFile;
  readonly after: GraphFile | undefined;
}

/**
 * `base` with the scanned files at `changed` read again (the watch loop,
 * told which files changed). `input` must be the one `base` was built from:
 * the same file list and resolution key (a file added or removed, or a
 * change to what resolution reads, needs {@link buildGraph}); every other
 * file, and what the graph read outside the scan, is `base`'s.
 * @returns the graph, and the versions of each changed file.
 * @throws {Error} when `base` was not built by this module or a changed file is not one of its scanned files.
 */
export function updateGraph(base: RepoGraph, input: GraphInput, changed: ReadonlySet<string>): { readonly graph: RepoGraph; readonly versions: ReadonlyMap<string, FileVersions> } {
  const state = STATES.get(base);
  if (state === undefined) throw new Error("updateGraph: the base graph was not built by buildGraph");
  const load = fileLoader(input);
  const files = new Map(base.files);
  const versions = new Map<string, FileVersions>();
  for (const path of changed) {
    const before = base.files.get(path);
    if (before === undefined) throw new Error(`updateGraph: ${path} is not a scanned file of the graph`);
    const after = load(path, true);
    versions.set(path, { before, after });
    if (after === undefined) files.delete(path);
    else files.set(path, after);
  }
  // Only the lists of the targets of a changed file, before or after, differ from the base's; each stays in scan order, as built.
  const replaced = importerEdges([...versions.values()].flatMap(({ after }) => (after === undefined ? [] : [after])));
  const order = new Map(input.files.map((path, i) => [path, i]));
  const rank = (edge: GraphEdge): number => order.get(edge.file.path) ?? Number.MAX_SAFE_INTEGER;
  const importers = new Map(state.importers);
  for (const { before, after } of versions.values()) {
    for (const version of [before, after]) {
      for (const dependency of version?.dependencies ?? []) {
        if (dependency.target.kind !== "internal") continue;
        const target = dependency.target.path;
        const kept = (state.importers.get(target) ?? []).filter((edge) => !changed.has(edge.file.path));
        importers.set(target, [...kept, ...(replaced.get(target) ?? [])].sort((a, b) => rank(a) - rank(b)));
      }
    }
  }
  return { graph: graphOf(files, importers, state.outside, load), versions };
}

/**
 * Whether two versions of a file depend on the same targets in the same way,
 * re-export and declare the same names: what every verdict of the other files
 * reads of it (their positions aside).
 */
export function sameShape(a: GraphFile, b: GraphFile): boolean {
  const dependency = (d: ResolvedDependency): string => JSON.stringify([d.form, d.specifier, d.typeOnly, d.names, d.target]);
  const reExport = (r: ResolvedReExport): string => JSON.stringify([r.exported, r.specifier, r.imported, r.target]);
  const same = <T>(x: readonly T[], y: readonly T[], key: (item: T) => string): boolean => x.length === y.length && x.every((item, i) => key(item) === key(y[i] as T));
  return same(a.dependencies, b.dependencies, dependency) && same(a.reExports, b.reExports, reExport) && same(a.declared, b.declared, String);
}
