/**
 * The dependency-cruiser engine: loads the configuration both engines share,
 * cruises the scanned files, and reports dependency-cruiser's findings as
 * the checker's violations.
 */
import { join } from "node:path";
import { readRegularFile } from "../../files/read.js";
import type { ICruiseResult, IConfiguration } from "dependency-cruiser";
import { type Configuration, type ConfigurationOptions, loadConfiguration } from "../../repository/configuration.js";
import { sortWarnings } from "../../warnings.js";
import type { EngineResult } from "../types.js";
import { cachedFindings, type CruiseFindings } from "./cache.js";
import { buildDepcruiseConfig, type DepcruiseConfiguration, depcruiseInput } from "./config.js";
import { cruiseConfiguration } from "./cruise.js";
import { depcruiseViolations } from "./violations.js";

/**
 * Runs dependency-cruiser on the repository and maps its findings (served
 * from the cache when no input changed: see `cache.ts`).
 * @throws {CheckerConfigError} when the configuration is unusable or dependency-cruiser cruised nothing.
 */
export async function runDepcruiseEngine(options: ConfigurationOptions): Promise<EngineResult> {
  return runDepcruiseOn(loadConfiguration(options));
}

/**
 * Runs dependency-cruiser on a loaded configuration and maps its findings
 * (see {@link runDepcruiseEngine}); saves the cache.
 */
export async function runDepcruiseOn(configuration: Configuration): Promise<EngineResult> {
  const depcruise = buildDepcruiseConfig(depcruiseInput(configuration));
  const { violations } = await cachedFindings(configuration, depcruise, () => cruiseFindings(configuration, depcruise));
  configuration.cache.save();
  return { violations, updated: [], files: configuration.files.length, contracts: configuration.contracts.length, warnings: sortWarnings(configuration.warnings) };
}

/** Cruises the configuration and maps the findings (the warnings it adds go to the configuration's too). */
async function cruiseFindings(configuration: Configuration, depcruise: DepcruiseConfiguration): Promise<CruiseFindings> {
  const before = configuration.warnings.length;
  const { result } = await cruiseConfiguration(configuration, depcruise);
  const texts = new Map<string, string>();
  const readSource = (path: string): string => {
    let text = texts.get(path);
    if (text === undefined) {
      const read = readRegularFile(join(configuration.root, path), configuration.project.data.limits.read_bytes, "limits.read_bytes");
      text = read.kind === "text" ? read.text : "";
      texts.set(path, text);
    }
    return text;
  };
  const specifiers = new Map<string, string>();
  for (const module of result.modules) {
    for (const dependency of module.dependencies) specifiers.set(`${module.source}\u0000${dependency.resolved}`, dependency.module);
  }
  const specifierOf = (from: string, to: string): string | undefined => specifiers.get(`${from}\u0000${to}`);
  const violations = depcruiseViolations(result.summary.violations, depcruise.origins, readSource, specifierOf);
  return { violations, warnings: configuration.warnings.slice(before) };
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
