/**
 * Runs one fuzz case, a copy of the base fixture with its mutations applied,
 * through spine-check or spine-docs (in this process with captured output,
 * or through the real bin in a child process), and judges the outcome: every
 * run must end in exit code 0, 1 or 2 with a message, within a time bound,
 * without an uncaught exception, a stack trace or an internal error (exit
 * code 3 is a bug of spine-check: the fuzzer counts it as a failure).
 */
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import fc from "fast-check";
import { runCli } from "../../../../tools/checker/cli.js";
import { runDocsCli } from "../../../../tools/docs/cli.js";
import { applyMutation, describeMutation, type Mutation, mutationArbitrary, outsideOf, releaseImmutable, type Scale } from "./mutations.js";

/** The root of this repository. */
export const REPOSITORY = resolve(import.meta.dirname, "../../../..");

/** The base fixture every case starts from. */
export const BASE_FIXTURE = join(REPOSITORY, "test/fixtures/checker/base");

/** Which command a case runs. */
export type FuzzCommand = "check" | "update" | "docs-check" | "docs";

/** One fuzz case. */
export interface FuzzCase {
  readonly mutations: readonly Mutation[];
  readonly command: FuzzCommand;
  readonly engine: "ts-morph" | "depcruise" | "all";
  readonly format: "human" | "json" | "github" | "sarif";
  /** Run with the cache, twice (cold, then warm), and compare. */
  readonly cache: boolean;
}

/** The arbitrary of fuzz cases: one to three mutations, and how to run them. */
export function caseArbitrary(scale: Scale): fc.Arbitrary<FuzzCase> {
  return fc.record({
    mutations: fc.array(mutationArbitrary(scale), { minLength: 1, maxLength: 3 }),
    command: fc.constantFrom<FuzzCommand>("check", "check", "check", "check", "update", "docs-check", "docs"),
    engine: scale === "quick" ? fc.constantFrom("ts-morph" as const, "ts-morph" as const, "depcruise" as const) : fc.constantFrom("ts-morph" as const, "ts-morph" as const, "depcruise" as const, "all" as const),
    format: fc.constantFrom("human" as const, "json" as const, "github" as const, "sarif" as const),
    cache: fc.boolean(),
  });
}

/** Draws case `index` of the fuzz run with `seed` (the same case every time). */
export function drawCase(seed: number, scale: Scale, index: number): FuzzCase {
  const [fuzzCase] = fc.sample(caseArbitrary(scale), { seed: seed + index, numRuns: 1 });
  if (fuzzCase === undefined) throw new Error("fast-check drew no case");
  return fuzzCase;
}

/** A case on one line, for reports and reproduction. */
export function describeCase(fuzzCase: FuzzCase): string {
  const flags = `${fuzzCase.command} --engine ${fuzzCase.engine} --format ${fuzzCase.format}${fuzzCase.cache ? " (cache: cold, then warm)" : " --no-cache"}`;
  return `${flags}; mutations: ${fuzzCase.mutations.map(describeMutation).join(", ")}`;
}

/** What one run printed and returned. */
export interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly milliseconds: number;
}

/** A copy of the base fixture with the case's mutations applied; `dispose` removes it. */
export function materialise(fuzzCase: Pick<FuzzCase, "mutations">, seed = 1): { readonly root: string; dispose(): void } {
  const root = mkdtempSync(join(tmpdir(), "spine-fuzz-"));
  cpSync(BASE_FIXTURE, root, { recursive: true });
  fuzzCase.mutations.forEach((mutation, index) => {
    try {
      applyMutation(root, mutation, seed + index);
    } catch {
      // An earlier mutation removed what this one changes (contracts/ is a file, say): it does nothing.
    }
  });
  return {
    root,
    dispose() {
      releaseImmutable(root);
      rmSync(root, { recursive: true, force: true });
      rmSync(outsideOf(root), { recursive: true, force: true });
    },
  };
}

/** The command-line arguments of a case's command. */
function argvOf(fuzzCase: FuzzCase, root: string): string[] {
  if (fuzzCase.command === "docs" || fuzzCase.command === "docs-check") return ["--root", root, ...(fuzzCase.command === "docs-check" ? ["--check"] : [])];
  return [
    "--root",
    root,
    "--engine",
    fuzzCase.engine,
    "--format",
    fuzzCase.format,
    ...(fuzzCase.command === "update" ? ["--update"] : []),
    ...(fuzzCase.cache ? [] : ["--no-cache"]),
  ];
}

/** Runs a case's command in this process, with captured output. */
export async function runInProcess(fuzzCase: FuzzCase, root: string): Promise<Outcome> {
  let stdout = "";
  let stderr = "";
  const io = { stdout: (text: string) => void (stdout += text), stderr: (text: string) => void (stderr += text) };
  const started = performance.now();
  const argv = argvOf(fuzzCase, root);
  const code = fuzzCase.command.startsWith("docs") ? runDocsCli(argv, io) : await runCli(argv, io);
  return { code, stdout, stderr, milliseconds: performance.now() - started };
}

/**
 * Runs a case's command through the real bin in a child process
 * (`launch.mjs` for spine-check, `bin.ts` through tsx for spine-docs), killed
 * after `timeoutMs`.
 */
export function runInChild(fuzzCase: FuzzCase, root: string, timeoutMs: number): Promise<Outcome & { readonly killed: boolean }> {
  const script = fuzzCase.command.startsWith("docs") ? ["--import", "tsx", join(REPOSITORY, "tools/docs/bin.ts")] : [join(REPOSITORY, "tools/checker/launch.mjs")];
  const started = performance.now();
  return new Promise((done) => {
    const child = spawn(process.execPath, [...script, ...argvOf(fuzzCase, root)], { cwd: REPOSITORY, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let killed = false;
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      killed = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      done({ code: code ?? (signal === null ? -1 : 128), stdout, stderr, milliseconds: performance.now() - started, killed });
    });
  });
}

/** Whether text holds a stack trace. */
function hasStackTrace(text: string): boolean {
  return /\n\s+at .+:\d+:\d+\)?\n/.test(text) || /^\s+at /m.test(text);
}

/**
 * What is wrong with an outcome, or `undefined` when it is acceptable: exit
 * code 0, 1 or 2; a message (a report, or the reason on standard error); no
 * stack trace; within `boundMs`.
 */
export function judge(fuzzCase: FuzzCase, outcome: Outcome, boundMs: number): string | undefined {
  const name = fuzzCase.command.startsWith("docs") ? "spine-docs" : "spine-check";
  if (outcome.code === 3) return `internal error (exit 3): ${outcome.stderr.split("\n")[0] ?? ""}`;
  if (![0, 1, 2].includes(outcome.code)) return `exit code ${outcome.code}: ${outcome.stderr.slice(0, 300)}`;
  if (outcome.milliseconds > boundMs) return `took ${Math.round(outcome.milliseconds)} ms (bound ${boundMs} ms)`;
  if (hasStackTrace(outcome.stderr) || hasStackTrace(outcome.stdout)) return `stack trace printed (exit ${outcome.code}): ${outcome.stderr.slice(0, 300)}`;
  if (outcome.code === 2) {
    if (!outcome.stderr.startsWith(`${name}: `) || outcome.stderr.trim() === `${name}:`) return `exit 2 without a reason: ${JSON.stringify(outcome.stderr.slice(0, 200))}`;
    if (outcome.stdout !== "") return `exit 2 with a report on standard output: ${outcome.stdout.slice(0, 200)}`;
    return undefined;
  }
  if (name === "spine-docs") return outcome.stdout === "" && outcome.stderr === "" ? `exit ${outcome.code} without a message` : undefined;
  if (outcome.stderr !== "") return `exit ${outcome.code} with standard error: ${outcome.stderr.slice(0, 300)}`;
  if (fuzzCase.format === "json" || fuzzCase.format === "sarif") {
    try {
      JSON.parse(outcome.stdout);
    } catch {
      return `exit ${outcome.code}: the ${fuzzCase.format} report is not JSON: ${outcome.stdout.slice(0, 200)}`;
    }
  } else if (fuzzCase.format === "human" && !/^(boundaries ok|\d+ violations?)(, [^:\n]+)*: \d+ files, \d+ contracts, \d+ ms /m.test(outcome.stdout)) {
    return `exit ${outcome.code}: the human report has no summary line: ${outcome.stdout.slice(-200)}`;
  } else if (fuzzCase.format === "github" && outcome.code === 1 && !outcome.stdout.startsWith("::error ")) {
    return `exit 1 without an annotation: ${outcome.stdout.slice(0, 200)}`;
  }
  return undefined;
}

/** A report with its timings removed, to compare a cold and a warm run. */
function withoutTimings(text: string): string {
  return text.replace(/\d+ ms/g, "N ms").replace(/"milliseconds": \d+/g, '"milliseconds": N');
}

/**
 * Runs a case in this process and judges it; with the cache, runs it twice
 * and also fails when the warm run differs from the cold one.
 * @returns the failure, or `undefined`.
 */
export async function fuzzOnce(fuzzCase: FuzzCase, boundMs: number, seed = 1): Promise<string | undefined> {
  const repo = materialise(fuzzCase, seed);
  try {
    const cold = await runInProcess(fuzzCase, repo.root);
    const failure = judge(fuzzCase, cold, boundMs);
    if (failure !== undefined || !fuzzCase.cache || fuzzCase.command !== "check") return failure;
    const warm = await runInProcess(fuzzCase, repo.root);
    const warmFailure = judge(fuzzCase, warm, boundMs);
    if (warmFailure !== undefined) return `warm run: ${warmFailure}`;
    if (warm.code !== cold.code || withoutTimings(warm.stdout) !== withoutTimings(cold.stdout)) {
      return `the warm run differs from the cold one: exit ${cold.code} then ${warm.code}\n--- cold\n${cold.stdout.slice(0, 500)}\n--- warm\n${warm.stdout.slice(0, 500)}`;
    }
    return undefined;
  } catch (error) {
    return `threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
  } finally {
    repo.dispose();
  }
}
