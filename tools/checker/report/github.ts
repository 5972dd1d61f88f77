/**
 * The GitHub Actions report: one `::error` workflow command per violation,
 * which GitHub shows as an annotation on the line, and one `::warning` per
 * warning.
 */
import type { CheckResult } from "../result.js";

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
  const lines = result.violations.map((v) => {
    const props = `file=${escapeProperty(v.file)},line=${v.line},col=${v.column},title=${escapeProperty(v.ruleId)}`;
    return `::error ${props}::${escapeData(`${v.message}\ncontract: ${v.contract}\nfix: ${v.fix}`)}`;
  });
  for (const warning of result.warnings) {
    const position = warning.line === undefined ? "" : `,line=${warning.line},col=${warning.column ?? 1}`;
    lines.push(`::warning file=${escapeProperty(warning.file)}${position},title=spine-check::${escapeData(warning.message)}`);
  }
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}
