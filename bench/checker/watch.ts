/**
 * The re-checks of `spine-check --watch` on a synthetic repository (a child
 * process, `watch-child.ts`, after the other runs, on their warm cache):
 * after a one-line edit of a leaf file (the file the warm run changes), and
 * after one of `spine/db/index.ts`, which nearly every file imports. Each
 * edit adds a comment, so each re-check must report nothing new or fixed
 * and every planted violation still.
 */
import type { SyntheticRepository } from "./generate.js";
import type { WatchChildOutput } from "./watch-child.js";
import { runMeasured } from "./process-tree.js";

/** The file most of a synthetic repository imports (every driver, service and route). */
export const SHARED_FILE = "spine/db/index.ts";

/** What the watch loop's re-checks measured. */
export type WatchMeasurements = WatchChildOutput;

/**
 * Runs the watch loop on the repository and edits a leaf, then the shared file.
 * @param repository - this repository (where the checker lives).
 */
export async function measureWatch(repository: string, synthetic: SyntheticRepository): Promise<WatchMeasurements> {
  const run = await runMeasured(process.execPath, ["--import", "tsx", "bench/checker/watch-child.ts", synthetic.root, synthetic.touched, SHARED_FILE], repository);
  if (run.exitCode !== 0) throw new Error(`the watch child exited with ${String(run.exitCode)}:\n${run.stderr}`);
  return JSON.parse(run.stdout) as WatchChildOutput;
}
