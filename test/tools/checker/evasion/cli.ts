/**
 * `npm run evasion`: generates the evasion variants from the rule registry,
 * plants them (and their clean twins) in copies of the base fixture, runs
 * both engines, and prints the counts per rule and every variant missed or
 * twin reported. With `--write`, replaces the table in docs/benchmarks.md.
 * Exit code 1 when a variant was missed or a twin reported.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { countsTable, totals, withTable } from "./report.js";
import { runEvasion } from "./run.js";

const { values } = parseArgs({ options: { write: { type: "boolean" } }, strict: true });
const started = performance.now();
const outcome = await runEvasion();
const seconds = (performance.now() - started) / 1000;
for (const verdict of outcome.verdicts) {
  if (verdict.missedBy.length > 0) process.stdout.write(`MISSED ${verdict.variant.id} (${verdict.variant.rule}: ${verdict.variant.form}) by ${verdict.missedBy.join(", ")}\n`);
  if (verdict.twinViolations.length > 0) process.stdout.write(`TWIN REPORTED ${verdict.variant.id} (${verdict.variant.form}): ${verdict.twinViolations.join("; ")}\n`);
}
const table = countsTable(outcome);
process.stdout.write(`${table}\n\n(${seconds.toFixed(1)} s: each engine once on the copy of the variants and once on the copy of the twins)\n`);
if (values.write === true) {
  const path = resolve(import.meta.dirname, "../../../../docs/benchmarks.md");
  writeFileSync(path, withTable(readFileSync(path, "utf8"), table));
  process.stdout.write(`written to ${path}\n`);
}
const t = totals(outcome);
process.exitCode = t.caught === t.variants && t.twinsPassed === t.twins ? 0 : 1;
