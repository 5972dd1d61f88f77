/**
 * Runs one engine in a child process (the command line with `--engine NAME
 * --engine-report`), so that both engines run in parallel, and reads its raw
 * findings back as JSON. The child tells its progress on standard error as
 * lines {@link PROGRESS_PREFIX}`<json>`, which are passed on to the
 * listener, and that its configuration is in the cache with
 * {@link CONFIGURATION_SAVED_LINE}; both are kept out of its error output.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { CONFIGURATION_SAVED_LINE, ENGINE_REPORT_OPTION, PROGRESS_PREFIX, PROGRESS_VARIABLE, SHARE_CONFIGURATION_OPTION } from "../child-protocol.js";
import { CheckerConfigError, CheckerError, EngineCrashError, internalErrorDescription } from "../errors.js";
import type { ProgressEvent, ProgressListener } from "../progress/events.js";
import type { EngineName } from "../result.js";
import { childV8Options } from "./child-v8.js";
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
 * (a test runner's, for example), plus the V8 options of `child-v8.ts`.
 */
function nodeOptions(bin: string): string[] {
  const options = [...process.execArgv];
  if (bin.endsWith(".ts") && !options.some((option) => option.includes("tsx"))) options.push("--import", "tsx");
  for (const option of childV8Options(process.versions.node)) if (!options.includes(option)) options.push(option);
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
  /**
   * Settles once the child has saved its configuration in the cache (with
   * `share`), or has ended or failed to start: then the cache holds what
   * it saved, if anything. Never rejects.
   */
  readonly configurationSaved: Promise<void>;
  /** Stops it (its result then rejects). */
  stop(): void;
}

/** Splits a child's standard error into progress events (passed to `onProgress`), the configuration-saved line (`onSaved`) and the rest. */
function stderrReader(onProgress: ProgressListener | undefined, onSaved: () => void): { push(chunk: Buffer): void; text(): string } {
  let pending = "";
  let rest = "";
  const line = (text: string): void => {
    if (text === CONFIGURATION_SAVED_LINE) {
      onSaved();
      return;
    }
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

/** Options of {@link startEngineChild}. */
export interface EngineChildOptions {
  /** Told the child's progress. */
  readonly onProgress?: ProgressListener;
  /** The child saves its configuration in the cache as soon as it is loaded (see {@link SHARE_CONFIGURATION_OPTION}); needs the cache. */
  readonly share?: boolean;
}

/**
 * Starts an engine in a child process.
 * @param args - the command-line options it gets besides `--engine` (`--root`, `--no-cache`, `--cache-dir`, `--update`).
 */
export function startEngineChild(engine: EngineName, args: readonly string[], { onProgress, share = false }: EngineChildOptions = {}): ChildEngine {
  const bin = binPath();
  const shared = share ? [SHARE_CONFIGURATION_OPTION] : [];
  const child = spawn(process.execPath, [...nodeOptions(bin), bin, ...args, "--engine", engine, ENGINE_REPORT_OPTION, ...shared], {
    stdio: ["ignore", "pipe", "pipe"],
    env: onProgress === undefined ? process.env : { ...process.env, [PROGRESS_VARIABLE]: "1" },
  });
  let saved: () => void = () => undefined;
  const configurationSaved = new Promise<void>((settle) => (saved = settle));
  const result = new Promise<EngineResult>((done, fail) => {
    const out: Buffer[] = [];
    const err = stderrReader(onProgress, saved);
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", (error) => {
      saved();
      fail(new CheckerError(`cannot start the ${engine} engine: ${error.message}`, { cause: error }));
    });
    child.on("close", (code, signal) => {
      saved();
      const stderr = err.text();
      if (code !== 0) return fail(childError(engine, code, signal, stderr));
      try {
        done(JSON.parse(Buffer.concat(out).toString()) as EngineResult);
      } catch {
        fail(new EngineCrashError(`the ${engine} engine's process printed no report (exit code ${String(code)})`, stderr));
      }
    });
  });
  return { result, configurationSaved, stop: () => child.kill() };
}
