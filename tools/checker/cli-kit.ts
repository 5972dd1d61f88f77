/**
 * What the command lines of the checker and the docs generator share:
 * where they write, how they parse options, and how errors become exit
 * codes: {@link reportError} is the one place that decides (2 for a usage,
 * configuration or input error, with the reason; 3 for an internal error,
 * one line). {@link runBin} is the top level of both bins.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { CheckerConfigError, CheckerError, describeError, EngineCrashError, internalErrorLine } from "./errors.js";

/** The exit codes of both command lines. */
export const EXIT = {
  /** Clean (spine-check), or up to date (spine-docs). */
  ok: 0,
  /** Violations (spine-check), or stale docs (spine-docs). */
  failed: 1,
  /** A usage, configuration or input error: nothing was judged. */
  input: 2,
  /** An internal error: a bug of spine-check. */
  internal: 3,
} as const;

/** Where a command line writes. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** The process's standard output and error. */
export const PROCESS_IO: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** A command line: its name (the prefix of its messages) and usage text. */
export interface Command {
  readonly name: string;
  readonly usage: string;
}

/**
 * One option of a command line, as `parseArgs` reads it (`type`, `short`)
 * and as its usage text and docs/cli.md describe it. A command's options are
 * one object of these, keyed by the long name: it is both what
 * {@link parseOptions} parses and what `npm run docs` renders.
 */
export interface OptionSpec {
  readonly type: "string" | "boolean";
  /** A one-letter alias (`-h`). */
  readonly short?: string;
  /** What the value stands for (`DIR`, `FILE`, `NAME`), for a string option. */
  readonly value?: string;
  /** What the option does, in one sentence without a final period. */
  readonly description: string;
  /** What applies when the option is not given, in words (not a parseArgs default). */
  readonly defaultText?: string;
  /** An option between processes of spine-check itself: neither in the usage text nor in the docs. */
  readonly hidden?: boolean;
}

/** The options of a command, by long name. */
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** The left column of an option's usage line: `--root DIR`, `-h, --help`. */
export function optionLabel(name: string, spec: OptionSpec): string {
  return `${spec.short === undefined ? "" : `-${spec.short}, `}--${name}${spec.value === undefined ? "" : ` ${spec.value}`}`;
}

/** Words wrapped into lines of at most `width` characters. */
function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  return line === "" ? lines : [...lines, line];
}

/**
 * The option lines of a usage text: each visible option's label, then its
 * description and default, wrapped at 80 columns under a common column.
 */
export function optionLines(specs: OptionSpecs): string {
  const visible = Object.entries(specs).filter(([, spec]) => spec.hidden !== true);
  const column = Math.max(...visible.map(([name, spec]) => optionLabel(name, spec).length)) + 4;
  return visible
    .map(([name, spec]) => {
      const text = spec.defaultText === undefined ? spec.description : `${spec.description} (default: ${spec.defaultText})`;
      const [first = "", ...rest] = wrapWords(text, Math.max(30, 80 - column));
      return [`  ${optionLabel(name, spec).padEnd(column - 2)}${first}`, ...rest.map((line) => `${" ".repeat(column)}${line}`)].join("\n");
    })
    .join("\n");
}

/** Prints a usage error (the reason, then the usage) and returns exit code 2. */
export function usageError(command: Command, io: CliIo, message: string): number {
  io.stderr(`${command.name}: ${message}\n\n${command.usage}`);
  return 2;
}

/**
 * Parses options strictly (no positionals); prints a usage error and returns
 * exit code 2 for an unknown option or a missing value.
 */
export function parseOptions<const Options extends NonNullable<ParseArgsConfig["options"]>>(
  command: Command,
  io: CliIo,
  argv: readonly string[],
  options: Options,
): ReturnType<typeof parseArgs<{ options: Options; strict: true; allowPositionals: false }>>["values"] | number {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    return usageError(command, io, (error as Error).message);
  }
}

/** The stack trace of an error and of its causes (`--debug`). */
function stackOf(error: unknown): string {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 10; depth++) {
    if (current instanceof EngineCrashError) lines.push(current.stack ?? current.message, `its standard error:\n${current.stderr.trimEnd()}`);
    else lines.push(current instanceof Error ? (current.stack ?? current.message) : describeError(current));
    current = current instanceof Error ? current.cause : undefined;
    if (current !== undefined) lines.push("caused by:");
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Turns an error into its exit code and message: an error the checker raised
 * on purpose (a configuration error with its problems, or another
 * {@link CheckerError}) is exit code 2 with its message; anything else is a
 * bug of spine-check, exit code 3 with one line that says so and where to
 * report it (and, with `debug`, the stack trace after it). Never throws.
 */
export function reportError(command: Command, io: CliIo, error: unknown, debug = false): number {
  if (error instanceof CheckerConfigError) {
    io.stderr(`${command.name}: configuration error\n${error.message}\n`);
    return EXIT.input;
  }
  if (error instanceof CheckerError) {
    io.stderr(`${command.name}: ${error.message}\n`);
    return EXIT.input;
  }
  io.stderr(`${internalErrorLine(command.name, describeError(error), debug)}\n${debug ? stackOf(error) : ""}`);
  return EXIT.internal;
}

/**
 * The top level of a bin: runs `main` with the process's arguments and sets
 * the exit code. An error `main` lets through, and an exception or rejection
 * nobody handles (in a callback, after `main` returned), is reported by
 * {@link reportError}, and the process then exits at once: a crash must never
 * end in a report and a verdict's exit code.
 */
export async function runBin(command: Command, main: (argv: readonly string[]) => Promise<number> | number): Promise<void> {
  const argv = process.argv.slice(2);
  const debug = argv.includes("--debug");
  const crash = (error: unknown): never => process.exit(reportError(command, PROCESS_IO, error, debug));
  process.on("uncaughtException", crash);
  process.on("unhandledRejection", crash);
  try {
    process.exitCode = await main(argv);
  } catch (error) {
    crash(error);
  }
}
