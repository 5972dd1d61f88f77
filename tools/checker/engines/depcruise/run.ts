/**
 * The dependency-cruiser engine: loads the configuration both engines share,
 * cruises the scanned files (or takes the findings from the cache when no
 * input changed: see `cache.ts`), and reports dependency-cruiser's findings
 * as the checker's violations.
 */
import { join } from "node:path";
import type { ICruiseResult, IConfiguration } from "dependency-cruiser";
import { suppressionsInText } from "../../analyse/facts/suppressions.js";
import { parseSource } from "../../analyse/parse.js";
import { resolutionRecorder } from "../../analyse/resolution-facts.js";
import type { DiskFacts } from "../../cache/disk-facts.js";
import { readRegularFile } from "../../files/read.js";
import type { ProgressListener } from "../../progress/events.js";
import { type Configuration, type ConfigurationOptions, loadConfiguration } from "../../repository/configuration.js";
import { configurationResolver } from "../../repository/resolver.js";
import { sortWarnings } from "../../warnings.js";
import type { EngineResult, FileSuppressions } from "../types.js";
import { cachedFindings, type Cruise } from "./cache.js";
import { buildDepcruiseConfig, type DepcruiseConfiguration, depcruiseInput } from "./config.js";
import { cruiseConfiguration } from "./cruise.js";
import { type CruisedDependency, depcruiseViolations } from "./violations.js";

/** Options of {@link runDepcruiseEngine}. */
export interface DepcruiseOptions extends ConfigurationOptions {
  /** Told when dependency-cruiser starts. */
  readonly onProgress?: ProgressListener;
  /** Read the files' suppression comments (default true; not needed when the ts-morph engine ran too). */
  readonly suppressions?: boolean;
}

/** Reads scanned files' texts once each (the empty text for a file that cannot be read). */
function sourceReader(configuration: Configuration): (path: string) => string {
  const texts = new Map<string, string>();
  return (path) => {
    let text = texts.get(path);
    if (text === undefined) {
      const read = readRegularFile(join(configuration.root, path), configuration.project.data.limits.read_bytes, "limits.read_bytes");
      text = read.kind === "text" ? read.text : "";
      texts.set(path, text);
    }
    return text;
  };
}

/**
 * Runs dependency-cruiser on the repository and maps its findings (served
 * from the cache when no input changed); saves the cache.
 * @param loaded - the configuration, when the caller loaded it already.
 * @throws {CheckerConfigError} when the configuration is unusable or dependency-cruiser cruised nothing.
 */
export async function runDepcruiseEngine(options: DepcruiseOptions, loaded?: Configuration): Promise<EngineResult> {
  const configuration = loaded ?? loadConfiguration(options);
  options.onProgress?.({ phase: "dependency-cruiser", total: configuration.files.length });
  const depcruise = buildDepcruiseConfig(depcruiseInput(configuration));
  const readSource = sourceReader(configuration);
  const { violations } = await cachedFindings(configuration, depcruise, () => cruiseFindings(configuration, depcruise, readSource));
  const suppressions: FileSuppressions[] = [];
  for (const file of options.suppressions === false ? [] : configuration.files) {
    const text = readSource(file);
    // A file over the parse limit is not parsed here either (the ts-morph engine scans it without a syntax tree, and finds no comment).
    if (Buffer.byteLength(text) > configuration.project.data.limits.parse_bytes) continue;
    const comments = suppressionsInText(text, () => parseSource(file, text, true));
    if (comments.length > 0) suppressions.push({ file, comments });
  }
  configuration.cache.save();
  return {
    violations,
    updated: [],
    files: configuration.files.length,
    contracts: configuration.contracts.length,
    suppressions,
    warnings: sortWarnings(configuration.warnings),
  };
}

/**
 * What resolving every dependency of the cruised modules looks at outside
 * the scan, as the ts-morph engine's resolver records it.
 */
function lookedAtByDependencies(configuration: Configuration, result: ICruiseResult): DiskFacts {
  const recorder = resolutionRecorder(configuration.root, configuration.files);
  const resolver = configurationResolver(configuration, recorder);
  for (const module of result.modules) {
    for (const dependency of module.dependencies) if (!dependency.coreModule) resolver.resolve(dependency.module, module.source);
  }
  return recorder.facts;
}

/** Cruises the configuration and maps the findings (the warnings it adds go to the configuration's too). */
async function cruiseFindings(configuration: Configuration, depcruise: DepcruiseConfiguration, readSource: (path: string) => string): Promise<Cruise> {
  const before = configuration.warnings.length;
  const { result } = await cruiseConfiguration(configuration, depcruise);
  const dependencies = new Map<string, CruisedDependency>();
  for (const module of result.modules) {
    for (const dependency of module.dependencies) {
      dependencies.set(`${module.source}\u0000${dependency.resolved}`, { specifier: dependency.module, couldNotResolve: dependency.couldNotResolve });
    }
  }
  const dependencyOf = (from: string, to: string): CruisedDependency | undefined => dependencies.get(`${from}\u0000${to}`);
  const violations = depcruiseViolations(result.summary.violations, depcruise.origins, readSource, dependencyOf);
  return { findings: { violations, warnings: configuration.warnings.slice(before) }, lookedAt: () => lookedAtByDependencies(configuration, result) };
}

/**
 * Cruises the repository at `root` (without the cache) and returns
 * dependency-cruiser's own result, for its other output formats (`npm run graph`).
 * @throws {CheckerConfigError} see {@link runDepcruiseEngine}.
 */
export async function cruiseRepository(root: string): Promise<ICruiseResult> {
  return (await cruiseConfiguration(loadConfiguration({ root, cache: false }))).result;
}

/**
 * The dependency-cruiser configuration of the repository at `root`, for
 * `.dependency-cruiser.js` (dependency-cruiser's own command line).
 * @throws {CheckerConfigError} when the configuration is unusable.
 */
export function depcruiseConfiguration(root: string): IConfiguration {
  return buildDepcruiseConfig(depcruiseInput(loadConfiguration({ root, cache: false }))).config;
}
