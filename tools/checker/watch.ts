/**
 * `spine-check --watch`: checks once and prints the report, then checks
 * again whenever a file of the repository changes (sources, contracts,
 * `contracts/project.yaml`, tsconfig files, manifests; `node_modules` and
 * `.git` excepted) and prints only the violations that are new and those
 * that were fixed, with the time the re-check took. Changes that arrive
 * while a check runs make one more check after it. Each check is told the
 * files that changed since the one before (`undefined` for the first, and
 * when the system did not name a changed file), so that it can re-read only
 * those (`watchCheck` of main.ts). Runs until `until` is aborted (the command
 * line: until the process is interrupted).
 */
import { watch } from "node:fs";
import type { CliIo } from "./cli-kit.js";
import type { CheckOptions, IncrementalCheck } from "./main.js";
import { formatChanges } from "./report/changes.js";
import { formatResult } from "./report/index.js";
import { type CheckResult, exitCodeOf } from "./result.js";
import { toPosix } from "./files/posix.js";

/** How long the watcher waits after a change for more changes, before checking (an editor's save writes several times). */
export const SETTLE_MS = 100;

/** True for a changed path (relative to the root) that can change a check's result. */
export function canChangeResult(path: string): boolean {
  return !path.split(/[\\/]/).some((segment) => segment === "node_modules" || segment === ".git");
}

/**
 * Watches the repository at `options.root` and re-checks it on changes.
 * @param check - runs one check (`watchCheck()` of main.ts, or `runCheck`, which ignores what changed).
 * @param onError - told of a check that failed (a configuration error: it prints it, and the watch goes on; it throws a bug).
 * @returns the exit code of the last check that succeeded, once `until` is aborted.
 */
export async function watchRepository(
  options: CheckOptions,
  io: CliIo,
  check: IncrementalCheck,
  onError: (error: unknown) => void,
  until: AbortSignal,
): Promise<number> {
  let previous: CheckResult | undefined;
  // The paths changed since the last check began (repository-relative), or `undefined` when one could not be named.
  let changed: Set<string> | undefined;
  const runOnce = async (): Promise<void> => {
    const paths = changed;
    changed = new Set();
    try {
      const result = await check(options, paths);
      io.stdout(previous === undefined ? formatResult(result, "human") : formatChanges(previous, result));
      previous = result;
    } catch (error) {
      // What changed before a failed check is not known to have been read: the next check reads everything.
      changed = undefined;
      onError(error);
    }
  };
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  const start = (): void => {
    if (running !== undefined) {
      again = true;
      return;
    }
    running = runOnce().then(() => {
      running = undefined;
      if (again && !until.aborted) {
        again = false;
        start();
      }
    });
  };
  // Watching starts before the first check, so that no change made while it reads the tree goes unnoticed.
  const watcher = watch(options.root, { recursive: true }, (_event, filename) => {
    if (filename !== null && !canChangeResult(String(filename))) return;
    if (filename === null) changed = undefined;
    else changed?.add(toPosix(String(filename)));
    clearTimeout(timer);
    timer = setTimeout(start, SETTLE_MS);
  });
  start();
  await running;
  io.stdout(`watching ${options.root} for changes (Ctrl-C stops)\n`);
  await new Promise<void>((resolve) => {
    if (until.aborted) resolve();
    until.addEventListener("abort", () => resolve(), { once: true });
  });
  watcher.close();
  clearTimeout(timer);
  await running;
  return previous === undefined ? 2 : exitCodeOf(previous);
}
