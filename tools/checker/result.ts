/**
 * The outcome of a check, as every report format reads it. Reports read
 * results only: they import this module and nothing else of the checker.
 */
import type { EngineName, Finding } from "./rules/rule.js";
import type { RuleId } from "./rules/registry.js";
import type { CheckWarning } from "./warnings.js";

export type { CheckWarning, EngineName, RuleId };
export { formatWarning } from "./warnings.js";

/** One violation of a rule, found by one engine or both: a rule's finding with the rule's id and the engines that found it. */
export interface Violation extends Finding {
  readonly ruleId: RuleId;
  /** The engines that found it, in the order of {@link ENGINE_NAMES}. */
  readonly engines: readonly EngineName[];
}

/** Every engine, in report order. */
export const ENGINE_NAMES: readonly EngineName[] = ["ts-morph", "depcruise"];

/** What a report says about each rule (the SARIF rule catalogue). */
export interface RuleInfo {
  readonly id: RuleId;
  readonly summary: string;
  readonly help: string;
}

/** The outcome of a run. */
export interface CheckResult {
  /** Absolute path of the checked repository. */
  readonly root: string;
  /** Violations, sorted by file, line, column and rule id. */
  readonly violations: readonly Violation[];
  /** Contract files rewritten by `--update`. */
  readonly updated: readonly string[];
  /** What the run skipped or analysed in part (never a reason to fail), sorted, each once. */
  readonly warnings: readonly CheckWarning[];
  /** The engines that ran. */
  readonly engines: readonly EngineName[];
  /** Every rule of the registry. */
  readonly rules: readonly RuleInfo[];
  readonly stats: {
    /** Files analysed (scanned sources and contracted files). */
    readonly files: number;
    readonly contracts: number;
    readonly milliseconds: number;
  };
}

/** Sorts violations by file, line, column and rule id. */
export function sortViolations(violations: readonly Violation[]): Violation[] {
  return [...violations].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId) || a.message.localeCompare(b.message),
  );
}
