/**
 * Purging: `purgeRuns` deletes the seeded runs that expired two days ago, in
 * batches. Each batch is one autocommitted statement, so the longest batch is
 * the longest time any row lock of the purge is held.
 */
import type { Knex } from "knex";
import { DEFAULT_PURGE_BATCH_SIZE, DEFAULT_TTL_SECONDS, purgeRuns } from "../../spine/drivers/idempotency.js";
import { elapsedMs } from "../lib/timing.js";

/** The age the benchmark purges: the default time to live, so exactly the seeded runs that expired go. */
export const PURGE_AGE_SECONDS = DEFAULT_TTL_SECONDS;

/** The batch size the benchmark purges with: the default. */
export const PURGE_BATCH_SIZE = DEFAULT_PURGE_BATCH_SIZE;

/** What one purge measured. */
export interface PurgeMeasurement {
  /** How many runs `purgeRuns` deleted. */
  readonly deleted: number;
  /** How many batch statements it sent. */
  readonly batches: number;
  /** Wall time of the whole purge, in milliseconds. */
  readonly elapsedMs: number;
  /** Wall time of the slowest batch statement: the longest a row lock was held, in milliseconds. */
  readonly longestBatchMs: number;
}

/** Times every statement `db` sends until `stop()`: knex's `query` and `query-response` events. */
function timeStatements(db: Knex): { readonly durations: number[]; stop(): void } {
  const started = new Map<string, bigint>();
  const durations: number[] = [];
  const onQuery = (query: { __knexQueryUid?: string }): void => {
    if (query.__knexQueryUid !== undefined) started.set(query.__knexQueryUid, process.hrtime.bigint());
  };
  const onResponse = (_response: unknown, query: { __knexQueryUid?: string }): void => {
    const start = query.__knexQueryUid === undefined ? undefined : started.get(query.__knexQueryUid);
    if (start !== undefined) durations.push(elapsedMs(start));
  };
  db.on("query", onQuery).on("query-response", onResponse);
  return {
    durations,
    stop: () => {
      db.removeListener("query", onQuery).removeListener("query-response", onResponse);
    },
  };
}

/**
 * Runs `purgeRuns` with {@link PURGE_AGE_SECONDS} and {@link PURGE_BATCH_SIZE} and times it and each batch.
 * @param db - a knex instance on the seeded database (no transaction: each batch commits on its own).
 */
export async function measurePurge(db: Knex): Promise<PurgeMeasurement> {
  const statements = timeStatements(db);
  const start = process.hrtime.bigint();
  try {
    const deleted = await purgeRuns(db, { olderThanSeconds: PURGE_AGE_SECONDS, batchSize: PURGE_BATCH_SIZE });
    return { deleted, batches: statements.durations.length, elapsedMs: elapsedMs(start), longestBatchMs: Math.max(0, ...statements.durations) };
  } finally {
    statements.stop();
  }
}
