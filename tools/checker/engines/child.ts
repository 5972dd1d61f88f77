/**
 * Runs one engine in a child process (the command line with `--engine NAME
 * --engine-report`), so that both engines run in parallel, and reads its raw
 * findings back as JSON. The child tells its progress on standard error as
 * lines {@link PROGRESS_PREFIX}`<json>`, which are passed on to the
 * listener and kept out of its error output.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { ENGINE_REPORT_OPTION, PROGRESS_PREFIX, PROGRESS_VARIABLE } from "../child-protocol.js";
import { CheckerConfigError, CheckerError, EngineCrashError, internalErrorDescription } from "../errors.js";
import type { ProgressEvent, ProgressListener } from "../progress/events.js";
import type { EngineName } from "../result.js";
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
  /** Its raw findings, or its error (a {@link CheckerConfigError} when the configuration is unusable). */
  readonly result: Promise<EngineResult>;
  /** Stops it (its result then rejects). */
  stop(): void;
}

/** Splits a child's standard error into progress events (passed to `onProgress`) and the rest. */
function stderrReader(onProgress: ProgressListener | undefined): { push(chunk: Buffer): void; text(): string } {
  let pending = "";
  let rest = "";
  const line = (text: string): void => {
    if (!text.startsWith(PROGRESS_PREFIX)) {
      rest += `${text}\n`;
      return;
    }
    try {
      onProgress?.(JSON.parse(text.slice(PROGRESS_PREFIX.length)) as ProgressEvent);
    } catch {
      // A garbled progress line only costs a progress update.
    }
  };
  return {
    push(chunk) {
      const lines = (pending + chunk.toString()).split("\n");
      pending = lines.pop() ?? "";
      for (const text of lines) line(text);
    },
    text: () => rest + pending,
  };
}

/**
 * Starts an engine in a child process.
 * @param args - the command-line options it gets besides `--engine` (`--root`, `--no-cache`, `--cache-dir`, `--update`).
 * @param onProgress - told the child's progress.
 */
export function startEngineChild(engine: EngineName, args: readonly string[], onProgress?: ProgressListener): ChildEngine {
  const bin = binPath();
  const child = spawn(process.execPath, [...nodeOptions(bin), bin, ...args, "--engine", engine, ENGINE_REPORT_OPTION], {
    stdio: ["ignore", "pipe", "pipe"],
    env: onProgress === undefined ? process.env : { ...process.env, [PROGRESS_VARIABLE]: "1" },
  });
  const result = new Promise<EngineResult>((done, fail) => {
    const out: Buffer[] = [];
    const err = stderrReader(onProgress);
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", (error) => fail(new CheckerError(`cannot start the ${engine} engine: ${error.message}`, { cause: error })));
    child.on("close", (code, signal) => {
      const stderr = err.text();
      if (code !== 0) return fail(childError(engine, code, signal, stderr));
      try {
        done(JSON.parse(Buffer.concat(out).toString()) as EngineResult);
      } catch {
        fail(new EngineCrashError(`the ${engine} engine's process printed no report (exit code ${String(code)})`, stderr));
      }
    });
  });
  return { result, stop: () => child.kill() };
}
