/**
 * The command line of the boundary checker. {@link runCli} parses arguments,
 * runs the chosen engines and writes the report; it returns the exit code
 * (0 clean, 1 violations, 2 usage or configuration error) and never exits.
 * Each engine is imported only when it runs: loading dependency-cruiser or
 * ts-morph takes seconds, and a run needs at most one of them per process.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { CheckerConfigError, CheckerError } from "./errors.js";
import { FORMATS, type FormatName } from "./report/index.js";

/** Where the CLI writes. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const ENGINES = ["ts-morph", "depcruise", "all"] as const;
type Engine = (typeof ENGINES)[number];

/** The usage text. */
export const USAGE = `Usage: spine-check [options]

Checks a repository against its contracts (contracts/**/*.contract.yaml and
contracts/project.yaml).

Options:
  --root DIR         repository to check (default: the current folder)
  --format NAME      human (default), json, github or sarif
  --engine NAME      ts-morph (default), depcruise, or all (both in parallel)
  --update           rewrite each contract's exports section from the code
  --no-cache         do not read or write .spine-cache/
  -h, --help         show this text

Exit codes: 0 clean, 1 violations, 2 usage or configuration error.
`;

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

function usageError(io: CliIo, message: string): number {
  io.stderr(`spine-check: ${message}\n\n${USAGE}`);
  return 2;
}

/**
 * The script that starts the command line, beside this module: `bin.ts`
 * (sources), `bin.js` (compiled) or `bin.mjs` (the bundle `launch.mjs`
 * builds).
 */
function binPath(): string {
  const url = import.meta.url;
  const extension = /\.(ts|mjs)$/.exec(url)?.[0] ?? ".js";
  return fileURLToPath(new URL(`./bin${extension}`, url));
}

/**
 * Runs one engine in a child process, forwarding its output once it exits;
 * resolves to its exit code.
 */
function spawnEngine(engine: Engine, args: readonly string[], io: CliIo): Promise<number> {
  const self = binPath();
  return new Promise((done) => {
    const child = spawn(process.execPath, [...process.execArgv, self, ...args, "--engine", engine], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", (error) => {
      io.stderr(`spine-check: cannot start the ${engine} engine: ${error.message}\n`);
      done(2);
    });
    child.on("close", (code) => {
      io.stdout(Buffer.concat(out).toString());
      io.stderr(Buffer.concat(err).toString());
      done(code ?? 2);
    });
  });
}

/** Runs the checker with command-line arguments; returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  let values: { root?: string; format?: string; engine?: string; update?: boolean; "no-cache"?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        root: { type: "string" },
        format: { type: "string" },
        engine: { type: "string" },
        update: { type: "boolean" },
        "no-cache": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return usageError(io, (error as Error).message);
  }
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const format = (values.format ?? "human") as FormatName;
  if (!FORMATS.includes(format)) return usageError(io, `unknown --format "${values.format}"; use ${FORMATS.join(", ")}`);
  const engine = (values.engine ?? "ts-morph") as Engine;
  if (!ENGINES.includes(engine)) return usageError(io, `unknown --engine "${values.engine}"; use ${ENGINES.join(", ")}`);
  const root = values.root ?? process.cwd();

  if (engine === "all") {
    // The ts-morph engine runs in a child process while dependency-cruiser,
    // the slower one, runs in this process: one process start fewer.
    const forwarded = argv.filter((arg, i) => arg !== "--engine" && argv[i - 1] !== "--engine" && !arg.startsWith("--engine="));
    const tsMorph = spawnEngine("ts-morph", forwarded, io);
    const depcruise = await runEngine("depcruise", { root, format, update: false, cache: true }, io);
    return Math.max(depcruise, await tsMorph);
  }
  return runEngine(engine, { root, format, update: values.update ?? false, cache: !values["no-cache"] }, io);
}

/** What {@link runEngine} needs besides the engine. */
interface EngineOptions {
  readonly root: string;
  readonly format: FormatName;
  readonly update: boolean;
  readonly cache: boolean;
}

/** Runs one engine in this process and writes its report; returns the exit code. */
async function runEngine(engine: Exclude<Engine, "all">, options: EngineOptions, io: CliIo): Promise<number> {
  try {
    if (engine === "depcruise") {
      const { runDepcruise } = await import("./depcruise/run.js");
      const outcome = await runDepcruise(options.root);
      io.stderr(outcome.errors > 0 ? outcome.report : `dependency-cruiser ok: ${outcome.modules} modules cruised\n`);
      return outcome.exitCode;
    }
    const [{ runCheck }, { formatResult }] = await Promise.all([import("./main.js"), import("./report/index.js")]);
    const result = runCheck({ root: options.root, update: options.update, cache: options.cache });
    io.stdout(formatResult(result, options.format));
    return result.violations.length > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof CheckerConfigError) {
      io.stderr(`spine-check: configuration error\n${error.message}\n`);
      return 2;
    }
    if (error instanceof CheckerError) {
      io.stderr(`spine-check: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
