/**
 * The GitHub Actions report: one workflow command per new violation,
 * `::error` or `::warning` by its severity, which GitHub shows as an
 * annotation on the line; a `::notice` on the baseline file for each of
 * its stale entries; one `::warning` per warning of the run (a file skipped
 * or analysed in part). Known and suppressed violations are not annotated.
 * Paths are relative to the git working tree's root, so that annotations
 * land on the right files when a folder of a monorepo is checked.
 */
import { type CheckResult, isFailing, reportedPath } from "../result.js";

/** Escapes a workflow command's message. */
function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Escapes a workflow command's property value. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** Formats a result as GitHub Actions annotations. */
export function formatGithub(result: CheckResult): string {
  const shown = result.violations.filter((v) => v.suppressed === undefined && v.baseline === "new" && (!result.quiet || isFailing(v)));
  const lines = shown.map((v) => {
    const props = `file=${escapeProperty(reportedPath(result, v.file))},line=${v.line},col=${v.column},title=${escapeProperty(v.ruleId)}`;
    return `::${v.severity} ${props}::${escapeData(`${v.message}\ncontract: ${v.contract}\nfix: ${v.fix}`)}`;
  });
  if (!result.quiet && result.baseline !== undefined) {
    const file = escapeProperty(reportedPath(result, result.baseline.file));
    for (const entry of result.baseline.stale) {
      const what = `${entry.rule} ${entry.file}${entry.target === "" ? "" : ` -> ${entry.target}`}`;
      lines.push(`::notice file=${file},title=stale baseline entry::${escapeData(`${what} no longer occurs; remove it (or run --update-baseline)`)}`);
    }
  }
  for (const warning of result.quiet ? [] : result.warnings) {
    const position = warning.line === undefined ? "" : `,line=${warning.line},col=${warning.column ?? 1}`;
    lines.push(`::warning file=${escapeProperty(reportedPath(result, warning.file))}${position},title=spine-check::${escapeData(warning.message)}`);
  }
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}
