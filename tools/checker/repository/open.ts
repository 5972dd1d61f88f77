/**
 * Opens a repository for the ts-morph engine and the docs generator: its
 * configuration, the specifier resolver (the tsconfig's `paths` and the
 * workspace packages' sources), the dependency graph, the verdict
 * of every dependency, and the readers of module APIs and transaction
 * control. Everything is computed on demand and cached.
 */
import { buildGraph, type RepoGraph, sameShape, updateGraph } from "../analyse/graph.js";
import { type ModuleApiReader, moduleApiReader } from "../analyse/module-api.js";
import type { SpecifierResolver } from "../analyse/resolve.js";
import { type ResolutionFacts, resolutionFacts } from "../analyse/resolution-facts.js";
import { type TransactionReader, transactionReader } from "../analyse/transaction-reader.js";
import { type DependencyVerdicts, judgeDependencies } from "../verdicts/judge.js";
import type { ProgressListener } from "../progress/events.js";
import type { CheckWarning } from "../warnings.js";
import { type Configuration, type ConfigurationOptions, currentResolutionInputs, loadConfiguration, resolutionInputsOf } from "./configuration.js";
import { configurationResolver } from "./resolver.js";

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
  /** What the resolutions looked at outside the scan, and the key of the cached resolutions. */
  readonly resolutionFacts: ResolutionFacts;
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
  const { root, project, contracts, severities, files, cache, warnings } = configuration;
  const limits = project.data.limits;
  const resolutionInputs = resolutionInputsOf(configuration);
  const facts = resolutionFacts({ root, files, resolutionInputs, cache });
  const resolver = configurationResolver(configuration, facts.recorder);
  const progress = options.onProgress === undefined ? {} : { onProgress: options.onProgress };
  const graph = buildGraph({ root, files, resolver, resolutionKey: facts.key, cache, limits, warnings, ...progress });
  const verdicts = judgeDependencies({ project: project.data, contracts, graph, enabled: severities.enabled });
  return withReaders({ ...configuration, resolver, resolutionInputs, resolutionFacts: facts, graph, verdicts });
}

/** A repository with new readers of module APIs and transaction control, reading its graph and its warnings. */
function withReaders(repository: Omit<Repository, "apis" | "transactions">): Repository {
  const { root, graph, resolver, resolutionInputs, cache, warnings, contracts } = repository;
  const readers = { root, graph, resolver, resolutionInputs, cache, maxBytes: repository.project.data.limits.analyse_bytes, warnings };
  const apis = moduleApiReader(readers, contracts.map((c) => c.data.placement.file));
  const transactions = transactionReader(readers);
  return { ...repository, apis, transactions };
}

/**
 * `previous` with the scanned files at `changed` read again, their
 * dependencies judged again (every file's, when one of them now depends on,
 * re-exports or declares something else), and new readers of module APIs and
 * transaction control over the new graph (their cache keys decide what is
 * read again). The file list, the configuration and the resolution inputs
 * must be unchanged: `undefined` when the resolution inputs changed, or
 * something the resolutions looked at outside the scan (a file created where
 * an import looked, a package installed: the watcher does not see
 * `node_modules`).
 * @param warnings - the new run's warnings: the configuration's and the graph's, those of the changed files left out; the changed files' own are added.
 */
export function updateRepository(previous: Repository, changed: ReadonlySet<string>, warnings: CheckWarning[]): Repository | undefined {
  const { root, project, contracts, severities, files, cache, resolver, resolutionInputs, resolutionFacts: facts } = previous;
  if (currentResolutionInputs(previous) !== resolutionInputs || !facts.holds()) return undefined;
  const input = { root, files, resolver, resolutionKey: facts.key, cache, limits: project.data.limits, warnings };
  const { graph, versions } = updateGraph(previous.graph, input, changed);
  const sameShapes = [...versions.values()].every(({ before, after }) => after !== undefined && sameShape(before, after));
  const verdictInput = { project: project.data, contracts, graph, enabled: severities.enabled };
  const verdicts = sameShapes ? judgeDependencies(verdictInput, { previous: previous.verdicts, changed }) : judgeDependencies(verdictInput);
  return withReaders({ ...previous, warnings, graph, verdicts });
}
