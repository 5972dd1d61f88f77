/**
 * The orchestrator: the driver's consumer, which owns the transactions. A
 * barrel for this repository's tests and benchmarks; the package's entries
 * are `spine/index.ts` and `spine/driver.ts`.
 * @packageDocumentation
 */
export { submitRun, type SubmitDecision, type SubmitRunLogEvent, type SubmitRunOptions, type SubmitRunRequest, type SubmitRunResult } from "./submit-run.js";
export { canonicalJson, MAX_PAYLOAD_DEPTH, requestFingerprint, PayloadInvalidError } from "./fingerprint.js";
export { parseIdempotencyKeyHeader, type IdempotencyKeyFormat, type ParseKeyOptions } from "./idempotency-key-header.js";
export { redactKey } from "./redact.js";
export { withTransaction, type WithTransactionOptions } from "./transaction.js";
