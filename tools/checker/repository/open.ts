/**
 * Opens a repository for the ts-morph engine and the docs generator: its
 * configuration, the specifier resolver (the tsconfig's `paths` and the
 * workspace packages' sources), the dependency graph, the verdict
 * of every dependency, and the readers of module APIs and transaction
 * control. Everything is computed on demand and cached.
 */
import { buildGraph, type RepoGraph } from "../analyse/graph.js";
import { type ModuleApiReader, moduleApiReader } from "../analyse/module-api.js";
import { createResolver, lazyResolver, type SpecifierResolver } from "../analyse/resolve.js";
import { type TransactionReader, transactionReader } from "../analyse/transaction-reader.js";
import { readCompilerOptions } from "../analyse/tsconfig/compiler-options.js";
import { withAliases } from "../analyse/workspaces/paths.js";
import { type DependencyVerdicts, judgeDependencies } from "../verdicts/judge.js";
import type { ProgressListener } from "../progress/events.js";
import { type Configuration, type ConfigurationOptions, loadConfiguration, resolutionInputsOf } from "./configuration.js";

/** Options of {@link openRepository}. */
export interface OpenOptions extends ConfigurationOptions {
  /** Told how far the analysis of the files got. */
  readonly onProgress?: ProgressListener;
}

/** An opened repository: everything the rules and the docs read. */
export interface Repository extends Configuration {
  readonly resolver: SpecifierResolver;
  /** Hash of everything resolution depends on besides the file list (a part of the analyses' cache keys). */
  readonly resolutionInputs: string;
  readonly graph: RepoGraph;
  /** The verdict of every dependency of the scanned files. */
  readonly verdicts: DependencyVerdicts;
  /** Reads module APIs with the type checker (cached). */
  readonly apis: ModuleApiReader;
  /** Finds transaction control in modules (cached). */
  readonly transactions: TransactionReader;
}

/**
 * Loads the configuration, then builds the dependency graph of the scanned
 * files and the readers of the deeper analyses.
 * @param loaded - the configuration, when the caller loaded it already.
 * @throws {CheckerConfigError} see {@link loadConfiguration}; also for a tsconfig TypeScript cannot read.
 */
export function openRepository(options: OpenOptions, loaded?: Configuration): Repository {
  const configuration = loaded ?? loadConfiguration(options);
  const { root, project, contracts, severities, tree, files, tsconfig, workspaces, cache, warnings } = configuration;
  const limits = project.data.limits;
  const resolutionInputs = resolutionInputsOf(configuration);
  const resolver = lazyResolver(() => {
    const compilerOptions = readCompilerOptions(root, tsconfig.resolution);
    return createResolver(root, withAliases(compilerOptions, workspaces.aliases, root), Object.keys(compilerOptions.paths ?? {}));
  });
  const progress = options.onProgress === undefined ? {} : { onProgress: options.onProgress };
  const graph = buildGraph({ root, files, resolver, resolutionInputs, cache, limits, warnings, ...progress });
  const verdicts = judgeDependencies({ project: project.data, contracts, graph, enabled: severities.enabled });
  const contracted = contracts.map((c) => c.data.placement.file);
  const readers = { root, graph, resolver, resolutionInputs, cache, maxBytes: limits.analyse_bytes, warnings };
  const apis = moduleApiReader(readers, contracted);
  const transactions = transactionReader(readers);
  return { ...configuration, resolver, resolutionInputs, graph, verdicts, apis, transactions };
}
