/**
 * The JSON report: the violations (each with the engines that found it,
 * its severity, its baseline state and its suppression), the warnings of
 * the run, the updated contracts, the baseline's outcome, the engines that
 * ran and the stats. With `--quiet`, the violations that fail the run only.
 */
import { type CheckResult, isFailing } from "../result.js";

/** Formats a result as JSON (`violations`, `warnings`, `updated`, `baseline`, `engines`, `stats`). */
export function formatJson(result: CheckResult): string {
  const { warnings, updated, engines, stats, baseline } = result;
  const violations = result.quiet ? result.violations.filter(isFailing) : result.violations;
  return `${JSON.stringify({ violations, warnings, updated, ...(baseline === undefined ? {} : { baseline }), engines, stats }, null, 2)}\n`;
}
