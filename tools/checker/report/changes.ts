/**
 * What changed between two results of a watched repository: the violations
 * that are new and those that were fixed. A violation is known by its rule,
 * file, target and message, not by its line, so that an edit above it moves
 * it without making it new; two alike violations of one file count twice.
 * Suppressed violations are left out, as the human report leaves them out.
 */
import { type CheckResult, type ReportedViolation, sortViolations } from "../result.js";

/** The violations new in a result, and those of the previous result that are gone. */
export interface ViolationChanges {
  readonly added: readonly ReportedViolation[];
  readonly fixed: readonly ReportedViolation[];
}

/** What a violation is, wherever it moved in its file. */
function identity(violation: ReportedViolation): string {
  return [violation.ruleId, violation.file, violation.target ?? "", violation.message].join("\u0000");
}

/** The violations of `from` that `without` does not have (as many times as they occur). */
function difference(from: readonly ReportedViolation[], without: readonly ReportedViolation[]): ReportedViolation[] {
  const left = new Map<string, number>();
  for (const violation of without) left.set(identity(violation), (left.get(identity(violation)) ?? 0) + 1);
  return from.filter((violation) => {
    const count = left.get(identity(violation)) ?? 0;
    if (count === 0) return true;
    left.set(identity(violation), count - 1);
    return false;
  });
}

/** The changes from `previous` to `current`. */
export function violationChanges(previous: CheckResult, current: CheckResult): ViolationChanges {
  const shown = (result: CheckResult): ReportedViolation[] => result.violations.filter((violation) => violation.suppressed === undefined);
  return { added: sortViolations(difference(shown(current), shown(previous))), fixed: sortViolations(difference(shown(previous), shown(current))) };
}

/** One line per change (`+` new, `-` fixed), then how long the re-check took and where the repository stands. */
export function formatChanges(previous: CheckResult, current: CheckResult): string {
  const { added, fixed } = violationChanges(previous, current);
  const line = (mark: string, v: ReportedViolation, severity: string): string => `${mark} ${v.file}:${v.line}:${v.column}  ${severity}  ${v.ruleId}  ${v.message.split("\n")[0] ?? ""}`;
  const lines = [...added.map((v) => `${line("+", v, v.baseline === "known" ? "known" : v.severity)}\n    fix: ${v.fix}`), ...fixed.map((v) => line("-", v, "fixed"))];
  const total = current.violations.filter((violation) => violation.suppressed === undefined).length;
  const summary = `re-checked in ${current.stats.milliseconds} ms: ${added.length} new, ${fixed.length} fixed, ${total} in all`;
  return `${[...lines, summary].join("\n")}\n`;
}
