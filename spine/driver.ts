/**
 * `spine-runtime/driver`: the idempotency driver of the original, with its
 * names and behaviour (`getExistingRun`, `checkIdempotency`,
 * `shouldReturnCached`, `IdempotencyResult`), the atomic claim and the
 * worker's half (`claimRun`, `renewLease`, `completeRun`, `releaseRun`,
 * `purgeRuns`), and the orchestrator's steps built on them (`submitRun`,
 * `withTransaction`, `keepLease`), for a caller who owns its transactions.
 * Every function takes the knex instance or transaction it runs on.
 * @packageDocumentation
 */
export {
  checkIdempotency,
  claimRun,
  type ClaimOptions,
  type ClaimRequest,
  type ClaimResult,
  DEFAULT_PURGE_BATCH_SIZE,
  DEFAULT_TTL_SECONDS,
  getExistingRun,
  IdempotencyResult,
  MAX_KEY_LENGTH,
  MAX_LEASE_SECONDS,
  MAX_PURGE_BATCH_SIZE,
  MAX_TTL_SECONDS,
  purgeRuns,
  type PurgeOptions,
  type Queryable,
  renewLease,
  shouldReturnCached,
} from "./drivers/idempotency.js";
export {
  completeRun,
  DEFAULT_MAX_RESPONSE_BYTES,
  getStoredResponse,
  MAX_RESPONSE_BYTES_LIMIT,
  releaseRun,
  REPLAYED_HEADERS,
} from "./drivers/completion.js";
export { requestFingerprint } from "./orchestrator/fingerprint.js";
export { keepLease, type KeepLeaseOptions } from "./orchestrator/keep-lease.js";
export { submitRun } from "./orchestrator/submit-run.js";
export { withTransaction, type WithTransactionOptions } from "./orchestrator/transaction.js";
