/**
 * Typed errors of the boundary checker. A {@link CheckerConfigError} means the
 * run could not be trusted (bad contract, bad flag, nothing analysed): the CLI
 * maps it to exit code 2.
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

/** One problem found while loading configuration or contracts. */
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

/** Formats a problem as `file:line:col: reason` (or just the reason without a file). */
export function formatProblem(problem: ConfigProblem): string {
  if (problem.file === "") return problem.reason;
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.reason}`;
}
