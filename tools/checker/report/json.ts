/**
 * The JSON report: the violations (each with the engines that found it),
 * the updated contracts, the engines that ran and the stats.
 */
import type { CheckResult } from "../result.js";

/** Formats a result as JSON (`violations`, `updated`, `engines`, `stats`). */
export function formatJson(result: CheckResult): string {
  const { violations, updated, engines, stats } = result;
  return `${JSON.stringify({ violations, updated, engines, stats }, null, 2)}\n`;
}
