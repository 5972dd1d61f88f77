/**
 * The JSON report: the violations (each with the engines that found it),
 * the warnings, the updated contracts, the engines that ran and the stats.
 */
import type { CheckResult } from "../result.js";

/** Formats a result as JSON (`violations`, `warnings`, `updated`, `engines`, `stats`). */
export function formatJson(result: CheckResult): string {
  const { violations, warnings, updated, engines, stats } = result;
  return `${JSON.stringify({ violations, warnings, updated, engines, stats }, null, 2)}\n`;
}
