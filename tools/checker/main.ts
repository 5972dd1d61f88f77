/**
 * Runs the ts-morph boundary checker on a repository and returns the result;
 * never exits the process. Configuration errors are thrown as
 * {@link CheckerConfigError}.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { type JsonCache, fileCache, hashOf, noCache } from "./analyse/cache.js";
import { listSourceFiles } from "./analyse/files.js";
import { buildGraph } from "./analyse/graph.js";
import { moduleApiReader } from "./analyse/module-api.js";
import { createResolver, readCompilerOptions } from "./analyse/resolve.js";
import { CONTRACTS_DIR, loadContracts, loadProject } from "./contracts/load.js";
import { CheckerConfigError } from "./errors.js";
import { assertNotEmpty, assertSupportedTypeScript } from "./guards.js";
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

function readIfExists(path: string): string {
  return existsSync(path) ? readFileSync(path, "utf8") : "";
}

/** Runs every rule on the repository at `options.root`. */
export function runCheck(options: CheckOptions): CheckResult {
  const started = performance.now();
  const root = resolve(options.root);
  if (!existsSync(root)) throw new CheckerConfigError(`--root: no such folder: ${root}`);
  assertSupportedTypeScript(root);
  const project = loadProject(root);
  const contracts = loadContracts(root);
  assertNotEmpty("contracts", contracts.length, `Write at least one ${CONTRACTS_DIR}/**/*.contract.yaml.`);

  const scanned = listSourceFiles(root, project.data.scan.include, project.data.scan.exclude);
  const files = [...new Set([...scanned, ...contracts.map((c) => c.data.placement.file).filter((f) => existsSync(join(root, f)))])].sort();
  assertNotEmpty("source files", files.length, "Check scan.include and scan.exclude in contracts/project.yaml, and --root.");

  const cache: JsonCache = options.cache === false ? noCache : fileCache(root);
  const configHash = hashOf(
    project.text,
    readIfExists(join(root, project.data.tsconfig)),
    readIfExists(join(root, "package.json")),
    readIfExists(join(root, "package-lock.json")),
  );
  const resolver = createResolver(root, readCompilerOptions(root, project.data.tsconfig));
  const graph = buildGraph({ root, files, resolver, configHash, cache });
  const apis = moduleApiReader(root, graph, resolver, configHash, cache);
  const ctx: RuleContext = {
    root,
    project: project.data,
    contracts,
    graph,
    resolver,
    apis,
    update: options.update ?? false,
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
