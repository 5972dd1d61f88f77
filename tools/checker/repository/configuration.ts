/**
 * What both engines read before they analyse anything: the project settings
 * and contracts (validated), the rules' severities, the scanned tree, the
 * tsconfig chain, the workspace packages, and the cache under the namespace
 * of this checker and these compilers. Refuses a run that would check
 * nothing: no layer rule and no contract, or no file.
 */
import { join, resolve } from "node:path";
import { resolutionInputsHash } from "../analyse/environment.js";
import { tsMorphVersion } from "../analyse/typescript.js";
import { type ScannedTree, scanRepository } from "../analyse/scan.js";
import { readTsconfigChain, type TsconfigChain } from "../analyse/tsconfig/chain.js";
import { readWorkspaces, type Workspaces } from "../analyse/workspaces/workspaces.js";
import { cacheNamespace } from "../cache/namespace.js";
import { type CacheStore, defaultCacheDir, fileCache, NO_CACHE, sectionSaved } from "../cache/store.js";
import { CONTRACTS_SECTION, type LoadedContract, loadContracts } from "../contracts/contracts.js";
import { type LoadedProject, loadProject } from "../contracts/project.js";
import { CheckerConfigError, type ConfigProblem } from "../errors.js";
import { entryKind } from "../files/read.js";
import { assertNotEmpty, assertSomethingToCheck, assertTypeScriptPackage, installedTypeScriptVersion } from "../guards.js";
import { readSeverities, type Severities } from "../policy/severities.js";
import type { CheckWarning } from "../warnings.js";

/** Options of {@link loadConfiguration}. */
export interface ConfigurationOptions {
  /** The repository to check. */
  readonly root: string;
  /** Use the cache (default true). */
  readonly cache?: boolean;
  /** The cache's folder (default: `node_modules/.cache/spine-check/` of the repository). */
  readonly cacheDir?: string;
  /**
   * Open a repository that has nothing to check yet (no layer rule, no
   * contract), as `spine-check contract` does to write the first contract;
   * a check never sets it.
   */
  readonly nothingToCheck?: "allowed";
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
  /** What the run skipped or analysed in part, so far: the scan's skips, then what the analyses add. */
  readonly warnings: CheckWarning[];
}

/**
 * The contracted files that exist, as regular files.
 * @throws {CheckerConfigError} at `placement.file` for one that is something else (a folder, a FIFO…).
 */
function contractedFiles(root: string, contracts: readonly LoadedContract[]): string[] {
  const files: string[] = [];
  const problems: ConfigProblem[] = [];
  for (const contract of contracts) {
    const file = contract.data.placement.file;
    const kind = entryKind(join(root, file));
    if (kind === "file") files.push(file);
    else if (kind !== "missing") {
      problems.push({ file: contract.contractFile, ...contract.positionOf(["placement", "file"]), reason: `placement.file ${JSON.stringify(file)} is ${kind}, not a file` });
    }
  }
  if (problems.length > 0) throw new CheckerConfigError(problems);
  return files;
}

/** The cache's folder of a run (absolute). */
function cacheDirOf(options: ConfigurationOptions): string {
  return resolve(options.cacheDir ?? defaultCacheDir(resolve(options.root)));
}

/**
 * Whether an earlier run has likely left the validated contracts in the
 * cache, so that {@link loadConfiguration} will mostly read them from it: a
 * guess from the cache's files, not read (a wrong guess costs only time).
 */
export function configurationLikelyCached(options: ConfigurationOptions): boolean {
  return options.cache !== false && sectionSaved(cacheDirOf(options), CONTRACTS_SECTION);
}

/**
 * Loads and validates the configuration and contracts and lists the files to analyse.
 * @throws {CheckerConfigError} for a missing root, no or an unsupported typescript package, an invalid contract or project file (an unknown rule id included), a missing tsconfig, or nothing to check.
 */
export function loadConfiguration(options: ConfigurationOptions): Configuration {
  const root = resolve(options.root);
  const rootKind = entryKind(root);
  if (rootKind === "missing") throw new CheckerConfigError(`--root: no such folder: ${root}`);
  if (rootKind !== "a directory") throw new CheckerConfigError(`--root: not a folder: ${root} is ${rootKind === "file" ? "a file" : rootKind}`);
  // Node reads the root's package.json to find the typescript package: a FIFO or a device there would hang or exhaust it.
  const manifest = entryKind(join(root, "package.json"));
  if (manifest !== "file" && manifest !== "missing") throw new CheckerConfigError([{ file: "package.json", line: 0, column: 0, reason: `is ${manifest}, not a file` }]);
  const typescriptVersion = installedTypeScriptVersion(root);
  assertTypeScriptPackage(typescriptVersion);
  const namespace = cacheNamespace([tsMorphVersion(), typescriptVersion]);
  const cache = options.cache === false ? NO_CACHE : fileCache(cacheDirOf(options), namespace);
  const project = loadProject(root, cache);
  const severities = readSeverities(project);
  const contracts = loadContracts(root, cache, project.data.limits.contract_bytes);
  const tree = scanRepository(root, project.data.scan.include, project.data.scan.exclude);
  if (tree.badManifests.length > 0) throw new CheckerConfigError(tree.badManifests);
  if (options.nothingToCheck !== "allowed") assertSomethingToCheck(project.data, contracts.length, tree.sources);
  const contracted = contractedFiles(root, contracts);
  const files = [...new Set([...tree.sources, ...contracted])].sort();
  assertNotEmpty("source files", files.length, "Check scan.include and scan.exclude in contracts/project.yaml, and --root.");
  const tsconfig = readTsconfigChain(join(root, project.data.tsconfig), root);
  const workspaces = readWorkspaces(root, tsconfig.pathPatterns);
  return { root, project, contracts, severities, tree, files, tsconfig, workspaces, cache, warnings: [...tree.skipped] };
}

/**
 * The hash of everything besides the scanned files that resolution depends
 * on (project file, tsconfig chain, manifests, workspace inputs, lockfiles,
 * links: see `analyse/environment.ts`), computed once per configuration and
 * shared by the repository's readers and the dependency-cruiser engine's cache.
 */
export function resolutionInputsOf(configuration: Configuration): string {
  const known = resolutionInputs.get(configuration);
  if (known !== undefined) return known;
  const hash = currentResolutionInputs(configuration);
  resolutionInputs.set(configuration, hash);
  return hash;
}

/**
 * {@link resolutionInputsOf} computed again from what is on the disk now
 * (lockfiles and links may have changed since the configuration was loaded):
 * a long-lived session compares it with the hash it opened with.
 */
export function currentResolutionInputs(configuration: Configuration): string {
  const { root, project, tsconfig, tree, workspaces } = configuration;
  return resolutionInputsHash(root, { projectText: project.text, tsconfig, manifests: tree.manifests, others: workspaces.inputs });
}

/** {@link resolutionInputsOf}'s hashes, one per configuration. */
const resolutionInputs = new WeakMap<Configuration, string>();
