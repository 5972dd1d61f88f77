/**
 * What both engines read before they analyse anything: the project settings
 * and contracts (validated), the scanned tree, the tsconfig chain, and the
 * cache under the namespace of this checker and these compilers. Refuses a
 * run that would check nothing.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { tsMorphVersion } from "../analyse/typescript.js";
import { type ScannedTree, scanRepository } from "../analyse/scan.js";
import { readTsconfigChain, type TsconfigChain } from "../analyse/tsconfig/chain.js";
import { cacheNamespace } from "../cache/namespace.js";
import { type CacheStore, fileCache, NO_CACHE } from "../cache/store.js";
import { type LoadedContract, loadContracts } from "../contracts/contracts.js";
import { CONTRACTS_DIR } from "../contracts/paths.js";
import { type LoadedProject, loadProject } from "../contracts/project.js";
import { CheckerConfigError } from "../errors.js";
import { assertNotEmpty, assertTypeScriptPackage, installedTypeScriptVersion } from "../guards.js";

/** Options of {@link loadConfiguration}. */
export interface ConfigurationOptions {
  /** The repository to check. */
  readonly root: string;
  /** Use `.spine-cache/` (default true). */
  readonly cache?: boolean;
}

/** A repository's configuration and scanned tree. */
export interface Configuration {
  /** Absolute path of the repository root. */
  readonly root: string;
  readonly project: LoadedProject;
  /** The contracts, sorted by contract file (never empty). */
  readonly contracts: readonly LoadedContract[];
  /** The scanned sources and package manifests. */
  readonly tree: ScannedTree;
  /** Repository-relative paths of the analysed files: the scanned sources and every contracted file that exists, sorted (never empty). */
  readonly files: readonly string[];
  /** The project's tsconfig, what it extends and references, and the one that resolves specifiers. */
  readonly tsconfig: TsconfigChain;
  /** The cache (or {@link NO_CACHE}); call `save()` once the run is done. */
  readonly cache: CacheStore;
}

/**
 * Loads and validates the configuration and contracts and lists the files to analyse.
 * @throws {CheckerConfigError} for a missing root, no or an unsupported typescript package, an invalid contract, a missing tsconfig, or nothing to analyse.
 */
export function loadConfiguration(options: ConfigurationOptions): Configuration {
  const root = resolve(options.root);
  if (!existsSync(root)) throw new CheckerConfigError(`--root: no such folder: ${root}`);
  const typescriptVersion = installedTypeScriptVersion(root);
  assertTypeScriptPackage(typescriptVersion);
  const cache = options.cache === false ? NO_CACHE : fileCache(root, cacheNamespace([tsMorphVersion(), typescriptVersion]));
  const project = loadProject(root, cache);
  const contracts = loadContracts(root, cache);
  assertNotEmpty("contracts", contracts.length, `Write at least one ${CONTRACTS_DIR}/**/*.contract.yaml.`);
  const tree = scanRepository(root, project.data.scan.include, project.data.scan.exclude);
  const contracted = contracts.map((c) => c.data.placement.file).filter((file) => existsSync(join(root, file)));
  const files = [...new Set([...tree.sources, ...contracted])].sort();
  assertNotEmpty("source files", files.length, "Check scan.include and scan.exclude in contracts/project.yaml, and --root.");
  const tsconfig = readTsconfigChain(join(root, project.data.tsconfig));
  return { root, project, contracts, tree, files, tsconfig, cache };
}
