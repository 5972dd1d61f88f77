/**
 * Runs one engine in a child process (the command line with `--engine NAME
 * --format json`), so that both engines run in parallel, and reads its JSON
 * report back.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { CheckerConfigError, CheckerError, EngineCrashError, internalErrorDescription } from "../errors.js";
import type { CheckResult, EngineName } from "../result.js";
import type { EngineResult } from "./types.js";

/**
 * The script that starts the command line: `bin.ts` (sources), `bin.js`
 * (compiled) or `bin.mjs` (the bundle `launch.mjs` builds), found from this
 * module's own location (this folder, or the bundle's single folder).
 */
function binPath(): string {
  const url = import.meta.url;
  const extension = /\.(ts|mjs)$/.exec(url)?.[0] ?? ".js";
  const relativeToHere = extension === ".mjs" ? `./bin${extension}` : `../bin${extension}`;
  return fileURLToPath(new URL(relativeToHere, url));
}

/**
 * The Node options of the child: this process's, plus tsx's loader when the
 * command line runs from its TypeScript sources in a process that has none
 * (a test runner's, for example).
 */
function nodeOptions(bin: string): string[] {
  const options = [...process.execArgv];
  if (bin.endsWith(".ts") && !options.some((option) => option.includes("tsx"))) options.push("--import", "tsx");
  return options;
}

/** Prefixes of the command line's error output, by the error it stands for. */
const CONFIG_ERROR = "spine-check: configuration error\n";
const CHECKER_ERROR = "spine-check: ";

/**
 * The error of a child that did not report: the configuration or input error
 * it printed (exit code 2), or an {@link EngineCrashError} (an internal
 * error, a signal, any other exit code), never a verdict.
 */
function childError(engine: EngineName, code: number | null, signal: NodeJS.Signals | null, stderr: string): Error {
  if (code === 2 && stderr.startsWith(CONFIG_ERROR)) return new CheckerConfigError(stderr.slice(CONFIG_ERROR.length).trimEnd());
  if (code === 2 && stderr.startsWith(CHECKER_ERROR)) return new CheckerError(stderr.slice(CHECKER_ERROR.length).trimEnd());
  const who = `the ${engine} engine's process`;
  if (signal !== null) return new EngineCrashError(`${who} was killed by ${signal}`, stderr);
  const description = internalErrorDescription("spine-check", stderr);
  if (description !== undefined) return new EngineCrashError(`${who} failed: ${description}`, stderr);
  const said = stderr.trim().split("\n")[0] ?? "";
  return new EngineCrashError(`${who} exited with code ${String(code)}${said === "" ? "" : `: ${said.slice(0, 200)}`}`, stderr);
}

/** A running child engine. */
export interface ChildEngine {
  /** Its result, or its error (a {@link CheckerConfigError} when the configuration is unusable). */
  readonly result: Promise<EngineResult>;
  /** Stops it (its result then rejects). */
  stop(): void;
}

/**
 * Starts an engine in a child process.
 * @param args - the command-line options it gets besides `--engine` and `--format` (`--root`, `--no-cache`, `--update`).
 */
export function startEngineChild(engine: EngineName, args: readonly string[]): ChildEngine {
  const bin = binPath();
  const child = spawn(process.execPath, [...nodeOptions(bin), bin, ...args, "--engine", engine, "--format", "json"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const result = new Promise<EngineResult>((done, fail) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", (error) => fail(new CheckerError(`cannot start the ${engine} engine: ${error.message}`, { cause: error })));
    child.on("close", (code, signal) => {
      const stderr = Buffer.concat(err).toString();
      if (code !== 0 && code !== 1) return fail(childError(engine, code, signal, stderr));
      let report: Pick<CheckResult, "violations" | "updated" | "stats" | "warnings">;
      try {
        report = JSON.parse(Buffer.concat(out).toString()) as Pick<CheckResult, "violations" | "updated" | "stats" | "warnings">;
      } catch {
        return fail(new EngineCrashError(`the ${engine} engine's process printed no report (exit code ${String(code)})`, stderr));
      }
      done({ violations: report.violations, updated: report.updated, files: report.stats.files, contracts: report.stats.contracts, warnings: report.warnings });
    });
  });
  return { result, stop: () => child.kill() };
}
