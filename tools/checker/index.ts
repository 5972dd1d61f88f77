/**
 * The public entry of spine-check: what the docs generator, the benchmarks
 * and other tools may use. Everything else under `tools/checker/` is
 * internal (`npm run check:boundaries` enforces it).
 */
export { COMMAND, COMMAND_SPECS, type CommandSpec, PROGRAM_OPTION_SPECS, runCli, USAGE } from "./cli.js";
export {
  type CliIo,
  type Command,
  EXIT,
  optionLabel,
  optionLines,
  type OptionSpec,
  type OptionSpecs,
  parseOptions,
  PROCESS_IO,
  reportError,
  runBin,
  usageError,
} from "./cli-kit.js";
export { contractSchema, projectSchema } from "./contracts/schema.js";
export { type CheckOptions, type EngineChoice, type IncrementalCheck, runCheck, watchCheck } from "./main.js";
export { watchRepository } from "./watch.js";
export { type CheckResult, type EngineName, type ReportedViolation, type RuleId, type RuleInfo, type Violation } from "./result.js";
export { type FileChecker, type FileCheckerOptions, fileChecker, fileRuleSeverity, FILE_RULES, type FileRuleId } from "./lint/file-checker.js";
export { RULES } from "./rules/registry.js";
export { type PackageInfo, packageInfo } from "./package-info.js";
export { BUG_REPORT_URL, CheckerConfigError, CheckerError, type ConfigProblem, EngineCrashError, formatProblem } from "./errors.js";
export { openRepository, type Repository } from "./repository/open.js";
export { checkRepository } from "./engines/ts-morph.js";
export { cruiseRepository, depcruiseConfiguration } from "./engines/depcruise/run.js";
export { actualImports } from "./analyse/imports.js";
export { summariseTransactions, type TransactionSummary } from "./analyse/transactions.js";
export { type DocComment, EMPTY_DOC } from "./analyse/tsdoc.js";
export { layOutDeclaration, type ModuleApi } from "./analyse/exports.js";
export type { LoadedContract } from "./contracts/contracts.js";
export { matcher, type PathMatcher } from "./contracts/glob.js";
export { yamlText } from "./contracts/yaml-text.js";
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
export { removeRepositoryFile, repositoryEntry, writeRepositoryFile } from "./files/write.js";
export { readRegularFile } from "./files/read.js";
