/**
 * `spine-check [check]`: checks a repository against its contracts and
 * layer rules and prints one report; the default command.
 */
import { resolve } from "node:path";
import { parseOptions, reportError, usageError } from "../cli-kit.js";
import { CONFIGURATION_SAVED_LINE, ENGINE_REPORT_OPTION, PROGRESS_PREFIX, PROGRESS_VARIABLE, SHARE_CONFIGURATION_OPTION } from "../child-protocol.js";
import type { EngineChoice } from "../main.js";
import type { ProgressListener } from "../progress/events.js";
import { ttyProgress } from "../progress/tty.js";
import { FORMATS, type FormatName } from "../report/index.js";
import { exitCodeOf } from "../result.js";
import { type CommandIo, type CommandSpec, repositoryRoot, workingFolder } from "./command.js";

/** The engines `--engine` accepts (kept here so that `--help` loads no engine). */
const ENGINES: readonly EngineChoice[] = ["ts-morph", "depcruise", "all"];

/** The options of the check, as the usage texts list them. */
export const CHECK_OPTIONS = `Options:
  --root DIR          repository to check (default: the nearest folder, from the
                      current one upward, that holds contracts/project.yaml)
  --format NAME       human (default), json, github or sarif
  --engine NAME       ts-morph (default), depcruise, or all (both in parallel, one report)
  --update            rewrite each contract's exports and actual_imports from the code, then check
  --baseline FILE     the baseline of known violations (default: baseline: in
                      contracts/project.yaml, else contracts/baseline.yaml)
  --update-baseline   write the baseline from this run's violations, then report them as known
  --quiet             show only the violations that fail the run
  --watch             check, then check again on every change to the repository's
                      files, printing only new and fixed violations (human format)
  --cache-dir DIR     where the cache is kept (default: node_modules/.cache/spine-check/)
  --no-cache          do not read or write the cache
  --debug             print the stack trace of an internal error
  -h, --help          show this text`;

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
  usage: CHECK_USAGE,
  async run(argv, io) {
    const command = { name: "spine-check", usage: CHECK_USAGE };
    const values = parseOptions(command, io, argv, {
      root: { type: "string" },
      format: { type: "string" },
      engine: { type: "string" },
      update: { type: "boolean" },
      baseline: { type: "string" },
      "update-baseline": { type: "boolean" },
      quiet: { type: "boolean" },
      watch: { type: "boolean" },
      "cache-dir": { type: "string" },
      "no-cache": { type: "boolean" },
      debug: { type: "boolean" },
      [ENGINE_REPORT_OPTION.slice(2)]: { type: "boolean" },
      [SHARE_CONFIGURATION_OPTION.slice(2)]: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    });
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
