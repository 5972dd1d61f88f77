/**
 * What both engines read before they analyse anything: the project settings
 * and contracts (validated), the rules' severities, the scanned tree, the
 * tsconfig chain, the workspace packages, and the cache under the namespace
 * of this checker and these compilers. Refuses a run that would check
 * nothing: no layer rule and no contract, or no file.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { tsMorphVersion } from "../analyse/typescript.js";
import { type ScannedTree, scanRepository } from "../analyse/scan.js";
import { readTsconfigChain, type TsconfigChain } from "../analyse/tsconfig/chain.js";
import { readWorkspaces, type Workspaces } from "../analyse/workspaces/workspaces.js";
import { cacheNamespace } from "../cache/namespace.js";
import { type CacheStore, defaultCacheDir, fileCache, NO_CACHE } from "../cache/store.js";
import { type LoadedContract, loadContracts } from "../contracts/contracts.js";
import { type LoadedProject, loadProject } from "../contracts/project.js";
import { CheckerConfigError } from "../errors.js";
import { assertNotEmpty, assertSomethingToCheck, assertTypeScriptPackage, installedTypeScriptVersion } from "../guards.js";
import { readSeverities, type Severities } from "../policy/severities.js";

/** Options of {@link loadConfiguration}. */
export interface ConfigurationOptions {
  /** The repository to check. */
  readonly root: string;
  /** Use the cache (default true). */
  readonly cache?: boolean;
  /** The cache's folder (default: `node_modules/.cache/spine-check/` of the repository). */
  readonly cacheDir?: string;
}

/** A repository's configuration and scanned tree. */
export interface Configuration {
  /** Absolute path of the repository root. */
  readonly root: string;
  readonly project: LoadedProject;
  /** The contracts, sorted by contract file (empty only when the project has layer rules). */
  readonly contracts: readonly LoadedContract[];
  /** The severity of every rule. */
  readonly severities: Severities;
  /** The scanned sources and package manifests. */
  readonly tree: ScannedTree;
  /** Repository-relative paths of the analysed files: the scanned sources and every contracted file that exists, sorted (never empty). */
  readonly files: readonly string[];
  /** The project's tsconfig, what it extends and references, and the one that resolves specifiers. */
  readonly tsconfig: TsconfigChain;
  /** The workspace packages and the aliases that lead to their sources (both engines resolve with them). */
  readonly workspaces: Workspaces;
  /** The cache (or {@link NO_CACHE}); call `save()` once the run is done. */
  readonly cache: CacheStore;
}

/**
 * Loads and validates the configuration and contracts and lists the files to analyse.
 * @throws {CheckerConfigError} for a missing root, no or an unsupported typescript package, an invalid contract or project file (an unknown rule id included), a missing tsconfig, or nothing to check.
 */
export function loadConfiguration(options: ConfigurationOptions): Configuration {
  const root = resolve(options.root);
  if (!existsSync(root)) throw new CheckerConfigError(`--root: no such folder: ${root}`);
  const typescriptVersion = installedTypeScriptVersion(root);
  assertTypeScriptPackage(typescriptVersion);
  const namespace = cacheNamespace([tsMorphVersion(), typescriptVersion]);
  const cache = options.cache === false ? NO_CACHE : fileCache(resolve(options.cacheDir ?? defaultCacheDir(root)), namespace);
  const project = loadProject(root, cache);
  const severities = readSeverities(project);
  const contracts = loadContracts(root, cache);
  const tree = scanRepository(root, project.data.scan.include, project.data.scan.exclude);
  assertSomethingToCheck(project.data, contracts.length, tree.sources);
  const contracted = contracts.map((c) => c.data.placement.file).filter((file) => existsSync(join(root, file)));
  const files = [...new Set([...tree.sources, ...contracted])].sort();
  assertNotEmpty("source files", files.length, "Check scan.include and scan.exclude in contracts/project.yaml, and --root.");
  const tsconfig = readTsconfigChain(join(root, project.data.tsconfig));
  const workspaces = readWorkspaces(root, tsconfig.pathPatterns);
  return { root, project, contracts, severities, tree, files, tsconfig, workspaces, cache };
}
