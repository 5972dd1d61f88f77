/**
 * Timing work and running it with bounded concurrency.
 */

/** Milliseconds elapsed since `start`, a value of `process.hrtime.bigint()`. */
export function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * Runs `work` once and returns how long it took, in milliseconds.
 * @param work - the asynchronous work to time.
 */
export async function timeMs(work: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return elapsedMs(start);
}

/**
 * Calls `task(0)` to `task(count - 1)` with at most `concurrency` calls in
 * flight, and returns the wall time of the whole batch in milliseconds.
 * After a failure no new call starts; the first failure rejects the batch
 * once the calls in flight have settled.
 * @param count - how many calls to make.
 * @param concurrency - how many calls may run at once.
 * @param task - the work, given the call's index.
 */
export async function runConcurrently(count: number, concurrency: number, task: (index: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  let stopped = false;
  const worker = async (): Promise<void> => {
    while (next < count && !stopped) {
      const index = next++;
      try {
        await task(index);
      } catch (error) {
        stopped = true;
        throw error;
      }
    }
  };
  const start = process.hrtime.bigint();
  const outcomes = await Promise.allSettled(Array.from({ length: Math.min(concurrency, count) }, worker));
  const failed = outcomes.find((outcome) => outcome.status === "rejected");
  if (failed !== undefined) throw failed.reason;
  return elapsedMs(start);
}
