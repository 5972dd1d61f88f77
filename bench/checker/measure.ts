/**
 * Measures the boundary checker on one synthetic repository: cold runs of
 * the whole check (both engines), the ts-morph tool alone and
 * dependency-cruiser alone, a warm run of the whole check when nothing
 * changed, then a warm run of the ts-morph tool after one file changed,
 * repeated and interleaved so that drift of the machine hits every command
 * alike; then the per-file cost of the ESLint plugin (`lint.ts`) and the
 * re-checks of the watch loop (`watch.ts`) on the warm cache. Each run is a
 * fresh process, started the way the npm
 * scripts start it (`node tools/checker/launch.mjs`).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { generateRepository, touchFile, type SyntheticRepository } from "./generate.js";
import { type LintMeasurements, measureLint } from "./lint.js";
import { compareWithPlanted, type Comparison, type Located } from "./planted.js";
import { measureWatch, type WatchMeasurements } from "./watch.js";
import { summarize } from "../lib/stats.js";
import { type MeasuredRun, runMeasured } from "./process-tree.js";

/** The wall time and peak memory of a command. */
export interface RunFigures {
  /** Wall time in milliseconds. */
  readonly wallMs: number;
  /** Peak resident memory of the process tree in MiB. */
  readonly peakMiB: number;
}

/** Everything measured on one repository. */
export interface SizeMeasurements {
  /** The size asked for. */
  readonly size: number;
  /** Source files generated. */
  readonly files: number;
  /** Contracts generated. */
  readonly contracts: number;
  /** Planted violations of each rule. */
  readonly plantedPerRule: number;
  /** Planted violations in all. */
  readonly planted: number;
  /** How many times each command ran. */
  readonly repeats: number;
  /** `--engine all`, cold. */
  readonly whole: RunFigures;
  /** `--engine ts-morph`, cold. */
  readonly tsMorph: RunFigures;
  /** `--engine depcruise`. */
  readonly depcruise: RunFigures;
  /** `--engine ts-morph` after one file changed, with the cache of the cold run. */
  readonly warm: RunFigures;
  /** `--engine all` again with the cache of the cold whole check, nothing changed. */
  readonly wholeWarm: RunFigures;
  /** Rounds whose warm whole report differed from the cold whole report (0 when the cache served the same result). */
  readonly wholeWarmDiffered: number;
  /** The cold ts-morph reports (all repetitions) against the planted violations. */
  readonly cold: Comparison;
  /** The warm ts-morph reports (all repetitions) against the planted violations. */
  readonly warmComparison: Comparison;
  /** The ESLint plugin, file by file. */
  readonly lint: LintMeasurements;
  /** The watch loop's re-checks after a leaf edit and a shared-file edit. */
  readonly watch: WatchMeasurements;
}

/** A run that did not end with exit code 0 or 1. */
export class CheckerRunError extends Error {
  constructor(what: string, run: MeasuredRun) {
    super(`${what} exited with ${String(run.exitCode)}:\n${run.stderr}`);
    this.name = "CheckerRunError";
  }
}

/** Runs the checker's command line in a fresh process. */
async function check(repository: string, what: string, args: readonly string[]): Promise<MeasuredRun> {
  const run = await runMeasured(process.execPath, ["tools/checker/launch.mjs", ...args], repository);
  if (run.exitCode !== 0 && run.exitCode !== 1) throw new CheckerRunError(what, run);
  return run;
}

function figuresOf(run: MeasuredRun): RunFigures {
  return { wallMs: run.wallMs, peakMiB: run.peakMiB };
}

function reported(run: MeasuredRun): Located[] {
  return (JSON.parse(run.stdout) as { violations: Located[] }).violations;
}

function clearCache(synthetic: SyntheticRepository): void {
  rmSync(join(synthetic.root, "node_modules/.cache/spine-check"), { recursive: true, force: true });
}

/** The runs of one repetition. */
interface Round {
  readonly depcruise: MeasuredRun;
  readonly tsMorph: MeasuredRun;
  readonly whole: MeasuredRun;
  readonly wholeWarm: MeasuredRun;
  readonly warm: MeasuredRun;
}

/** One repetition: each command cold, the whole check again (warm, nothing changed), then the ts-morph tool warm after one file changed. */
async function measureRound(repository: string, synthetic: SyntheticRepository, log: (line: string) => void): Promise<Round> {
  const root = ["--root", synthetic.root];
  const loadStart = loadavg()[0] ?? 0;
  clearCache(synthetic);
  const depcruise = await check(repository, "dependency-cruiser", [...root, "--engine", "depcruise"]);
  clearCache(synthetic);
  const tsMorph = await check(repository, "ts-morph", [...root, "--engine", "ts-morph", "--format", "json"]);
  clearCache(synthetic);
  const whole = await check(repository, "check:boundaries", [...root, "--engine", "all", "--format", "json"]);
  const wholeWarm = await check(repository, "check:boundaries (warm)", [...root, "--engine", "all", "--format", "json"]);
  touchFile(synthetic);
  const warm = await check(repository, "ts-morph (warm)", [...root, "--engine", "ts-morph", "--format", "json"]);
  log(
    `dependency-cruiser ${depcruise.wallMs.toFixed(0)} ms, ts-morph cold ${tsMorph.wallMs.toFixed(0)} ms, ` +
      `whole cold ${whole.wallMs.toFixed(0)} ms, whole warm ${wholeWarm.wallMs.toFixed(0)} ms, ts-morph warm ${warm.wallMs.toFixed(0)} ms ` +
      `(load average ${loadStart.toFixed(2)} before the round)`,
  );
  return { depcruise, tsMorph, whole, wholeWarm, warm };
}

/** The median wall time and the largest peak memory of a command's runs. */
function summarise(runs: readonly MeasuredRun[]): RunFigures {
  return { wallMs: summarize(runs.map((run) => run.wallMs)).p50, peakMiB: Math.max(...runs.map((run) => run.peakMiB)) };
}

/** Every planted violation a report lacks and every violation it adds, over several reports. */
function compareAll(planted: readonly Located[], runs: readonly MeasuredRun[]): Comparison {
  const comparisons = runs.map((run) => compareWithPlanted(planted, reported(run)));
  return { missed: comparisons.flatMap((c) => c.missed), unexpected: comparisons.flatMap((c) => c.unexpected) };
}

/**
 * Generates a repository of about `size` files in a temporary folder,
 * measures every command `repeats` times on it (interleaved) and removes it.
 * Wall times are medians; peak memory is the largest seen.
 * @param repository - this repository (where `tools/checker` lives).
 * @param log - receives one line per step.
 */
export async function measureSize(
  repository: string,
  size: number,
  repeats: number,
  log: (line: string) => void,
): Promise<SizeMeasurements> {
  const parent = mkdtempSync(join(tmpdir(), "spine-bench-checker-"));
  try {
    const synthetic = generateRepository(join(parent, "repo"), size);
    log(`${synthetic.files} files, ${synthetic.contracts} contracts, ${synthetic.planted.length} planted violations in ${synthetic.root}`);
    log(`the warm run follows a change to ${synthetic.touched}`);
    await check(repository, "warm-up", ["--help"]);
    const rounds: Round[] = [];
    for (let round = 0; round < repeats; round++) rounds.push(await measureRound(repository, synthetic, log));
    const lint = await measureLint(repository, synthetic, parent);
    const watch = await measureWatch(repository, synthetic);
    log(`watch: re-check after a leaf edit ${watch.leaf.milliseconds} ms, after an edit of the shared file ${watch.shared.milliseconds} ms`);
    log(`ESLint plugin: first file ${lint.firstMs.toFixed(0)} ms, then median ${lint.savedP50.toFixed(1)} ms per saved file, ${lint.editedP50.toFixed(1)} ms per edited file (${lint.files} files)`);
    return {
      size,
      files: synthetic.files,
      contracts: synthetic.contracts,
      plantedPerRule: synthetic.plantedPerRule,
      planted: synthetic.planted.length,
      repeats,
      whole: summarise(rounds.map((r) => r.whole)),
      tsMorph: summarise(rounds.map((r) => r.tsMorph)),
      depcruise: summarise(rounds.map((r) => r.depcruise)),
      warm: summarise(rounds.map((r) => r.warm)),
      wholeWarm: summarise(rounds.map((r) => r.wholeWarm)),
      wholeWarmDiffered: rounds.filter((r) => JSON.stringify(reported(r.whole)) !== JSON.stringify(reported(r.wholeWarm))).length,
      cold: compareAll(synthetic.planted, rounds.map((r) => r.tsMorph)),
      warmComparison: compareAll(synthetic.planted, rounds.map((r) => r.warm)),
      lint,
      watch,
    };
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
}
