/**
 * Opens a repository for analysis: its project settings and contracts, the
 * files it scans, the specifier resolver, the dependency graph and the
 * module-API reader. The checker's rules and the docs generator share it.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { type JsonCache, fileCache, hashOf, noCache } from "./analyse/cache.js";
import { listSourceFiles } from "./analyse/files.js";
import { buildGraph, type RepoGraph } from "./analyse/graph.js";
import { type ModuleApiReader, moduleApiReader } from "./analyse/module-api.js";
import { createResolver, lazyResolver, readCompilerOptions, type SpecifierResolver } from "./analyse/resolve.js";
import { type TransactionReader, transactionReader } from "./analyse/transaction-reader.js";
import { tsMorphVersion } from "./analyse/typescript.js";
import { CONTRACTS_DIR, type LoadedContract, type LoadedProject, loadContracts, loadProject } from "./contracts/load.js";
import { CheckerConfigError } from "./errors.js";
import { assertNotEmpty, assertSupportedTypeScript } from "./guards.js";

/** Options of {@link openRepository}. */
export interface OpenRepositoryOptions {
  /** The repository to open. */
  readonly root: string;
  /** Use `.spine-cache/` (default true). */
  readonly cache?: boolean;
}

/** An opened repository: everything the analyses read. */
export interface Repository {
  /** Absolute path of the repository root. */
  readonly root: string;
  readonly project: LoadedProject;
  /** The contracts, sorted by contract file (never empty). */
  readonly contracts: readonly LoadedContract[];
  /** Repository-relative paths of the analysed files, sorted (never empty). */
  readonly files: readonly string[];
  readonly resolver: SpecifierResolver;
  readonly graph: RepoGraph;
  /** Reads module APIs with the type checker; call `save()` once done. */
  readonly apis: ModuleApiReader;
  /** Finds transaction control in modules; call `save()` once done. */
  readonly transactions: TransactionReader;
}

function readIfExists(path: string): string {
  return existsSync(path) ? readFileSync(path, "utf8") : "";
}

/**
 * Loads and validates the configuration and contracts, lists and parses the
 * scanned files, and builds the dependency graph.
 * @throws {CheckerConfigError} for a missing root, an invalid contract, TypeScript 7, or nothing to analyse.
 */
export function openRepository(options: OpenRepositoryOptions): Repository {
  const root = resolve(options.root);
  if (!existsSync(root)) throw new CheckerConfigError(`--root: no such folder: ${root}`);
  assertSupportedTypeScript(root);
  const cache: JsonCache = options.cache === false ? noCache : fileCache(root);
  const project = loadProject(root, cache);
  const contracts = loadContracts(root, cache);
  assertNotEmpty("contracts", contracts.length, `Write at least one ${CONTRACTS_DIR}/**/*.contract.yaml.`);

  const scanned = listSourceFiles(root, project.data.scan.include, project.data.scan.exclude);
  const files = [...new Set([...scanned, ...contracts.map((c) => c.data.placement.file).filter((f) => existsSync(join(root, f)))])].sort();
  assertNotEmpty("source files", files.length, "Check scan.include and scan.exclude in contracts/project.yaml, and --root.");

  const configHash = hashOf(
    tsMorphVersion(),
    project.text,
    readIfExists(join(root, project.data.tsconfig)),
    readIfExists(join(root, "package.json")),
    readIfExists(join(root, "package-lock.json")),
  );
  const resolver = lazyResolver(() => createResolver(root, readCompilerOptions(root, project.data.tsconfig)));
  const graph = buildGraph({ root, files, resolver, configHash, cache });
  const apis = moduleApiReader(root, graph, resolver, configHash, cache, contracts.map((c) => c.data.placement.file));
  const transactions = transactionReader(root, graph, resolver, configHash, cache);
  return { root, project, contracts, files, resolver, graph, apis, transactions };
}
