/**
 * The warm-equals-cold matrix of the cache tests: every fixture case with
 * each engine, run cold, then unchanged, then after each kind of change
 * (`changes.ts`); each warm run must equal a run with --no-cache. The fast
 * tier (cache.test.ts) runs a sample of it, the slow tier
 * (cache.slow.test.ts, cache-depcruise.slow.test.ts) the rest, so that the
 * tiers together run it all once.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../../../tools/checker/cli.js";
import { FIXTURES, fixtureRepo } from "../fixture.js";
import { CHANGES, prepare } from "./changes.js";

/** Cases that are whole repositories rather than overlays of the base. */
export const STANDALONE = new Set(["no-contracts", "no-files"]);

/** Every fixture case. */
export const CASES = readdirSync(FIXTURES).filter((name) => name !== "base" && statSync(join(FIXTURES, name)).isDirectory());

/** The engines whose warm runs are compared on every case. */
export const ENGINES = ["ts-morph", "depcruise", "all"] as const;

/**
 * The cases `--engine all` runs on too (each of its runs starts a child
 * through tsx, about 1.3 s): the cases the cache once got wrong and a
 * boundary case. The parent's dependency-cruiser engine and the child's
 * ts-morph engine are the ones compared above on every case.
 */
export const ALL_CASES = new Set(["cache-tsconfig-extends", "cache-workspace-link", "cache-lockfile", "inbound-import"]);

/** A run's outcome without its timing: exit code, JSON report (stats.milliseconds dropped) and error output. */
export async function outcome(root: string, cache: boolean, engine: (typeof ENGINES)[number] = "ts-morph"): Promise<string> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(["--root", root, "--format", "json", "--engine", engine, ...(cache ? [] : ["--no-cache"])], {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return normalise(code, stdout, stderr);
}

/** The comparable form of a run. */
export function normalise(code: number, stdout: string, stderr: string): string {
  const report = stdout === "" ? undefined : (JSON.parse(stdout) as { stats: { milliseconds?: number } });
  if (report !== undefined) delete report.stats.milliseconds;
  return JSON.stringify({ code, report, stderr });
}

/** A fresh copy of fixture case `name`, prepared for its first run. */
export function repository(name: string): string {
  const root = fixtureRepo(name, { standalone: STANDALONE.has(name) });
  prepare(root);
  return root;
}

/** One run of the matrix: a fixture case and an engine. */
export type MatrixRun = readonly [name: string, engine: (typeof ENGINES)[number]];

/** Every run of the matrix: each case with the ts-morph and the dependency-cruiser engine, and {@link ALL_CASES} with both. */
export const MATRIX: readonly MatrixRun[] = CASES.flatMap((name) => ENGINES.filter((engine) => engine !== "all" || ALL_CASES.has(name)).map((engine) => [name, engine] as const));

/**
 * The runs of the fast tier: a case the cache once got wrong with each
 * engine alone, and a boundary case; `--engine all` (a child process per
 * run) is the slow tier's.
 */
export const FAST_RUNS: readonly MatrixRun[] = [
  ["inbound-import", "ts-morph"],
  ["cache-workspace-link", "ts-morph"],
  ["cache-lockfile", "depcruise"],
];

/** Whether `run` is one of `runs`. */
export function isOneOf(run: MatrixRun, runs: readonly MatrixRun[]): boolean {
  return runs.some(([name, engine]) => name === run[0] && engine === run[1]);
}

/** The runs of the slow tier with one of `engines`: every run of {@link MATRIX} but {@link FAST_RUNS}. */
export function slowRuns(engines: readonly MatrixRun[1][]): MatrixRun[] {
  return MATRIX.filter((run) => engines.includes(run[1]) && !isOneOf(run, FAST_RUNS));
}

/** Registers one test per run of `runs`. */
export function describeWarmMatrix(runs: readonly MatrixRun[]): void {
  describe("a warm run equals --no-cache", () => {
    it.each(runs)("%s, --engine %s: cold, then unchanged, then after each kind of change", async (name, engine) => {
      const root = repository(name);
      const cold = await outcome(root, false, engine);
      expect(await outcome(root, true, engine)).toBe(cold);
      expect({ change: "none", result: await outcome(root, true, engine) }).toEqual({ change: "none", result: cold });
      for (const change of CHANGES) {
        change.apply(root);
        const warm = await outcome(root, true, engine);
        expect({ change: change.name, result: warm }).toEqual({ change: change.name, result: await outcome(root, false, engine) });
      }
    }, 120_000);
  });
}
