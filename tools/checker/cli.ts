/**
 * The command line of the boundary checker. {@link runCli} picks the
 * command (`check`, the default; `init`; `contract`) from the first
 * argument and runs it; it returns the exit code (0 clean, 1 violations,
 * 2 usage, configuration or input error, 3 internal error) and never exits
 * nor throws. The engines are imported only when a check runs.
 */
import { type Command, EXIT, optionLines, type OptionSpecs, reportError } from "./cli-kit.js";
import { CHECK_OPTION_SPECS, EXIT_CODES } from "./commands/check.js";
import { type CommandIo, type CommandSpec, PROCESS_COMMAND_IO } from "./commands/command.js";
import { COMMANDS } from "./commands/registry.js";

export type { CommandSpec } from "./commands/command.js";

/** Every command of `spine-check`, the default (`check`) first: for docs/cli.md. */
export const COMMAND_SPECS: readonly CommandSpec[] = COMMANDS;
import { packageInfo } from "./package-info.js";

/** The options of the program itself, given without a command (`--help` is the check's too). */
export const PROGRAM_OPTION_SPECS = {
  version: { type: "boolean", description: "print spine-check's version" },
} as const satisfies OptionSpecs;

/** The usage text: the commands, then the options of the check. */
export const USAGE = `Usage: spine-check [command] [options]

Commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(18)}  ${command.summary}`).join("\n")}

\`spine-check <command> --help\` shows a command's options; those of the check:

Options:
${optionLines({ ...CHECK_OPTION_SPECS, ...PROGRAM_OPTION_SPECS })}

${EXIT_CODES}
`;

/** The command line, as its messages name it. */
export const COMMAND: Command = { name: "spine-check", usage: USAGE };

/** Runs the command line with arguments; returns the exit code. */
export async function runCli(argv: readonly string[], io: CommandIo = PROCESS_COMMAND_IO): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    return reportError(COMMAND, io, error, argv.includes("--debug"));
  }
}

async function run(argv: readonly string[], io: CommandIo): Promise<number> {
  const named = COMMANDS.find((command) => command.name === argv[0]);
  // Without a command name, --help and --version are the whole program's, whatever else is given.
  if (named === undefined && argv.includes("--version")) {
    io.stdout(`${packageInfo().version}\n`);
    return EXIT.ok;
  }
  if (named === undefined && (argv.includes("--help") || argv.includes("-h"))) {
    io.stdout(USAGE);
    return EXIT.ok;
  }
  const command = named ?? (COMMANDS[0] as (typeof COMMANDS)[number]);
  return command.run(named === undefined ? argv : argv.slice(1), io);
}
