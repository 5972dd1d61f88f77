/**
 * The public entry of spine-check: what the docs generator, the benchmarks
 * and other tools may use. Everything else under `tools/checker/` is
 * internal (`npm run check:boundaries` enforces it).
 */
export { runCli, USAGE } from "./cli.js";
export { type CliIo, type Command, parseOptions, PROCESS_IO, reportError, usageError } from "./cli-kit.js";
export { type CheckOptions, type EngineChoice, runCheck } from "./main.js";
export { watchRepository } from "./watch.js";
export { type CheckResult, type EngineName, type ReportedViolation, type RuleId, type RuleInfo, type Violation } from "./result.js";
export { type FileChecker, type FileCheckerOptions, fileChecker, fileRuleSeverity, FILE_RULES, type FileRuleId } from "./lint/file-checker.js";
export { RULES } from "./rules/registry.js";
export { type PackageInfo, packageInfo } from "./package-info.js";
export { CheckerConfigError, CheckerError, type ConfigProblem, formatProblem } from "./errors.js";
export { openRepository, type Repository } from "./repository/open.js";
export { checkRepository } from "./engines/ts-morph.js";
export { cruiseRepository, depcruiseConfiguration } from "./engines/depcruise/run.js";
export { actualImports } from "./analyse/imports.js";
export { summariseTransactions, type TransactionSummary } from "./analyse/transactions.js";
export { type DocComment, EMPTY_DOC } from "./analyse/tsdoc.js";
export type { LoadedContract } from "./contracts/contracts.js";
export type {
  ActualImportsSection,
  ClassExport,
  ContractData,
  DefinitionExport,
  ExportsSection,
  FunctionExport,
  LayerRule,
} from "./contracts/types.js";
export { walkFiles, type WalkOptions } from "./files/walk.js";
