/**
 * Helpers of the checker tests: build a fixture repository in a temporary
 * folder (the base under test/fixtures/checker/base with a case's files laid
 * over it), run the CLI in-process with captured output, and read violations
 * as `rule file:line:col` strings so tests can compare exact sets.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, expect } from "vitest";
import { runCli } from "../../../tools/checker/cli.js";
import { mergeViolations } from "../../../tools/checker/engines/merge.js";
import { isFailing, type ReportedViolation, type Violation } from "../../../tools/checker/result.js";

/** The root of this repository. */
export const REPOSITORY = resolve(import.meta.dirname, "../../..");

/** The folder of the checker's fixture cases. */
export const FIXTURES = join(REPOSITORY, "test/fixtures/checker");

const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder, removed after the current test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "spine-checker-"));
  temporary.push(dir);
  return dir;
}

/**
 * Copies a fixture case into a temporary folder and returns its path. By
 * default the case's files are laid over the base fixture; with
 * `standalone`, the case is a whole repository on its own.
 */
export function fixtureRepo(name: string, options: { readonly standalone?: boolean } = {}): string {
  const dir = tempDir();
  if (!options.standalone) cpSync(join(FIXTURES, "base"), dir, { recursive: true });
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

/** The outcome of one CLI run. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the checker's CLI in-process (with `--no-cache`) and captures its output. */
export async function cli(argv: readonly string[]): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await runCli([...argv, "--no-cache"], {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

/** A violation as `rule file:line:col`. */
export function located(v: Pick<Violation, "ruleId" | "file" | "line" | "column">): string {
  return `${v.ruleId} ${v.file}:${v.line}:${v.column}`;
}

/** The outcome of a JSON run: the exit code and the violations. */
export interface CheckRun {
  readonly code: number;
  readonly violations: readonly ReportedViolation[];
  /** Every violation as `rule file:line:col`, in report order. */
  readonly located: readonly string[];
  readonly stderr: string;
}

/** Runs the ts-morph engine on `root` with `--format json`. */
export async function check(root: string, extra: readonly string[] = []): Promise<CheckRun> {
  const run = await cli(["--root", root, "--format", "json", ...extra]);
  const violations = run.stdout === "" ? [] : (JSON.parse(run.stdout) as { violations: ReportedViolation[] }).violations;
  return { code: run.code, violations, located: violations.map(located), stderr: run.stderr };
}

/** Runs the ts-morph engine on a fixture case laid over the base. */
export function checkCase(name: string): Promise<CheckRun> {
  return check(fixtureRepo(name));
}

/**
 * Runs a bin in a child process from this repository, as its npm script
 * does: `spine-check` through `launch.mjs`, `spine-docs` through tsx.
 * @param env - added to the process's environment.
 */
export function runBin(command: "spine-check" | "spine-docs", argv: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<CliRun> {
  const script = command === "spine-check" ? ["tools/checker/launch.mjs"] : ["--import", "tsx", "tools/docs/bin.ts"];
  return new Promise((done) => {
    execFile(process.execPath, [...script, ...argv], { cwd: REPOSITORY, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
      done({ code, stdout, stderr });
    });
  });
}

/** A violation as `rule file:line:col [engines]`. */
export function withEngines(v: Violation): string {
  return `${v.ruleId} ${v.file}:${v.line}:${v.column} [${v.engines.join(", ")}]`;
}

/**
 * What `--engine all` reports on the repository at `root`, computed in this
 * process: each engine's report, merged as `--engine all` merges them
 * (`mergeViolations`), with the exit code that follows. A real
 * `--engine all` run starts the ts-morph engine in a child process (about
 * 2 s of CPU each); engines/all-engines.slow.test.ts proves on every fixture
 * case that it reports exactly this, and cli.test.ts runs the child itself.
 */
export async function checkAllEngines(root: string, extra: readonly string[] = []): Promise<CheckRun> {
  const [tsMorph, depcruise] = [await check(root, ["--engine", "ts-morph", ...extra]), await check(root, ["--engine", "depcruise", ...extra])];
  const violations = mergeViolations(tsMorph.violations, depcruise.violations) as ReportedViolation[];
  // A configuration error is loaded once by --engine all, and each engine alone reports the same one.
  const stderr = tsMorph.stderr === depcruise.stderr ? tsMorph.stderr : tsMorph.stderr + depcruise.stderr;
  return { code: Math.max(tsMorph.code, depcruise.code, violations.some(isFailing) ? 1 : 0), violations, located: violations.map(located), stderr };
}
