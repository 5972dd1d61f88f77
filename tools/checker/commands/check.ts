/**
 * `spine-check [check]`: checks a repository against its contracts and
 * layer rules and prints one report; the default command.
 */
import { resolve } from "node:path";
import { CACHE_DIR } from "../cache/store.js";
import { optionLines, type OptionSpecs, parseOptions, reportError, usageError } from "../cli-kit.js";
import { CONFIGURATION_SAVED_LINE, ENGINE_REPORT_OPTION, PROGRESS_PREFIX, PROGRESS_VARIABLE, SHARE_CONFIGURATION_OPTION } from "../child-protocol.js";
import type { EngineChoice } from "../main.js";
import type { ProgressListener } from "../progress/events.js";
import { ttyProgress } from "../progress/tty.js";
import { FORMATS, type FormatName } from "../report/index.js";
import { exitCodeOf } from "../result.js";
import { DEFAULT_BASELINE, PROJECT_FILE } from "../contracts/paths.js";
import { type CommandIo, type CommandSpec, ROOT_DEFAULT, repositoryRoot, workingFolder } from "./command.js";

/** The engines `--engine` accepts (kept here so that `--help` loads no engine). */
const ENGINES: readonly EngineChoice[] = ["ts-morph", "depcruise", "all"];

/** The options of the check: what it parses, its usage text and docs/cli.md. */
export const CHECK_OPTION_SPECS = {
  root: { type: "string", value: "DIR", description: "the repository to check", defaultText: ROOT_DEFAULT },
  format: { type: "string", value: "NAME", description: `the report's format: ${FORMATS.join(", ")}`, defaultText: "human" },
  engine: { type: "string", value: "NAME", description: "ts-morph, depcruise, or all (both in parallel, one report)", defaultText: "ts-morph" },
  update: { type: "boolean", description: "rewrite each contract's exports and actual_imports from the code, then check" },
  baseline: {
    type: "string",
    value: "FILE",
    description: "the baseline of known violations",
    defaultText: `baseline: in ${PROJECT_FILE}, else ${DEFAULT_BASELINE}`,
  },
  "update-baseline": { type: "boolean", description: "write the baseline from this run's violations, then report them as known" },
  quiet: { type: "boolean", description: "show only the violations that fail the run" },
  watch: {
    type: "boolean",
    description: "check, then check again on every change to the repository's files, printing only new and fixed violations (human format)",
  },
  "cache-dir": { type: "string", value: "DIR", description: "where the cache is kept", defaultText: `${CACHE_DIR}/ of the repository` },
  "no-cache": { type: "boolean", description: "do not read or write the cache" },
  debug: { type: "boolean", description: "print the stack trace of an internal error" },
  [ENGINE_REPORT_OPTION.slice(2)]: { type: "boolean", description: "print one engine's report as JSON, for the parent of --engine all", hidden: true },
  [SHARE_CONFIGURATION_OPTION.slice(2)]: { type: "boolean", description: "save the loaded configuration to the cache at once, and say so", hidden: true },
  help: { type: "boolean", short: "h", description: "show this text" },
} as const satisfies OptionSpecs;

/** The options of the check, as the usage texts list them. */
export const CHECK_OPTIONS = `Options:
${optionLines(CHECK_OPTION_SPECS)}`;

/** The exit codes, as the usage texts list them. */
export const EXIT_CODES = `Exit codes: 0 clean, 1 violations, 2 usage, configuration or input error,
3 internal error (a bug of spine-check).`;

/** The usage text of the check. */
export const CHECK_USAGE = `Usage: spine-check [check] [options]

Checks a repository against its contracts (contracts/**/*.contract.yaml) and
the layer rules of contracts/project.yaml.

${CHECK_OPTIONS}

${EXIT_CODES}
`;

/** The progress listener of a run: a terminal display, a child's progress lines, or none. */
function progressOf(io: CommandIo, quiet: boolean, engineReport: boolean): { listener?: ProgressListener; done(): void } {
  if (engineReport && process.env[PROGRESS_VARIABLE] === "1") {
    return { listener: (event) => io.stderr(`${PROGRESS_PREFIX}${JSON.stringify(event)}\n`), done: () => undefined };
  }
  if (quiet || io.progress?.tty !== true || engineReport) return { done: () => undefined };
  const display = ttyProgress(io.stderr, io.progress);
  return { listener: display.listener, done: () => display.done() };
}

/** The check command. */
export const checkCommand: CommandSpec = {
  name: "check",
  summary: "check the repository (the default command)",
  synopsis: "spine-check [check] [options]",
  options: CHECK_OPTION_SPECS,
  usage: CHECK_USAGE,
  async run(argv, io) {
    const command = { name: "spine-check", usage: CHECK_USAGE };
    const values = parseOptions(command, io, argv, CHECK_OPTION_SPECS);
    if (typeof values === "number") return values;
    if (values.help) {
      io.stdout(CHECK_USAGE);
      return 0;
    }
    const format = (values.format ?? "human") as FormatName;
    if (!FORMATS.includes(format)) return usageError(command, io, `unknown --format "${values.format}"; use ${FORMATS.join(", ")}`);
    const engine = (values.engine ?? "ts-morph") as EngineChoice;
    if (!ENGINES.includes(engine)) return usageError(command, io, `unknown --engine "${values.engine}"; use ${ENGINES.join(", ")}`);
    const engineReport = values[ENGINE_REPORT_OPTION.slice(2)] === true;
    const share = values[SHARE_CONFIGURATION_OPTION.slice(2)] === true;
    if (share && !engineReport) return usageError(command, io, `${SHARE_CONFIGURATION_OPTION} needs ${ENGINE_REPORT_OPTION}`);
    const quiet = values.quiet === true;
    const progress = progressOf(io, quiet, engineReport);
    try {
      const root = repositoryRoot(values.root, io);
      const cwd = workingFolder(io);
      const options = {
        root,
        engine,
        cache: !values["no-cache"],
        update: values.update ?? false,
        quiet,
        debug: values.debug ?? false,
        ...(values["cache-dir"] === undefined ? {} : { cacheDir: resolve(cwd, values["cache-dir"]) }),
        ...(values.baseline === undefined ? {} : { baseline: resolve(cwd, values.baseline) }),
        ...(values["update-baseline"] === true ? { updateBaseline: true } : {}),
        ...(progress.listener === undefined ? {} : { onProgress: progress.listener }),
        ...(share ? { onConfigurationSaved: () => io.stderr(`${CONFIGURATION_SAVED_LINE}\n`) } : {}),
      };
      const main = await import("../main.js");
      if (values.watch === true) {
        if (format !== "human" || values.update === true || values["update-baseline"] === true || engineReport) {
          return usageError(command, io, "--watch prints the human format, and takes no --format, --update or --update-baseline");
        }
        progress.done();
        const { watchRepository } = await import("../watch.js");
        const stop = new AbortController();
        process.once("SIGINT", () => stop.abort());
        return await watchRepository({ ...options, quiet }, io, main.watchCheck(), (error) => reportError(command, io, error), stop.signal);
      }
      if (engineReport) {
        if (engine === "all") return usageError(command, io, `${ENGINE_REPORT_OPTION} needs one engine`);
        io.stdout(JSON.stringify(await main.runEngineReport({ ...options, engine })));
        return 0;
      }
      const [result, { formatResult }] = await Promise.all([main.runCheck(options), import("../report/index.js")]);
      progress.done();
      io.stdout(formatResult(result, format));
      return exitCodeOf(result);
    } catch (error) {
      progress.done();
      return reportError(command, io, error, values.debug === true);
    }
  },
};
