/**
 * `npm run fuzz`: mutates the base fixture for a configurable time and runs
 * spine-check and spine-docs on every mutant (in a worker process, with a
 * watchdog for hangs, restarted when it dies; every Nth case through the
 * real bin), then prints the inputs tried, the rate and the failures found, each
 * with the seed and index that draw it again.
 *
 *     npm run fuzz                               # 60 seconds
 *     npm run fuzz -- --duration 10m --seed 7    # or --seconds 600, or FUZZ_SECONDS=600
 *     npm run fuzz -- --seed 7 --from 41 --runs 1   # case 41 of seed 7 again
 *
 * Options: `--duration D` (`90`, `90s`, `10m` or `1h`) or `--seconds N`
 * (default 60, or `FUZZ_SECONDS`), `--seed N`
 * (default: the clock), `--from N` (first case index, default 0), `--runs N`
 * (stop after N cases), `--subprocess-every N` (default 20; 0 never),
 * `--bound-ms N` (the time one run may take, default 30000). Exit code 1
 * when a failure was found.
 */
import { type ChildProcess, fork } from "node:child_process";
import { parseArgs } from "node:util";
import { describeCase, drawCase } from "./run-case.js";
import type { CaseReport, CaseRequest } from "./worker.js";

/** The fuzzer's options. */
interface FuzzOptions {
  readonly seconds: number;
  readonly seed: number;
  readonly from: number;
  readonly runs: number;
  readonly subprocessEvery: number;
  readonly boundMs: number;
}

function integer(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`--${name} must be a non-negative integer, got ${JSON.stringify(text)}`);
  return value;
}

/** Seconds in a duration: `90`, `90s`, `10m`, `1h`. */
function duration(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d+)(s|m|h)?$/.exec(text.trim());
  if (match === null) throw new RangeError(`--duration must be a number of seconds, or end in s, m or h: got ${JSON.stringify(text)}`);
  return Number(match[1]) * { s: 1, m: 60, h: 3600 }[(match[2] ?? "s") as "s" | "m" | "h"];
}

function parseFuzzOptions(argv: readonly string[]): FuzzOptions {
  const names = ["duration", "seconds", "seed", "from", "runs", "subprocess-every", "bound-ms"] as const;
  const { values } = parseArgs({ args: [...argv], options: Object.fromEntries(names.map((name) => [name, { type: "string" as const }])), strict: true });
  const text = (name: (typeof names)[number]): string | undefined => values[name] as string | undefined;
  return {
    seconds: duration(text("duration")) ?? integer("seconds", text("seconds") ?? process.env["FUZZ_SECONDS"], 60),
    seed: integer("seed", text("seed"), Date.now() % 1_000_000_007),
    from: integer("from", text("from"), 0),
    runs: integer("runs", text("runs"), Number.MAX_SAFE_INTEGER),
    subprocessEvery: integer("subprocess-every", text("subprocess-every"), 20),
    boundMs: integer("bound-ms", text("bound-ms"), 30_000),
  };
}

/** One failure found. */
interface Found {
  readonly index: number;
  readonly description: string;
  readonly failure: string;
}

/** Starts a worker process. */
function startWorker(options: FuzzOptions): ChildProcess {
  return fork(new URL("./worker.ts", import.meta.url), [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, FUZZ_SEED: String(options.seed), FUZZ_SCALE: "full", FUZZ_BOUND_MS: String(options.boundMs) },
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
}

/** Asks the worker for one case; a worker that hangs is killed, and one that dies is replaced. */
function runCase(state: { worker: ChildProcess }, options: FuzzOptions, request: CaseRequest): Promise<string | undefined> {
  return new Promise((done) => {
    const worker = state.worker;
    let stderr = "";
    const onData = (chunk: Buffer): void => void (stderr = `${stderr}${chunk.toString()}`.slice(-2000));
    const finish = (failure: string | undefined, restart: boolean): void => {
      clearTimeout(watchdog);
      worker.off("message", onMessage);
      worker.off("exit", onExit);
      worker.stderr?.off("data", onData);
      if (restart) {
        worker.kill("SIGKILL");
        state.worker = startWorker(options);
      }
      done(failure);
    };
    const onMessage = (report: CaseReport): void => finish(report.failure, false);
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void =>
      finish(`the worker process died (exit code ${String(code)}, signal ${String(signal)}): ${stderr.trim().split("\n").slice(-3).join(" / ")}`, true);
    const watchdog = setTimeout(() => finish(`hung: no answer after ${options.boundMs * 3} ms`, true), options.boundMs * 3);
    worker.on("message", onMessage);
    worker.on("exit", onExit);
    worker.stderr?.on("data", onData);
    worker.send(request);
  });
}

/** Runs the cases of `options`, one at a time, until the time or the number of runs is up. */
async function fuzz(options: FuzzOptions): Promise<{ tried: number; throughBin: number; found: Found[]; seconds: number }> {
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const found: Found[] = [];
  let tried = 0;
  let throughBin = 0;
  const state = { worker: startWorker(options) };
  for (let index = options.from; performance.now() < deadline && tried < options.runs; index++) {
    const request: CaseRequest = { index, subprocess: options.subprocessEvery > 0 && index % options.subprocessEvery === options.subprocessEvery - 1 };
    const failure = await runCase(state, options, request);
    tried++;
    if (request.subprocess) throughBin++;
    if (failure !== undefined) {
      const description = `${describeCase(drawCase(options.seed, "full", index))}${request.subprocess ? " (through the bin)" : ""}`;
      found.push({ index, description, failure });
      process.stdout.write(`FAIL case ${index} (npm run fuzz -- --seed ${options.seed} --from ${index} --runs 1)\n  ${failure.split("\n").join("\n  ")}\n  case: ${description}\n`);
    }
  }
  state.worker.kill("SIGKILL");
  return { tried, throughBin, found, seconds: (performance.now() - started) / 1000 };
}

const options = parseFuzzOptions(process.argv.slice(2));
process.stdout.write(`fuzz: seed ${options.seed}, up to ${options.seconds} s, bound ${options.boundMs} ms per run\n`);
const outcome = await fuzz(options);
const distinct = new Set(outcome.found.map((f) => f.failure.split("\n")[0]?.replace(/\d+/g, "N")));
const failures = outcome.found.length === 0 ? "no failures" : `${outcome.found.length} failures (${distinct.size} distinct)`;
process.stdout.write(
  `fuzz: ${outcome.tried} inputs tried in ${outcome.seconds.toFixed(1)} s (${(outcome.tried / outcome.seconds).toFixed(1)} per second), ${outcome.throughBin} through the bin; ${failures}\n`,
);
process.exitCode = outcome.found.length > 0 ? 1 : 0;
