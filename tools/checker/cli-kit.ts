/**
 * What the command lines of the checker and the docs generator share:
 * where they write, how they parse options, and how errors become exit
 * codes (2 for a usage or configuration error, with the reason).
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { CheckerConfigError, CheckerError } from "./errors.js";

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

/**
 * Prints an error the checker raised on purpose (a configuration error with
 * its problems, or another {@link CheckerError}) and returns exit code 2.
 * @throws the error itself when it is of any other kind (a bug).
 */
export function reportError(command: Command, io: CliIo, error: unknown): number {
  if (error instanceof CheckerConfigError) {
    io.stderr(`${command.name}: configuration error\n${error.message}\n`);
    return 2;
  }
  if (error instanceof CheckerError) {
    io.stderr(`${command.name}: ${error.message}\n`);
    return 2;
  }
  throw error;
}
