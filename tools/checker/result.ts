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

/** How a reported violation counts: an `error` fails the run (unless known or suppressed), a `warning` never does. */
export type Severity = "error" | "warning";

/** A violation after the policy stage: its severity, whether the baseline knows it, and its suppression. */
export interface ReportedViolation extends Violation {
  readonly severity: Severity;
  /** `known` when the baseline lists it (it then never fails), else `new`. */
  readonly baseline: "new" | "known";
  /** The `spine-check-ignore` comment that silences it: it then never fails, and only the json and sarif reports show it. */
  readonly suppressed?: { readonly line: number; readonly reason: string };
}

/** Every engine, in report order. */
export const ENGINE_NAMES: readonly EngineName[] = ["ts-morph", "depcruise"];

/** What a report says about each rule (the SARIF rule catalogue). */
export interface RuleInfo {
  readonly id: RuleId;
  readonly summary: string;
  readonly help: string;
  /** The rule's severity in this run. */
  readonly level: "error" | "warn" | "off";
}

/** One entry of a baseline: a known violation by rule, file and target (no line, so edits elsewhere in the file keep it). */
export interface BaselineEntry {
  readonly rule: string;
  /** Repository-relative path of the file the violation is reported in. */
  readonly file: string;
  /** The violation's target ("" for a rule without one). */
  readonly target: string;
}

/** What the baseline did in a run. */
export interface BaselineReport {
  /** Repository-relative path of the baseline file. */
  readonly file: string;
  /** Violations it knew. */
  readonly known: number;
  /** Entries that no longer occur (remove them, or run --update-baseline). */
  readonly stale: readonly BaselineEntry[];
  /** True when `--update-baseline` wrote the file in this run. */
  readonly written: boolean;
}

/** The tool that wrote a report. */
export interface ToolInfo {
  readonly name: string;
  readonly version: string;
  /** Where its documentation lives (the package's homepage or repository). */
  readonly informationUri?: string;
}

/** The outcome of a run. */
export interface CheckResult {
  /** Absolute path of the checked repository. */
  readonly root: string;
  /**
   * The path of the checked repository from the root of its git working
   * tree, with `/` ("" when it is that root, or not in git): the github and
   * sarif reports prefix it to every file.
   */
  readonly repositoryPath: string;
  /** Violations (suppressed and known ones included), sorted by file, line, column and rule id. */
  readonly violations: readonly ReportedViolation[];
  /** Contract files rewritten by `--update`. */
  readonly updated: readonly string[];
  /** What the run skipped or analysed in part (never a reason to fail), sorted, each once. */
  readonly warnings: readonly CheckWarning[];
  /** The engines that ran. */
  readonly engines: readonly EngineName[];
  /** Every rule of the registry. */
  readonly rules: readonly RuleInfo[];
  /** The baseline, when the run read or wrote one. */
  readonly baseline?: BaselineReport;
  readonly tool: ToolInfo;
  /** True with `--quiet`: reports show failing violations only. */
  readonly quiet: boolean;
  readonly stats: {
    /** Files analysed (scanned sources and contracted files). */
    readonly files: number;
    readonly contracts: number;
    readonly milliseconds: number;
  };
}

/** True for a violation that fails the run: an error, not known to the baseline, not suppressed. */
export function isFailing(violation: ReportedViolation): boolean {
  return violation.severity === "error" && violation.baseline === "new" && violation.suppressed === undefined;
}

/** The exit code of a result: 1 when a violation fails it, else 0. */
export function exitCodeOf(result: CheckResult): 0 | 1 {
  return result.violations.some(isFailing) ? 1 : 0;
}

/** Sorts violations by file, line, column and rule id. */
export function sortViolations<T extends Violation>(violations: readonly T[]): T[] {
  return [...violations].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId) || a.message.localeCompare(b.message),
  );
}

/** The path reports give a file: repository-relative, prefixed with {@link CheckResult.repositoryPath}. */
export function reportedPath(result: Pick<CheckResult, "repositoryPath">, file: string): string {
  return result.repositoryPath === "" ? file : `${result.repositoryPath}/${file}`;
}
