/**
 * What a command of the `spine-check` command line is (`check`, `init`,
 * `contract`): one module under `commands/` exporting one
 * {@link CommandSpec}, listed once in `registry.ts`.
 */
import { resolve } from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { type CliIo, type Command, type OptionSpecs, PROCESS_IO, usageError } from "../cli-kit.js";
import { discoverRoot } from "../contracts/discover.js";
import { PROJECT_FILE } from "../contracts/paths.js";
import { CheckerConfigError } from "../errors.js";
import type { TtyProgressOptions } from "../progress/tty.js";

/** Where a command writes, and what it knows of its terminal. */
export interface CommandIo extends CliIo {
  /** The folder relative paths are read from (default: the process's working folder). */
  readonly cwd?: string;
  /** Progress is shown on standard error only when `tty` is true (a terminal). */
  readonly progress?: TtyProgressOptions & { readonly tty: boolean };
}

/** The process's standard output and error, working folder and terminal. */
export const PROCESS_COMMAND_IO: CommandIo = {
  ...PROCESS_IO,
  get cwd() {
    return process.cwd();
  },
  progress: { tty: process.stderr.isTTY === true },
};

/** One command. */
export interface CommandSpec {
  /** The word that selects it (`spine-check init`). */
  readonly name: string;
  /** One line for the usage text. */
  readonly summary: string;
  /** How it is called (`spine-check init [options]`). */
  readonly synopsis: string;
  /** Its options: what it parses, lists in its usage text, and docs/cli.md shows. */
  readonly options: OptionSpecs;
  /** Its usage text (`spine-check <name> --help`). */
  readonly usage: string;
  /** Runs it; returns the exit code (0 done, 1 violations, 2 usage or configuration error). */
  run(argv: readonly string[], io: CommandIo): Promise<number>;
}

/** Where `--root` points when it is not given, for the commands that look upward. */
export const ROOT_DEFAULT = `the nearest folder, from the current one upward, that holds ${PROJECT_FILE}`;

/** The working folder of a command. */
export function workingFolder(io: CommandIo): string {
  return io.cwd ?? process.cwd();
}

/**
 * The repository a command works on: `--root` (relative to the working
 * folder), else the nearest folder upward that holds `contracts/project.yaml`.
 * @throws {CheckerConfigError} naming every folder looked in when there is none.
 */
export function repositoryRoot(root: string | undefined, io: CommandIo): string {
  const cwd = workingFolder(io);
  if (root !== undefined) return resolve(cwd, root);
  const found = discoverRoot(cwd);
  if ("root" in found) return found.root;
  throw new CheckerConfigError(
    `no ${PROJECT_FILE} in ${found.searched.join(", ")}. Run \`spine-check init\` in the repository to write one, or pass --root.`,
  );
}

/**
 * Parses options and positional arguments strictly; prints a usage error
 * and returns exit code 2 for an unknown option, a missing value, or a
 * number of positionals other than `positionals`.
 */
export function parseWithPositionals<const Options extends NonNullable<ParseArgsConfig["options"]>>(
  command: Command,
  io: CliIo,
  argv: readonly string[],
  options: Options,
  positionals: { readonly count: number; readonly name: string },
): { values: ReturnType<typeof parseArgs<{ options: Options; strict: true; allowPositionals: true }>>["values"]; positionals: string[] } | number {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
  } catch (error) {
    return usageError(command, io, (error as Error).message);
  }
  const help = (parsed.values as { help?: unknown }).help === true;
  if (!help && parsed.positionals.length !== positionals.count) {
    return usageError(command, io, `expected ${positionals.name}, got ${parsed.positionals.length === 0 ? "nothing" : parsed.positionals.map((p) => `"${p}"`).join(", ")}`);
  }
  return { values: parsed.values, positionals: parsed.positionals };
}
