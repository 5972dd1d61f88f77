/**
 * Typed errors of the boundary checker. A {@link CheckerError} (a
 * {@link CheckerConfigError} in particular) means the run could not be
 * trusted because of its input (bad contract, bad flag, unreadable file,
 * nothing analysed): the CLI maps it to exit code 2. Any other error is a bug
 * of spine-check: exit code 3, one line that says so and {@link BUG_REPORT_URL}.
 */

/** A position in a file, 1-based line and column. */
export interface SourcePosition {
  /** Path of the file, relative to the repository root. */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
}

/** One problem found while loading configuration or contracts (`line` 0: the file as a whole). */
export interface ConfigProblem extends SourcePosition {
  /** What is wrong, in one sentence. */
  readonly reason: string;
}

/** Base class of every error the checker raises on purpose. */
export class CheckerError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "CheckerError";
  }
}

/**
 * The configuration, a contract or the command line is unusable, or the run
 * would pass silently (zero files, zero contracts, TypeScript 7). Exit code 2.
 */
export class CheckerConfigError extends CheckerError {
  /** Every problem found, each with a position when one is known. */
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[] | string, options?: { cause?: unknown }) {
    const list: readonly ConfigProblem[] =
      typeof problems === "string" ? [{ file: "", line: 0, column: 0, reason: problems }] : problems;
    super(list.map(formatProblem).join("\n"), options);
    this.name = "CheckerConfigError";
    this.problems = list;
  }
}

/**
 * Another process of the checker (the ts-morph engine's child of
 * `--engine all`) failed: it crashed, was killed, or printed no report. Not a
 * {@link CheckerError}: the CLI reports it as an internal error (exit code 3).
 */
export class EngineCrashError extends Error {
  /** Everything the process wrote on its standard error (its stack trace, with `--debug`). */
  readonly stderr: string;

  constructor(message: string, stderr: string) {
    super(message);
    this.name = "EngineCrashError";
    this.stderr = stderr;
  }
}

/**
 * Where bugs of spine-check are reported: the `bugs` URL of the spine-check
 * package (`tools/package.json`; a test keeps the two equal).
 */
export const BUG_REPORT_URL = "https://github.com/spine-runtime/spine/issues";

/** The start of the one line an internal error prints, after the command's name. */
const INTERNAL = "internal error: ";

/** What follows the error's description on that line. */
function bugNote(debug: boolean): string {
  return ` (a bug of spine-check: please report it at ${BUG_REPORT_URL}${debug ? "" : "; run again with --debug for the stack trace"})`;
}

/**
 * The one line (without its newline) that reports an internal error:
 * `spine-check: internal error: TypeError: … (a bug of spine-check: please
 * report it at <url>; run again with --debug for the stack trace)`.
 * @param description - what failed, on one line.
 */
export function internalErrorLine(commandName: string, description: string, debug: boolean): string {
  return `${commandName}: ${INTERNAL}${description}${bugNote(debug)}`;
}

/** The description in a line written by {@link internalErrorLine}, or `undefined` when `text` starts with no such line. */
export function internalErrorDescription(commandName: string, text: string): string | undefined {
  const line = text.split("\n")[0] ?? "";
  const prefix = `${commandName}: ${INTERNAL}`;
  const end = line.lastIndexOf(" (a bug of spine-check: ");
  return line.startsWith(prefix) && end > prefix.length ? line.slice(prefix.length, end) : undefined;
}

/** Describes an error on one line: its name and the first line of its message (a thrown non-error as text). */
export function describeError(error: unknown): string {
  let text: string;
  try {
    text = error instanceof Error ? `${error.name}: ${error.message}` : `thrown ${typeof error}: ${String(error)}`;
  } catch {
    text = `thrown ${typeof error} that cannot be printed`;
  }
  const line = text.split("\n")[0] ?? "";
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}

/** True for the error V8 throws when the stack runs out (a parser or a walk over a too deeply nested tree). */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && error.message.includes("Maximum call stack size exceeded");
}

/** Formats a problem as `file:line:col: reason` (`file: reason` without a line, just the reason without a file). */
export function formatProblem(problem: ConfigProblem): string {
  if (problem.file === "") return problem.reason;
  if (problem.line === 0) return `${problem.file}: ${problem.reason}`;
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.reason}`;
}
