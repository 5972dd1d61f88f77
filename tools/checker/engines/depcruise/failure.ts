/**
 * What a failure of dependency-cruiser means for a run. It reports a file it
 * cannot analyse by throwing for the whole cruise ("Extracting dependencies
 * ran afoul of… in <file>"): that file is left out of the next attempt, and
 * a warning says so. A file system error is an input error (exit code 2).
 * Anything else is an internal error (exit code 3): dependency-cruiser runs
 * with a configuration spine-check built.
 */
import { relative } from "node:path";
import { CheckerError, describeError, isStackOverflow } from "../../errors.js";

/** A file dependency-cruiser could not analyse, and why. */
export interface UnanalysedFile {
  readonly file: string;
  readonly reason: string;
}

/** dependency-cruiser's message for a file whose dependencies it could not extract. */
const RAN_AFOUL = /^Extracting dependencies ran afoul of\.\.\.\s+([\s\S]*?)\n\.\.\. in (.+?)\s*$/;

/** The file a failure of dependency-cruiser names, or `undefined` when it names none. */
export function unanalysedFile(error: unknown): UnanalysedFile | undefined {
  const match = error instanceof Error ? RAN_AFOUL.exec(error.message) : null;
  if (match === null) return undefined;
  const inner = (match[1] ?? "").trim().split("\n")[0] ?? "";
  const reason = inner.includes("Maximum call stack size exceeded") ? "nested too deeply for its parser (it ran out of stack)" : `its parser failed: ${inner.slice(0, 200)}`;
  return { file: match[2] ?? "", reason };
}

/**
 * The error a failure of dependency-cruiser becomes: a {@link CheckerError}
 * (exit code 2) when the system refused to read a path, else an error that
 * names dependency-cruiser (exit code 3).
 */
export function depcruiseError(error: unknown, root: string): Error {
  const system = error as NodeJS.ErrnoException;
  if (typeof system.code === "string" && typeof system.path === "string" && /^E[A-Z]+$/.test(system.code)) {
    return new CheckerError(`dependency-cruiser cannot read ${relative(root, system.path) || "."}: ${system.code} (${system.syscall ?? "access"})`, { cause: error });
  }
  if (isStackOverflow(error)) return new CheckerError("dependency-cruiser ran out of stack: a file or the tsconfig is nested too deeply", { cause: error });
  return new Error(`dependency-cruiser failed: ${describeError(error)}`, { cause: error });
}
