/**
 * The violations planted in a synthetic repository, and the exact
 * comparison of a checker report with them.
 */
import type { Violation } from "../../tools/checker/index.js";

/** Where a violation is reported: its rule and its exact position. */
export type Located = Pick<Violation, "ruleId" | "file" | "line" | "column">;

/** The outcome of comparing a report with the planted violations. */
export interface Comparison {
  /** Planted violations the report lacks. */
  readonly missed: readonly Located[];
  /** Reported violations that were not planted (false positives). */
  readonly unexpected: readonly Located[];
}

/**
 * Compares reported violations with the planted ones, by rule and exact
 * position; each planted violation must be reported exactly once.
 */
export function compareWithPlanted(planted: readonly Located[], reported: readonly Located[]): Comparison {
  const expected = new Map<string, Located[]>();
  for (const violation of planted) expected.set(describeLocated(violation), [...(expected.get(describeLocated(violation)) ?? []), violation]);
  const unexpected: Located[] = [];
  for (const violation of reported) {
    const waiting = expected.get(describeLocated(violation));
    if (waiting === undefined || waiting.length === 0) unexpected.push(violation);
    else waiting.pop();
  }
  return { missed: [...expected.values()].flat(), unexpected };
}

/** Formats a violation as `rule file:line:column`. */
export function describeLocated(violation: Located): string {
  return `${violation.ruleId} ${violation.file}:${violation.line}:${violation.column}`;
}
