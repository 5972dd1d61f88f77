/**
 * The human report: one block per violation with `file:line:col`, the rule
 * id, the message, the contract and how to fix it; then a summary line.
 */
import type { CheckResult } from "../main.js";

/** Formats a result for a terminal. */
export function formatHuman(result: CheckResult): string {
  const lines: string[] = [];
  for (const v of result.violations) {
    const [first = "", ...rest] = v.message.split("\n");
    lines.push(`${v.file}:${v.line}:${v.column}  error  ${v.ruleId}  ${first}`);
    for (const line of rest) lines.push(`    ${line}`);
    lines.push(`    contract: ${v.contract}`);
    lines.push(`    fix: ${v.fix}`);
    lines.push("");
  }
  for (const file of result.updated) lines.push(`updated ${file}`);
  const { files, contracts, milliseconds } = result.stats;
  const count = result.violations.length;
  lines.push(
    `${count === 0 ? "boundaries ok" : `${count} violation${count === 1 ? "" : "s"}`}: ${files} files, ${contracts} contracts, ${milliseconds} ms`,
  );
  return `${lines.join("\n")}\n`;
}
