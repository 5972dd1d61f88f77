/**
 * The human report: one block per violation with `file:line:col`, the rule
 * id, the message, the contract and how to fix it (and, when both engines
 * ran, which found it); then one `warning:` line per warning, and a summary
 * line.
 */
import { type CheckResult, formatWarning } from "../result.js";

/** Formats a result for a terminal. */
export function formatHuman(result: CheckResult): string {
  const lines: string[] = [];
  const both = result.engines.length > 1;
  for (const v of result.violations) {
    const [first = "", ...rest] = v.message.split("\n");
    lines.push(`${v.file}:${v.line}:${v.column}  error  ${v.ruleId}  ${first}`);
    for (const line of rest) lines.push(`    ${line}`);
    lines.push(`    contract: ${v.contract}`);
    lines.push(`    fix: ${v.fix}`);
    if (both) lines.push(`    found by: ${v.engines.join(", ")}`);
    lines.push("");
  }
  for (const file of result.updated) lines.push(`updated ${file}`);
  for (const warning of result.warnings) lines.push(`warning: ${formatWarning(warning).replace(/\n/g, "\\n")}`);
  const { files, contracts, milliseconds } = result.stats;
  const count = result.violations.length;
  const verdict = count === 0 ? "boundaries ok" : `${count} violation${count === 1 ? "" : "s"}`;
  const warned = result.warnings.length === 0 ? "" : `, ${result.warnings.length} warning${result.warnings.length === 1 ? "" : "s"}`;
  lines.push(`${verdict}: ${files} files, ${contracts} contracts${warned}, ${milliseconds} ms (${result.engines.join(" + ")})`);
  return `${lines.join("\n")}\n`;
}
