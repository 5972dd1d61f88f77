/**
 * The command line of the boundary checker. {@link runCli} parses
 * arguments, runs the chosen engines and writes one report on standard
 * output; it returns the exit code (0 clean, 1 violations, 2 usage,
 * configuration or input error, 3 internal error) and never exits nor
 * throws. The engines are imported only when a check runs.
 */
import { type CliIo, type Command, EXIT, parseOptions, PROCESS_IO, reportError, usageError } from "./cli-kit.js";
import type { EngineChoice } from "./main.js";
import { FORMATS, type FormatName } from "./report/index.js";

/** The engines `--engine` accepts (kept here so that `--help` loads no engine). */
const ENGINES: readonly EngineChoice[] = ["ts-morph", "depcruise", "all"];

/** The usage text. */
export const USAGE = `Usage: spine-check [options]

Checks a repository against its contracts (contracts/**/*.contract.yaml and
contracts/project.yaml).

Options:
  --root DIR         repository to check (default: the current folder)
  --format NAME      human (default), json, github or sarif
  --engine NAME      ts-morph (default), depcruise, or all (both in parallel, one report)
  --update           rewrite each contract's exports and actual_imports from the code, then check
  --no-cache         do not read or write .spine-cache/
  --debug            print the stack trace of an internal error
  -h, --help         show this text

Exit codes: 0 clean, 1 violations, 2 usage, configuration or input error,
3 internal error (a bug of spine-check).
`;

/** The command line, as its messages name it. */
export const COMMAND: Command = { name: "spine-check", usage: USAGE };

/** Runs the checker with command-line arguments; returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo = PROCESS_IO): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    return reportError(COMMAND, io, error, argv.includes("--debug"));
  }
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const values = parseOptions(COMMAND, io, argv, {
    root: { type: "string" },
    format: { type: "string" },
    engine: { type: "string" },
    update: { type: "boolean" },
    "no-cache": { type: "boolean" },
    debug: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (typeof values === "number") return values;
  if (values.help) {
    io.stdout(USAGE);
    return EXIT.ok;
  }
  const format = (values.format ?? "human") as FormatName;
  if (!FORMATS.includes(format)) return usageError(COMMAND, io, `unknown --format "${values.format}"; use ${FORMATS.join(", ")}`);
  const engine = (values.engine ?? "ts-morph") as EngineChoice;
  if (!ENGINES.includes(engine)) return usageError(COMMAND, io, `unknown --engine "${values.engine}"; use ${ENGINES.join(", ")}`);
  const [{ runCheck }, { formatResult }] = await Promise.all([import("./main.js"), import("./report/index.js")]);
  const result = await runCheck({
    root: values.root ?? process.cwd(),
    engine,
    cache: !values["no-cache"],
    update: values.update ?? false,
    debug: values.debug ?? false,
  });
  io.stdout(formatResult(result, format));
  return result.violations.length > 0 ? EXIT.failed : EXIT.ok;
}
