/**
 * Keeping a run's lease while a worker's function runs: the lease is renewed
 * every third of its length until the function settles, and the function is
 * told (its `AbortSignal` aborts) as soon as the run is no longer its own.
 */
import { IdempotencyError, renewLease } from "../drivers/idempotency.js";
import type { Queryable } from "../drivers/idempotency.js";

/**
 * The run was taken from the worker while it worked: it finished through
 * another path, or its lease ended (renewals failed for a whole lease) and a
 * claim took its key over. The worker must not complete it. HTTP 409.
 */
export class IdempotencyLeaseLostError extends IdempotencyError {
  /** The run. */
  readonly runId: string;

  constructor(runId: string, reason: string, cause?: unknown) {
    super(`the lease of run ${runId} was lost: ${reason}`, { code: "idempotency_lease_lost", status: 409, cause });
    this.runId = runId;
  }
}

/** Options of {@link keepLease}. */
export interface KeepLeaseOptions {
  /** The lease each renewal sets, in seconds (more than 0); renewed every third of it. */
  readonly leaseSeconds: number;
}

/**
 * Runs `work` while keeping the lease of run `runId`: every third of
 * `leaseSeconds` it renews the lease (`renewLease`, on `db`, outside any
 * transaction of the work). When a renewal finds the run finished or taken
 * over, or renewals have failed for a whole lease, the signal given to
 * `work` aborts; once `work` settles, `keepLease` then throws
 * {@link IdempotencyLeaseLostError} instead of returning, so the worker does
 * not complete a run that is no longer its own.
 * @param db - the knex instance the renewals run on.
 * @param runId - the run.
 * @param options - the lease's length.
 * @param work - the worker's function; its signal aborts when the lease is lost.
 * @returns what `work` returned.
 * @throws {IdempotencyOptionsInvalidError} before `work` starts, for an invalid run id or lease.
 * @throws {IdempotencyLeaseLostError} when the lease was lost while `work` ran.
 */
export async function keepLease<T>(db: Queryable, runId: string, options: KeepLeaseOptions, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  // Validates the id and the lease, and renews once, before the work starts.
  const held = await renewLease(db, runId, options.leaseSeconds);
  if (!held) throw new IdempotencyLeaseLostError(runId, "the run is finished, superseded or unknown");
  const keeper = startLeaseKeeper(db, runId, options);
  try {
    const result = await work(keeper.signal);
    const lost = keeper.stop();
    if (lost !== undefined) throw lost;
    return result;
  } catch (error) {
    // The work's own error, when the lease was lost, is most likely the abort: the lost lease is the news.
    throw keeper.stop() ?? error;
  }
}

/** A lease being kept: see {@link startLeaseKeeper}. */
export interface LeaseKeeper {
  /** Aborts, with the {@link IdempotencyLeaseLostError}, when the run stops being the worker's. */
  readonly signal: AbortSignal;
  /** Stops renewing; returns the error when the lease was lost meanwhile. Safe to call twice. */
  stop(): IdempotencyLeaseLostError | undefined;
}

/**
 * Renews the lease of a run the caller holds (it was just claimed or
 * renewed) every third of `leaseSeconds` until `stop()`: the building block
 * of {@link keepLease}, for a caller whose work does not fit in one function
 * (an HTTP adapter, whose handler runs between two hooks).
 * @param db - the knex instance the renewals run on.
 * @param runId - the run, already checked.
 * @param options - the lease's length, already checked.
 */
export function startLeaseKeeper(db: Queryable, runId: string, options: KeepLeaseOptions): LeaseKeeper {
  const leaseMillis = options.leaseSeconds * 1000;
  const controller = new AbortController();
  let lost: IdempotencyLeaseLostError | undefined;
  let lastRenewal = Date.now();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const lose = (reason: string, cause?: unknown): void => {
    lost = new IdempotencyLeaseLostError(runId, reason, cause);
    controller.abort(lost);
  };
  const renew = async (): Promise<void> => {
    try {
      if (await renewLease(db, runId, options.leaseSeconds)) lastRenewal = Date.now();
      else if (!stopped) return lose("the run finished through another path, or a claim took its key over");
    } catch (error) {
      if (!stopped && Date.now() - lastRenewal >= leaseMillis) return lose("its renewals failed for a whole lease", error);
    }
    if (!stopped) schedule();
  };
  const schedule = (): void => {
    timer = setTimeout(() => void renew(), Math.max(1, Math.floor(leaseMillis / 3)));
  };
  schedule();
  return {
    signal: controller.signal,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
      return lost;
    },
  };
}
