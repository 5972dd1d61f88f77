/**
 * The violations planted in a synthetic repository, and the exact
 * comparison of a checker report with them.
 */
import type { RuleId } from "../../tools/checker/rules/types.js";

/** Every rule of the checker, in the order of the report. */
export const RULE_IDS: readonly RuleId[] = [
  "inbound-boundary",
  "unanalysable-import",
  "reexport-laundering",
  "layer-boundary",
  "transaction-forbidden",
  "export-drift",
  "import-drift",
  "contract-coverage",
];

/** Where a violation is reported: its rule and its exact position. */
export interface Located {
  readonly ruleId: RuleId;
  /** Repository-relative path of the file the violation is reported in. */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
}

/** The outcome of comparing a report with the planted violations. */
export interface Comparison {
  /** Planted violations the report lacks. */
  readonly missed: readonly Located[];
  /** Reported violations that were not planted (false positives). */
  readonly unexpected: readonly Located[];
}

function keyOf(violation: Located): string {
  return `${violation.ruleId} ${violation.file}:${violation.line}:${violation.column}`;
}

/**
 * Compares reported violations with the planted ones, by rule and exact
 * position; each planted violation must be reported exactly once.
 */
export function compareWithPlanted(planted: readonly Located[], reported: readonly Located[]): Comparison {
  const expected = new Map<string, Located[]>();
  for (const violation of planted) expected.set(keyOf(violation), [...(expected.get(keyOf(violation)) ?? []), violation]);
  const unexpected: Located[] = [];
  for (const violation of reported) {
    const waiting = expected.get(keyOf(violation));
    if (waiting === undefined || waiting.length === 0) unexpected.push(violation);
    else waiting.pop();
  }
  return { missed: [...expected.values()].flat(), unexpected };
}

/** Formats a violation as `rule file:line:column`. */
export function describeLocated(violation: Located): string {
  return keyOf(violation);
}
