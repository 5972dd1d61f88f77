/**
 * The human report: one block per new violation with `file:line:col`, its
 * severity (`error` or `warning`), the rule id, the message, the contract
 * and how to fix it (and, when both engines ran, which found it); one line
 * per violation the baseline knows; the baseline's stale entries; then a
 * one `warning:` line per warning of the run (a file skipped or analysed in
 * part); then a summary line. Suppressed violations are only counted. With
 * `--quiet`, only the blocks of the violations that fail the run.
 */
import { type CheckResult, formatWarning, isFailing, type ReportedViolation } from "../result.js";

/** The block of one violation. */
function block(violation: ReportedViolation, both: boolean): string[] {
  const [first = "", ...rest] = violation.message.split("\n");
  const lines = [`${violation.file}:${violation.line}:${violation.column}  ${violation.severity}  ${violation.ruleId}  ${first}`];
  for (const line of rest) lines.push(`    ${line}`);
  lines.push(`    contract: ${violation.contract}`, `    fix: ${violation.fix}`);
  if (both) lines.push(`    found by: ${violation.engines.join(", ")}`);
  lines.push("");
  return lines;
}

/** `n thing` or `n things`. */
function count(n: number, thing: string): string {
  return `${n} ${thing}${n === 1 ? "" : "s"}`;
}

/** Formats a result for a terminal. */
export function formatHuman(result: CheckResult): string {
  const both = result.engines.length > 1;
  const shown = result.violations.filter((v) => v.suppressed === undefined);
  const fresh = shown.filter((v) => v.baseline === "new");
  const failing = fresh.filter(isFailing);
  if (result.quiet) return failing.flatMap((v) => block(v, both)).join("\n");
  const lines: string[] = fresh.flatMap((v) => block(v, both));
  const known = shown.filter((v) => v.baseline === "known");
  for (const v of known) lines.push(`${v.file}:${v.line}:${v.column}  known  ${v.ruleId}  ${v.message.split("\n")[0] ?? ""}`);
  if (known.length > 0) lines.push("");
  const stale = result.baseline?.stale ?? [];
  for (const entry of stale) {
    lines.push(`${result.baseline?.file}: stale entry: ${entry.rule} ${entry.file}${entry.target === "" ? "" : ` -> ${entry.target}`} no longer occurs; remove it (or run --update-baseline)`);
  }
  if (stale.length > 0) lines.push("");
  for (const file of result.updated) lines.push(`updated ${file}`);
  if (result.baseline?.written === true) lines.push(`wrote ${result.baseline.file}: ${count(known.length, "known violation")}`);
  for (const warning of result.warnings) lines.push(`warning: ${formatWarning(warning).replace(/\n/g, "\\n")}`);
  const { files, contracts, milliseconds } = result.stats;
  // Warnings: the violations of rules set to warn, and what the run skipped or analysed in part.
  const warnings = fresh.length - failing.length + result.warnings.length;
  const suppressed = result.violations.length - shown.length;
  const extras = [
    warnings > 0 ? count(warnings, "warning") : "",
    known.length > 0 ? `${known.length} known (${result.baseline?.file})` : "",
    suppressed > 0 ? `${suppressed} suppressed` : "",
  ].filter((part) => part !== "");
  const verdict = failing.length === 0 ? "boundaries ok" : count(failing.length, "violation");
  lines.push(`${[verdict, ...extras].join(", ")}: ${files} files, ${contracts} contracts, ${milliseconds} ms (${result.engines.join(" + ")})`);
  return `${lines.join("\n")}\n`;
}
