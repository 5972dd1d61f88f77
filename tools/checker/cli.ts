/**
 * The command line of the boundary checker. {@link runCli} parses
 * arguments, runs the chosen engines and writes one report on standard
 * output; it returns the exit code (0 clean, 1 violations, 2 usage or
 * configuration error) and never exits. The engines are imported only when a
 * check runs.
 */
import { type CliIo, type Command, parseOptions, PROCESS_IO, reportError, usageError } from "./cli-kit.js";
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
  -h, --help         show this text

Exit codes: 0 clean, 1 violations, 2 usage or configuration error.
`;

const COMMAND: Command = { name: "spine-check", usage: USAGE };

/** Runs the checker with command-line arguments; returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo = PROCESS_IO): Promise<number> {
  const values = parseOptions(COMMAND, io, argv, {
    root: { type: "string" },
    format: { type: "string" },
    engine: { type: "string" },
    update: { type: "boolean" },
    "no-cache": { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (typeof values === "number") return values;
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const format = (values.format ?? "human") as FormatName;
  if (!FORMATS.includes(format)) return usageError(COMMAND, io, `unknown --format "${values.format}"; use ${FORMATS.join(", ")}`);
  const engine = (values.engine ?? "ts-morph") as EngineChoice;
  if (!ENGINES.includes(engine)) return usageError(COMMAND, io, `unknown --engine "${values.engine}"; use ${ENGINES.join(", ")}`);
  try {
    const [{ runCheck }, { formatResult }] = await Promise.all([import("./main.js"), import("./report/index.js")]);
    const result = await runCheck({ root: values.root ?? process.cwd(), engine, cache: !values["no-cache"], update: values.update ?? false });
    io.stdout(formatResult(result, format));
    return result.violations.length > 0 ? 1 : 0;
  } catch (error) {
    return reportError(COMMAND, io, error);
  }
}
