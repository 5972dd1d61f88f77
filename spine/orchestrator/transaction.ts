/**
 * Running work in a transaction the orchestrator owns, with every failure
 * typed: acquiring a connection, BEGIN, the work, and COMMIT.
 */
import type { Knex } from "knex";
import { classifyDatabaseFailure } from "../db/index.js";
import { IdempotencyCommitUnknownError, IdempotencyError, toIdempotencyError } from "../drivers/idempotency.js";

/** Options of {@link withTransaction}. */
export interface WithTransactionOptions {
  /** Isolation level of the transaction (default: the server's, usually read committed). */
  readonly isolationLevel?: Knex.IsolationLevels;
}

/**
 * Runs `work` in a transaction of its own: BEGIN, `work(trx)`, then COMMIT
 * when it resolves, or ROLLBACK when it throws. Use it to drive the claim
 * yourself (`withTransaction(db, (trx) => claimRun(trx, …))`) with the same
 * typed errors as {@link submitRun}.
 * @param db - the knex instance the transaction is opened on.
 * @param work - what runs inside; its errors are rethrown, an {@link IdempotencyError} as is.
 * @param options - the isolation level.
 * @returns what `work` returned, once COMMIT succeeded.
 * @throws {IdempotencyError} thrown by `work`.
 * @throws {IdempotencyCommitUnknownError} (503, retryable) when COMMIT got no answer
 *   (the connection broke or the query timeout passed): the work may or may not be committed.
 * @throws {IdempotencyStoreError} (503 or 500) or {@link IdempotencyRetryableError} (503) for
 *   every other database failure, BEGIN's and COMMIT's included.
 */
export async function withTransaction<T>(db: Knex, work: (trx: Knex.Transaction) => Promise<T>, options: WithTransactionOptions = {}): Promise<T> {
  const config = options.isolationLevel === undefined ? undefined : { isolationLevel: options.isolationLevel };
  let workDone = false;
  try {
    // knex's handler form: a failed COMMIT rejects (the bare trx.commit() resolves even when COMMIT fails).
    return await db.transaction(async (trx) => {
      const result = await work(trx);
      workDone = true;
      return result;
    }, config);
  } catch (error) {
    if (error instanceof IdempotencyError) throw error;
    if (workDone && commitOutcomeUnknown(error)) throw new IdempotencyCommitUnknownError(error);
    throw toIdempotencyError(error);
  }
}

/**
 * Whether a failure of COMMIT leaves its outcome unknown: no answer came (a
 * failure of the client or the network, or a connection the server closed),
 * where an error the server answered with (a serialization failure, a
 * deferred constraint) means nothing was committed.
 */
function commitOutcomeUnknown(error: unknown): boolean {
  const failure = classifyDatabaseFailure(error);
  return failure.sqlState === null || failure.evict !== "none";
}
