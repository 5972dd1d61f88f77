/**
 * The ts-morph engine: runs every enabled rule of the registry on an opened
 * repository (and, with `--update`, rewrites the contracts first).
 */
import type { Configuration } from "../repository/configuration.js";
import { type OpenOptions, type Repository, openRepository } from "../repository/open.js";
import type { Violation } from "../result.js";
import type { Severities } from "../policy/severities.js";
import { isCheckedRule, RULES } from "../rules/registry.js";
import type { RuleContext } from "../rules/rule.js";
import { updateContracts } from "../update/contracts.js";
import { sortWarnings } from "../warnings.js";
import type { EngineResult, FileSuppressions } from "./types.js";

/** Options of {@link runTsMorphEngine}. */
export interface TsMorphOptions extends OpenOptions {
  /** Rewrite the contracts' `exports` and `actual_imports` from the code before checking. */
  readonly update?: boolean;
}

/**
 * What every rule reads of an opened repository.
 * @param inScope - which files' findings are wanted.
 */
export function ruleContext(repository: Repository, inScope: (path: string) => boolean): RuleContext {
  return {
    project: repository.project.data,
    contracts: repository.contracts,
    graph: repository.graph,
    verdicts: repository.verdicts,
    apis: repository.apis,
    transactions: repository.transactions,
    inScope,
  };
}

/**
 * Runs every rule that is not off on an opened repository.
 * @param inScope - which files' violations are wanted (default: every file).
 * @param severities - which rules are off (default: the repository's own severities).
 * @returns the violations, in registry order of the rules.
 */
export function checkRepository(
  repository: Repository,
  inScope: (path: string) => boolean = () => true,
  severities: Severities = repository.severities,
): Violation[] {
  const context = ruleContext(repository, inScope);
  return RULES.filter(isCheckedRule)
    .filter((rule) => severities.enabled(rule.id))
    .flatMap((rule) => rule.check(context).map((finding) => ({ ...finding, ruleId: rule.id, engines: ["ts-morph" as const] })));
}

/** The suppression comments of every analysed file that has some. */
function suppressionsOf(repository: Repository): FileSuppressions[] {
  const out: FileSuppressions[] = [];
  for (const file of repository.graph.files.values()) if (file.suppressions.length > 0) out.push({ file: file.path, comments: file.suppressions });
  return out;
}

/**
 * Opens the repository, updates its contracts when asked, checks it and
 * saves the cache.
 * @param loaded - the configuration, when the caller loaded it already.
 * @throws {CheckerConfigError} when the configuration is unusable (see `openRepository`).
 */
export function runTsMorphEngine(options: TsMorphOptions, loaded?: Configuration): EngineResult {
  let repository = openRepository(options, loaded);
  let updated: string[] = [];
  if (options.update === true) {
    updated = updateContracts(repository);
    repository.cache.save();
    if (updated.length > 0) repository = openRepository(options);
  }
  options.onProgress?.({ phase: "checking rules" });
  return checkOpened(repository, updated);
}

/**
 * Checks an opened repository and saves the cache (the engine's run after
 * the repository is open; the watch loop's on the repository it keeps open).
 * @param updated - the contracts `--update` rewrote.
 * @param save - `later`: the caller saves the cache (the watch loop, when it is idle).
 */
export function checkOpened(repository: Repository, updated: string[] = [], save: "now" | "later" = "now"): EngineResult {
  const violations = checkRepository(repository);
  if (save === "now") repository.cache.save();
  return {
    violations,
    updated,
    files: repository.files.length,
    contracts: repository.contracts.length,
    suppressions: suppressionsOf(repository),
    warnings: sortWarnings(repository.warnings),
  };
}
