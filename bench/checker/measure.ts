/**
 * Measures the boundary checker on one synthetic repository: cold runs of
 * the whole check (both engines), the ts-morph tool alone and
 * dependency-cruiser alone, then a warm run of the ts-morph tool after one
 * file changed. Each run is a fresh process, started the way the npm
 * scripts start it (`node --import tsx tools/checker/bin.ts`).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateRepository, touchFile, type SyntheticRepository } from "./generate.js";
import { compareWithPlanted, type Comparison, type Located } from "./planted.js";
import { type MeasuredRun, runMeasured } from "./process-tree.js";

/** The wall time and peak memory of one run. */
export interface RunFigures {
  readonly wallMs: number;
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
  /** `--engine all`, cold. */
  readonly whole: RunFigures;
  /** `--engine ts-morph`, cold. */
  readonly tsMorph: RunFigures;
  /** `--engine depcruise`. */
  readonly depcruise: RunFigures;
  /** `--engine ts-morph` after one file changed, with the cache of the cold run. */
  readonly warm: RunFigures;
  /** The cold ts-morph report against the planted violations. */
  readonly cold: Comparison;
  /** The warm ts-morph report against the planted violations. */
  readonly warmComparison: Comparison;
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
  const run = await runMeasured(process.execPath, ["--import", "tsx", "tools/checker/bin.ts", ...args], repository);
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
  rmSync(join(synthetic.root, ".spine-cache"), { recursive: true, force: true });
}

/**
 * Generates a repository of about `size` files in a temporary folder,
 * measures every run on it and removes it.
 * @param repository - this repository (where `tools/checker` lives).
 * @param log - receives one line per step.
 */
export async function measureSize(repository: string, size: number, log: (line: string) => void): Promise<SizeMeasurements> {
  const parent = mkdtempSync(join(tmpdir(), "spine-bench-checker-"));
  try {
    const synthetic = generateRepository(join(parent, "repo"), size);
    log(`${synthetic.files} files, ${synthetic.contracts} contracts, ${synthetic.planted.length} planted violations in ${synthetic.root}`);
    const root = ["--root", synthetic.root];
    await check(repository, "warm-up", ["--help"]);

    const depcruise = await check(repository, "dependency-cruiser", [...root, "--engine", "depcruise"]);
    log(`dependency-cruiser alone: ${depcruise.wallMs.toFixed(0)} ms`);
    clearCache(synthetic);
    const tsMorph = await check(repository, "ts-morph", [...root, "--engine", "ts-morph", "--format", "json"]);
    log(`ts-morph tool alone, cold: ${tsMorph.wallMs.toFixed(0)} ms`);
    clearCache(synthetic);
    const whole = await check(repository, "check:boundaries", [...root, "--engine", "all"]);
    log(`whole check, cold: ${whole.wallMs.toFixed(0)} ms`);
    touchFile(synthetic);
    const warm = await check(repository, "ts-morph (warm)", [...root, "--engine", "ts-morph", "--format", "json"]);
    log(`ts-morph tool, warm after changing ${synthetic.touched}: ${warm.wallMs.toFixed(0)} ms`);

    return {
      size,
      files: synthetic.files,
      contracts: synthetic.contracts,
      plantedPerRule: synthetic.plantedPerRule,
      planted: synthetic.planted.length,
      whole: figuresOf(whole),
      tsMorph: figuresOf(tsMorph),
      depcruise: figuresOf(depcruise),
      warm: figuresOf(warm),
      cold: compareWithPlanted(synthetic.planted, reported(tsMorph)),
      warmComparison: compareWithPlanted(synthetic.planted, reported(warm)),
    };
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
}
