/**
 * The JSON report: the result object as is.
 */
import type { CheckResult } from "../main.js";

/** Formats a result as JSON (`violations`, `updated`, `stats`). */
export function formatJson(result: CheckResult): string {
  return `${JSON.stringify({ violations: result.violations, updated: result.updated, stats: result.stats }, null, 2)}\n`;
}
