/**
 * spine-runtime: idempotency keys for orchestrator code on PostgreSQL. This
 * entry is what an application uses: the database (`createDb`, `migrate`),
 * the facade (`createIdempotency`), the request handling any framework can
 * call (`handleRequest`, `beginRequest`), the typed errors and the types.
 * The HTTP adapters are `spine-runtime/express` and `spine-runtime/fastify`;
 * the seed-faithful driver and its building blocks are `spine-runtime/driver`.
 * @packageDocumentation
 */
export { createDb, DEFAULT_DB_OPTIONS, type CreateDbOptions } from "./db/connection.js";
export { migrate, MigrationError, type MigrateOptions } from "./db/migrate.js";
export { type RunsLayout } from "./db/layout.js";
export { RUN_STATUSES, type Run, type RunStatus } from "./db/run.js";
export {
  IdempotencyCommitUnknownError,
  IdempotencyError,
  type IdempotencyErrorCode,
  IdempotencyKeyInvalidError,
  IdempotencyKeyMissingError,
  IdempotencyKeyReuseError,
  IdempotencyOptionsInvalidError,
  IdempotencyResponseTooLargeError,
  IdempotencyRetryableError,
  IdempotencyRunNotFoundError,
  IdempotencyRunNotInProgressError,
  IdempotencySchemaOutdatedError,
  IdempotencyScopeInvalidError,
  IdempotencyStoreError,
} from "./drivers/idempotency.js";
export { type CompleteRunOptions, type ResponseInput, type RunOutcome, type StoredResponse } from "./drivers/completion.js";
export { createIdempotency, type Idempotency, type IdempotencyConfig, type KeyConfig } from "./orchestrator/create-idempotency.js";
export {
  beginRequest,
  type BegunRequest,
  type Execution,
  handleRequest,
  type HandleDecision,
  type HandledResponse,
  type HandlerContext,
  type HandleRequestOptions,
  IdempotencyRequestInProgressError,
  type IdempotentRequest,
  problemResponse,
  REPLAYED_HEADER,
  RUN_ID_HEADER,
} from "./orchestrator/handle-request.js";
export { IdempotencyLeaseLostError } from "./orchestrator/keep-lease.js";
export { PayloadInvalidError } from "./orchestrator/fingerprint.js";
export { type IdempotencyKeyFormat, parseIdempotencyKeyHeader, type ParseKeyOptions } from "./orchestrator/idempotency-key-header.js";
export { type SubmitDecision, type SubmitRunLogEvent, type SubmitRunOptions, type SubmitRunRequest, type SubmitRunResult } from "./orchestrator/submit-run.js";
