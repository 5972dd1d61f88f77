/**
 * Warnings: what a run skipped or analysed only in part (a symbolic link it
 * did not follow, a file over a limit, a file too deeply nested to parse).
 * They never change the exit code, and every report format prints them: a
 * skip never passes silently.
 */

/** One warning. */
export interface CheckWarning {
  /** Repository-relative path of the file or folder concerned. */
  readonly file: string;
  /** 1-based line, when the warning is about a place in the file. */
  readonly line?: number;
  /** 1-based column, with {@link line}. */
  readonly column?: number;
  /** What was skipped and why, in one sentence. */
  readonly message: string;
}

/** A warning as `file[:line:col]: message`. */
export function formatWarning(warning: CheckWarning): string {
  const where = warning.line === undefined ? warning.file : `${warning.file}:${warning.line}:${warning.column ?? 1}`;
  return `${where}: ${warning.message}`;
}

/** Warnings sorted by file and message, each once. */
export function sortWarnings(warnings: Iterable<CheckWarning>): CheckWarning[] {
  const unique = new Map<string, CheckWarning>();
  for (const warning of warnings) unique.set(formatWarning(warning), warning);
  return [...unique.values()].sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || a.message.localeCompare(b.message));
}
