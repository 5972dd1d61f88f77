/**
 * Opens a repository for the ts-morph engine and the docs generator: its
 * configuration, the specifier resolver, the dependency graph, the verdict
 * of every dependency, and the readers of module APIs and transaction
 * control. Everything is computed on demand and cached.
 */
import { resolutionInputsHash } from "../analyse/environment.js";
import { buildGraph, type RepoGraph } from "../analyse/graph.js";
import { type ModuleApiReader, moduleApiReader } from "../analyse/module-api.js";
import { createResolver, lazyResolver, type SpecifierResolver } from "../analyse/resolve.js";
import { type TransactionReader, transactionReader } from "../analyse/transaction-reader.js";
import { readCompilerOptions } from "../analyse/tsconfig/compiler-options.js";
import { type DependencyVerdicts, judgeDependencies } from "../verdicts/judge.js";
import { type Configuration, type ConfigurationOptions, loadConfiguration } from "./configuration.js";

/** An opened repository: everything the rules and the docs read. */
export interface Repository extends Configuration {
  readonly resolver: SpecifierResolver;
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
 * @throws {CheckerConfigError} see {@link loadConfiguration}; also for a tsconfig TypeScript cannot read.
 */
export function openRepository(options: ConfigurationOptions): Repository {
  const configuration = loadConfiguration(options);
  const { root, project, contracts, tree, files, tsconfig, cache, warnings } = configuration;
  const limits = project.data.limits;
  const resolutionInputs = resolutionInputsHash(root, { projectText: project.text, tsconfig, manifests: tree.manifests });
  const resolver = lazyResolver(() => createResolver(root, readCompilerOptions(root, tsconfig.resolution)));
  const graph = buildGraph({ root, files, resolver, resolutionInputs, cache, limits, warnings });
  const verdicts = judgeDependencies({ project: project.data, contracts, graph });
  const contracted = contracts.map((c) => c.data.placement.file);
  const readers = { root, graph, resolver, resolutionInputs, cache, maxBytes: limits.analyse_bytes, warnings };
  const apis = moduleApiReader(readers, contracted);
  const transactions = transactionReader(readers);
  return { ...configuration, resolver, graph, verdicts, apis, transactions };
}
