/**
 * `npm run bench:checker`: the boundary checker on synthetic repositories
 * of 2,000 and 10,000 TypeScript files generated in a temporary folder
 * (nothing is written into this repository).
 *
 * For each size: dependency-cruiser alone, the ts-morph tool alone and the
 * whole check (both engines) from a cold cache, then the ts-morph tool again
 * after one file changed; then the ESLint plugin's cost per file (real
 * ESLint linting a sample of the files one by one), and the re-checks of
 * `spine-check --watch` after a leaf edit and after an edit of a file most
 * files import. Reports wall time, peak memory of the process
 * tree, the ratios the issue sets targets for, and whether the ts-morph
 * report equals the planted violations exactly. Ends with one `RESULT` line
 * per figure. Exits non-zero when a report differs from the planted
 * violations; a missed speed target is only reported.
 *
 * Options: `--sizes N[,N…]` (about how many source files; default
 * `2000,10000`) and `--repeats N` (how many times each command runs per
 * size, default 3; wall times are medians).
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { describeMachine, printMachine } from "./lib/machine.js";
import { printResults, printVerdicts } from "./lib/report.js";
import { measureSize, type SizeMeasurements } from "./checker/measure.js";
import { figures, lintTable, mismatches, runTable, verdicts, watchTable } from "./checker/summary.js";
import { runBenchmark } from "./lib/run.js";

const DEFAULT_SIZES = [2_000, 10_000];
const DEFAULT_REPEATS = 3;

function positiveInteger(option: string, text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`--${option} takes positive integers, got ${JSON.stringify(text)}`);
  return value;
}

/** Parses `--sizes 2000,10000 --repeats 3`. */
function parseOptions(argv: readonly string[]): { sizes: number[]; repeats: number } {
  const { values } = parseArgs({
    args: [...argv],
    options: { sizes: { type: "string" }, repeats: { type: "string" } },
    strict: true,
    allowPositionals: false,
  });
  return {
    sizes: values.sizes === undefined ? DEFAULT_SIZES : values.sizes.split(",").map((text) => positiveInteger("sizes", text)),
    repeats: values.repeats === undefined ? DEFAULT_REPEATS : positiveInteger("repeats", values.repeats),
  };
}

/** Runs the benchmark and returns the exit code: 1 when a report differs from the planted violations. */
async function main(): Promise<number> {
  const { sizes, repeats } = parseOptions(process.argv.slice(2));
  const repository = resolve(import.meta.dirname, "..");
  printMachine(describeMachine());
  console.log(`options: --sizes ${sizes.join(",")} --repeats ${repeats}\n`);
  const all: SizeMeasurements[] = [];
  for (const size of sizes) {
    console.log(`Repository of about ${size} files:`);
    const measured = await measureSize(repository, size, repeats, (line) => console.log(`  ${line}`));
    console.log(`\n${runTable(measured)}\n\n${lintTable(measured)}\n\n${watchTable(measured)}\n`);
    for (const line of mismatches(measured)) console.error(`FAIL ${line}`);
    all.push(measured);
  }
  const allVerdicts = all.flatMap(verdicts);
  printVerdicts(allVerdicts);
  console.log("");
  printResults(all.flatMap(figures));
  return all.some((m) => mismatches(m).length > 0) ? 1 : 0;
}

runBenchmark(main);
