/**
 * The ts-morph engine: runs every rule of the registry on an opened
 * repository (and, with `--update`, rewrites the contracts first).
 */
import { type Repository, openRepository } from "../repository/open.js";
import type { Violation } from "../result.js";
import { RULES } from "../rules/registry.js";
import type { RuleContext } from "../rules/rule.js";
import { updateContracts } from "../update/contracts.js";
import { sortWarnings } from "../warnings.js";
import type { EngineResult } from "./types.js";

/** Options of {@link runTsMorphEngine}. */
export interface TsMorphOptions {
  readonly root: string;
  /** Use `.spine-cache/` (default true). */
  readonly cache?: boolean;
  /** Rewrite the contracts' `exports` and `actual_imports` from the code before checking. */
  readonly update?: boolean;
}

/**
 * Runs every rule on an opened repository.
 * @param inScope - which files' violations are wanted (default: every file).
 * @returns the violations, in registry order of the rules.
 */
export function checkRepository(repository: Repository, inScope: (path: string) => boolean = () => true): Violation[] {
  const context: RuleContext = {
    project: repository.project.data,
    contracts: repository.contracts,
    graph: repository.graph,
    verdicts: repository.verdicts,
    apis: repository.apis,
    transactions: repository.transactions,
    inScope,
  };
  return RULES.flatMap((rule) => rule.check(context).map((finding) => ({ ...finding, ruleId: rule.id, engines: ["ts-morph" as const] })));
}

/**
 * Opens the repository, updates its contracts when asked, checks it and
 * saves the cache.
 * @throws {CheckerConfigError} when the configuration is unusable (see `openRepository`).
 */
export function runTsMorphEngine(options: TsMorphOptions): EngineResult {
  let repository = openRepository(options);
  let updated: string[] = [];
  if (options.update === true) {
    updated = updateContracts(repository);
    repository.cache.save();
    if (updated.length > 0) repository = openRepository(options);
  }
  const violations = checkRepository(repository);
  repository.cache.save();
  return { violations, updated, files: repository.files.length, contracts: repository.contracts.length, warnings: sortWarnings(repository.warnings) };
}
