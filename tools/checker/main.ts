/**
 * Runs the ts-morph boundary checker on a repository and returns the result;
 * never exits the process. Configuration errors are thrown as
 * {@link CheckerConfigError}.
 */
import { openRepository, type Repository } from "./repository.js";
import { checkCoverage } from "./rules/contract-coverage.js";
import { checkExportDrift } from "./rules/export-drift.js";
import { checkImportDrift } from "./rules/import-drift.js";
import { checkInboundBoundary } from "./rules/inbound-boundary.js";
import { checkLayerBoundaries } from "./rules/layer-boundary.js";
import { checkReexportLaundering } from "./rules/reexport-laundering.js";
import { checkTransactions } from "./rules/transaction-forbidden.js";
import type { RuleContext, RuleOutcome, Violation } from "./rules/types.js";
import { checkUnanalysableImports } from "./rules/unanalysable-import.js";

/** Options of {@link runCheck}. */
export interface CheckOptions {
  /** The repository to check. */
  readonly root: string;
  /** Rewrite contracts' `exports` from the code instead of reporting export drift. */
  readonly update?: boolean;
  /** Use `.spine-cache/` (default true). */
  readonly cache?: boolean;
}

/** The outcome of a run. */
export interface CheckResult {
  /** Absolute path of the checked repository. */
  readonly root: string;
  /** Violations, sorted by file, line and column. */
  readonly violations: readonly Violation[];
  /** Contract files rewritten by `--update`. */
  readonly updated: readonly string[];
  readonly stats: {
    readonly files: number;
    readonly contracts: number;
    readonly milliseconds: number;
  };
}

/** Runs every rule on the repository at `options.root`. */
export function runCheck(options: CheckOptions): CheckResult {
  const started = performance.now();
  return checkRepository(openRepository(options), { update: options.update ?? false, started });
}

/**
 * Runs every rule on an opened repository.
 * @param repository - from {@link openRepository}.
 * @param options - `update` rewrites contracts' exports; `started` is when timing began (`performance.now()`).
 */
export function checkRepository(repository: Repository, options: { readonly update: boolean; readonly started?: number }): CheckResult {
  const started = options.started ?? performance.now();
  const { root, project, contracts, graph, resolver, apis, transactions } = repository;
  const ctx: RuleContext = {
    root,
    project: project.data,
    contracts,
    graph,
    resolver,
    apis,
    transactions,
    update: options.update,
  };
  const outcomes: RuleOutcome[] = [
    checkCoverage(ctx),
    checkInboundBoundary(ctx),
    checkUnanalysableImports(ctx),
    checkReexportLaundering(ctx),
    checkLayerBoundaries(ctx),
    checkTransactions(ctx),
    checkExportDrift(ctx),
    checkImportDrift(ctx),
  ];
  apis.save();
  transactions.save();
  const violations = outcomes
    .flatMap((o) => o.violations)
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
  return {
    root,
    violations,
    updated: outcomes.flatMap((o) => o.updated ?? []),
    stats: { files: graph.files.size, contracts: contracts.length, milliseconds: Math.round(performance.now() - started) },
  };
}
