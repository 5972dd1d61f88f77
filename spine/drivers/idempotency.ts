/**
 * The idempotency driver: finds the run an idempotency key already started,
 * says whether it expired and whether to return it instead of working again,
 * claims a key for a new run without a race, keeps the lease of a running
 * run, and purges old runs.
 *
 * Every function runs on the executor it is given (a knex instance or a
 * transaction the caller owns). The driver never starts, commits or rolls back
 * a transaction.
 *
 * Port of the original Python driver `hoc_spine/drivers/idempotency.py`
 * (`get_existing_run`, `check_idempotency`, `should_return_cached`,
 * `IdempotencyResult`), with its defects fixed: lookups are scoped exactly by
 * tenant and agent, a unique index decides claims, and the newest run wins.
 * @packageDocumentation
 */
import type { Knex } from "knex";
import {
  classifyDatabaseFailure,
  describeDatabaseFailure,
  IN_PROGRESS_STATUSES,
  type DatabaseFailure,
  type FailureKind,
  type Run,
  type RunStatus,
} from "../db/index.js";
import { bindingsOf, statement, type Statement } from "../db/statement.js";

/** Anything the driver can send queries through: a knex instance or a caller's transaction. */
export type Queryable = Knex | Knex.Transaction;

/** The time to live of a key when neither the options nor `IDEMPOTENCY_TTL_SECONDS` set one: one day. */
export const DEFAULT_TTL_SECONDS = 86_400;

/**
 * The longest time to live, and the oldest age `purgeRuns` accepts: 100 years
 * of 365 days. Beyond some thousands of years `now() - ttl` leaves
 * PostgreSQL's timestamp range and every query would fail.
 */
export const MAX_TTL_SECONDS = 3_153_600_000;

/** The longest lease: the same 100 years as {@link MAX_TTL_SECONDS}. */
export const MAX_LEASE_SECONDS = MAX_TTL_SECONDS;

/** The longest idempotency key accepted, in characters (Unicode code points). */
export const MAX_KEY_LENGTH = 255;

/** How many runs one statement of `purgeRuns` deletes unless told otherwise. */
export const DEFAULT_PURGE_BATCH_SIZE = 1_000;

/** The largest batch `purgeRuns` accepts: each batch holds its row locks until its statement ends. */
export const MAX_PURGE_BATCH_SIZE = 10_000;

/** The statuses for which {@link shouldReturnCached} returns the existing run. */
export const CACHEABLE_STATUSES: ReadonlySet<RunStatus> = new Set<RunStatus>([
  "queued",
  "running",
  "retry",
  "succeeded",
  "failed",
]);

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

/**
 * Every code an {@link IdempotencyError} carries, the orchestrator's and the
 * HTTP adapters' included: a `switch` over `error.code` can be exhaustive.
 */
export type IdempotencyErrorCode =
  | "idempotency_key_invalid"
  | "idempotency_key_missing"
  | "idempotency_scope_invalid"
  | "idempotency_options_invalid"
  | "idempotency_key_reused"
  | "idempotency_serialization_failure"
  | "idempotency_store_unavailable"
  | "idempotency_store_failed"
  | "idempotency_commit_unknown"
  | "idempotency_run_not_found"
  | "idempotency_run_not_in_progress"
  | "idempotency_response_too_large"
  | "idempotency_lease_lost"
  | "idempotency_request_in_progress"
  | "payload_invalid";

/** Base class of every error the driver throws. */
export class IdempotencyError extends Error {
  /** A stable machine-readable code, e.g. `idempotency_key_invalid`. */
  readonly code: IdempotencyErrorCode;
  /** The HTTP status an API should answer with. */
  readonly status: number;
  /** True when the same request may succeed if the caller retries it (in a new transaction). */
  readonly retryable: boolean;

  constructor(message: string, details: { code: IdempotencyErrorCode; status: number; retryable?: boolean; cause?: unknown }) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.code = details.code;
    this.status = details.status;
    this.retryable = details.retryable ?? false;
  }
}

/** The idempotency key is not a string of 1 to 255 characters free of control characters. HTTP 400. */
export class IdempotencyKeyInvalidError extends IdempotencyError {
  constructor(reason: string) {
    super(`invalid idempotency key: ${reason}`, { code: "idempotency_key_invalid", status: 400 });
  }
}

/** A tenant or agent id is neither `null` nor a non-empty string free of control characters. HTTP 400. */
export class IdempotencyScopeInvalidError extends IdempotencyError {
  constructor(reason: string) {
    super(`invalid idempotency scope: ${reason}`, { code: "idempotency_scope_invalid", status: 400 });
  }
}

/**
 * A value the server supplies is invalid: the time to live (option or
 * `IDEMPOTENCY_TTL_SECONDS`), a lease, a purge age or batch size, a run id, a
 * fingerprint, or an option of `submitRun`. HTTP 500: a server bug or misconfiguration.
 */
export class IdempotencyOptionsInvalidError extends IdempotencyError {
  constructor(reason: string) {
    super(`invalid idempotency options: ${reason}`, { code: "idempotency_options_invalid", status: 500 });
  }
}

/** The key is held by a live run whose request fingerprint differs from this request's. HTTP 422. */
export class IdempotencyKeyReuseError extends IdempotencyError {
  /** The run that holds the key. */
  readonly runId: string;

  constructor(runId: string) {
    super(`idempotency key reused with a different request payload (held by run ${runId})`, {
      code: "idempotency_key_reused",
      status: 422,
    });
    this.runId = runId;
  }
}

/** A required `Idempotency-Key` header is absent. HTTP 400. */
export class IdempotencyKeyMissingError extends IdempotencyError {
  constructor() {
    super("the Idempotency-Key header is missing: this endpoint requires one", { code: "idempotency_key_missing", status: 400 });
  }
}

/** No run has this id (it never existed, or it was purged). HTTP 404. */
export class IdempotencyRunNotFoundError extends IdempotencyError {
  /** The id asked for. */
  readonly runId: string;

  constructor(runId: string) {
    super(`no run has the id ${runId}`, { code: "idempotency_run_not_found", status: 404 });
    this.runId = runId;
  }
}

/**
 * The run is no longer in progress, so it cannot be completed or released:
 * it has `finished` (succeeded or failed), or a claim `superseded` it (its
 * lease ended and another worker took the key over, or its key expired).
 * HTTP 409.
 */
export class IdempotencyRunNotInProgressError extends IdempotencyError {
  /** The run. */
  readonly runId: string;
  /** Why: it finished, or another run took its key over. */
  readonly state: "finished" | "superseded";

  constructor(runId: string, state: "finished" | "superseded") {
    const why = state === "finished" ? "it has already finished" : "a newer run has taken its key over (its lease ended or its key expired)";
    super(`run ${runId} is not in progress: ${why}`, { code: "idempotency_run_not_in_progress", status: 409 });
    this.runId = runId;
    this.state = state;
  }
}

/** The response to store for replays is larger than the limit. HTTP 500: raise the limit or answer with less. */
export class IdempotencyResponseTooLargeError extends IdempotencyError {
  /** Its size, in bytes of JSON. */
  readonly bytes: number;
  /** The limit, in bytes. */
  readonly limit: number;

  constructor(bytes: number, limit: number) {
    super(`the response to store for replays is ${bytes} bytes; the limit is ${limit} (maxResponseBytes)`, { code: "idempotency_response_too_large", status: 500 });
    this.bytes = bytes;
    this.limit = limit;
  }
}

/** What a store error says: its code, HTTP status, whether to retry, and the start of its message. */
export interface StoreOutcome {
  readonly code: IdempotencyErrorCode;
  readonly status: number;
  readonly retryable: boolean;
  readonly summary: string;
}

/** What each kind of database failure becomes: the one place that sets code, status and `retryable`. */
const STORE_OUTCOMES: Readonly<Record<FailureKind, StoreOutcome>> = {
  serialization: { code: "idempotency_serialization_failure", status: 503, retryable: true, summary: "idempotency claim must be retried in a new transaction" },
  transient: { code: "idempotency_store_unavailable", status: 503, retryable: true, summary: "idempotency store unavailable" },
  permanent: { code: "idempotency_store_failed", status: 500, retryable: false, summary: "idempotency store failed" },
};

/** What a COMMIT without an answer becomes. */
const COMMIT_UNKNOWN: StoreOutcome = {
  code: "idempotency_commit_unknown",
  status: 503,
  retryable: true,
  summary: "the outcome of COMMIT is unknown: the run may or may not have been created; retry with the same idempotency key",
};

/**
 * The database failed. What failed decides `code`, `status` and `retryable`
 * (see {@link classifyDatabaseFailure}): a transient failure (unreachable,
 * overloaded, shutting down, a lock, statement or pool timeout) is
 * `idempotency_store_unavailable`, HTTP 503, retryable; a permanent one (a
 * missing table, a privilege, a constraint) is `idempotency_store_failed`,
 * HTTP 500, not retryable. The message names the SQLSTATE and a short reason,
 * never the SQL; the database error is `cause`.
 */
export class IdempotencyStoreError extends IdempotencyError {
  /** The SQLSTATE the server sent (e.g. `55P03`), or `null` for a failure of the client or the network. */
  readonly sqlState: string | null;

  /**
   * @param cause - what the database call threw.
   * @param failure - its classification; {@link classifyDatabaseFailure} of `cause` by default.
   */
  constructor(cause: unknown, failure: DatabaseFailure = classifyDatabaseFailure(cause), outcome: StoreOutcome = STORE_OUTCOMES[failure.kind]) {
    super(`${outcome.summary}: ${describeDatabaseFailure(failure)}`, { code: outcome.code, status: outcome.status, retryable: outcome.retryable, cause });
    this.sqlState = failure.sqlState;
  }
}

/**
 * COMMIT failed without an answer (the connection broke, or no answer came
 * within the query timeout): the transaction may or may not have been
 * committed, so the run the request claimed may or may not exist.
 * `idempotency_commit_unknown`, HTTP 503, retryable: retry the request with
 * the same idempotency key; the next claim finds the run if it was
 * committed, and claims the key anew if it was not. The database error is `cause`.
 */
export class IdempotencyCommitUnknownError extends IdempotencyStoreError {
  /**
   * @param cause - what COMMIT threw.
   * @param failure - its classification; {@link classifyDatabaseFailure} of `cause` by default.
   */
  constructor(cause: unknown, failure: DatabaseFailure = classifyDatabaseFailure(cause)) {
    super(cause, failure, COMMIT_UNKNOWN);
  }
}

/**
 * The caller's transaction hit a serialization failure or a deadlock (SQLSTATE
 * 40001 or 40P01), as REPEATABLE READ and SERIALIZABLE transactions do under
 * concurrent claims. The caller must roll back and retry the whole transaction.
 * `idempotency_serialization_failure`, HTTP 503 if it cannot. The database error is `cause`.
 */
export class IdempotencyRetryableError extends IdempotencyStoreError {
  /**
   * @param cause - what the database call threw.
   * @param failure - its classification; {@link classifyDatabaseFailure} of `cause` by default.
   */
  constructor(cause: unknown, failure: DatabaseFailure = classifyDatabaseFailure(cause)) {
    super(cause, { ...failure, kind: "serialization" });
  }
}

/** The SQLSTATE of a call of a function the database does not have (with these argument types). */
const UNDEFINED_FUNCTION = "42883";

/**
 * The database lacks a function the driver calls: it has not been migrated
 * to the migration that creates it (run `migrate`). `idempotency_store_failed`,
 * HTTP 500, not retryable; `sqlState` is `42883` and the database error is `cause`.
 */
export class IdempotencySchemaOutdatedError extends IdempotencyStoreError {
  /** The migration that creates what is missing, e.g. `0006_claim_procedure`. */
  readonly migration: string;

  /**
   * @param cause - what the database call threw.
   * @param missing - the function or procedure that is missing, e.g. `spine_claim`.
   * @param migration - the migration that creates it.
   */
  constructor(cause: unknown, missing: string, migration: string) {
    const failure = classifyDatabaseFailure(cause);
    super(cause, { ...failure, reason: `the database has no ${missing}: apply migration ${migration} (run migrate)` });
    this.migration = migration;
  }
}

/**
 * Maps anything a database call threw to the driver's typed errors, through
 * {@link classifyDatabaseFailure}: a serialization failure or deadlock becomes
 * {@link IdempotencyRetryableError}, every other failure an
 * {@link IdempotencyStoreError} (503 or 500); an {@link IdempotencyError} is
 * returned as is. Callers that begin and commit (the orchestrator) use it for
 * what acquiring a connection, BEGIN and COMMIT throw.
 * @param error - what was thrown.
 */
export function toIdempotencyError(error: unknown): IdempotencyError {
  if (error instanceof IdempotencyError) return error;
  const failure = classifyDatabaseFailure(error);
  return failure.kind === "serialization" ? new IdempotencyRetryableError(error, failure) : new IdempotencyStoreError(error, failure);
}

// ---------------------------------------------------------------------------
// Input validation: every check runs before any query is sent.
// ---------------------------------------------------------------------------

const CONTROL_CHARACTER = /\p{Cc}/u;
const LONE_SURROGATE = /\p{Cs}/u;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function codePoint(text: string, pattern: RegExp): string {
  const found = pattern.exec(text);
  const value = found === null ? 0 : (found[0].codePointAt(0) ?? 0);
  return `U+${value.toString(16).toUpperCase().padStart(4, "0")} at index ${found?.index ?? 0}`;
}

/**
 * Checks an idempotency key: a string of 1 to 255 code points without control
 * characters or unpaired surrogates. Every driver function runs this first.
 * @param key - the caller's key.
 * @returns the key, unchanged.
 * @throws {IdempotencyKeyInvalidError} when it is invalid; the message never repeats the key.
 */
export function validateIdempotencyKey(key: unknown): string {
  if (typeof key !== "string") throw new IdempotencyKeyInvalidError(`expected a string, got ${key === null ? "null" : typeof key}`);
  if (key.length === 0) throw new IdempotencyKeyInvalidError("it is empty");
  const length = [...key].length;
  if (length > MAX_KEY_LENGTH) throw new IdempotencyKeyInvalidError(`it is ${length} characters long; the limit is ${MAX_KEY_LENGTH}`);
  if (CONTROL_CHARACTER.test(key)) throw new IdempotencyKeyInvalidError(`it contains the control character ${codePoint(key, CONTROL_CHARACTER)}`);
  if (LONE_SURROGATE.test(key)) throw new IdempotencyKeyInvalidError(`it contains an unpaired surrogate ${codePoint(key, LONE_SURROGATE)}`);
  return key;
}

/** Checks a tenant or agent id: `null` (no tenant/agent, matching only `null`) or a non-empty string. */
function validateScope(name: "tenantId" | "agentId", value: unknown): string | null {
  if (value === null) return null;
  if (typeof value !== "string") {
    throw new IdempotencyScopeInvalidError(`${name} must be a string or null, got ${typeof value}`);
  }
  if (value.length === 0) {
    throw new IdempotencyScopeInvalidError(`${name} is empty; pass null for "no ${name === "tenantId" ? "tenant" : "agent"}" (an empty value never means "any")`);
  }
  if (CONTROL_CHARACTER.test(value)) throw new IdempotencyScopeInvalidError(`${name} contains the control character ${codePoint(value, CONTROL_CHARACTER)}`);
  if (LONE_SURROGATE.test(value)) throw new IdempotencyScopeInvalidError(`${name} contains an unpaired surrogate ${codePoint(value, LONE_SURROGATE)}`);
  return value;
}

function isNumberIn(value: unknown, min: number, max: number): value is number {
  return typeof value === "number" && value >= min && value <= max;
}

/** A number of seconds from 0 to {@link MAX_TTL_SECONDS}: a time to live or an age. */
function validateAge(name: string, value: unknown): number {
  if (!isNumberIn(value, 0, MAX_TTL_SECONDS)) throw new IdempotencyOptionsInvalidError(`${name} must be a number from 0 to ${MAX_TTL_SECONDS}, got ${String(value)}`);
  return value;
}

/**
 * Checks a run id: a UUID.
 * @internal
 * @throws {IdempotencyOptionsInvalidError} for anything else.
 */
export function validateRunId(runId: unknown): string {
  if (typeof runId !== "string" || !UUID.test(runId)) throw new IdempotencyOptionsInvalidError("runId must be a UUID");
  return runId;
}

/**
 * A lease: more than 0 seconds and at most {@link MAX_LEASE_SECONDS}.
 * @internal
 */
export function validateLease(value: unknown): number {
  if (!isNumberIn(value, Number.MIN_VALUE, MAX_LEASE_SECONDS)) {
    throw new IdempotencyOptionsInvalidError(`leaseSeconds must be a number greater than 0 and at most ${MAX_LEASE_SECONDS}, got ${String(value)}`);
  }
  return value;
}

function validateNullableString(name: string, value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") throw new IdempotencyOptionsInvalidError(`${name} must be a string or null, got ${typeof value}`);
  return value;
}

/**
 * The time to live in seconds: `ttlSeconds` when given, else `IDEMPOTENCY_TTL_SECONDS`,
 * else {@link DEFAULT_TTL_SECONDS}. Either must be a number from 0 to {@link MAX_TTL_SECONDS}.
 * @param ttlSeconds - an explicit time to live.
 * @param env - the environment to read `IDEMPOTENCY_TTL_SECONDS` from.
 * @throws {IdempotencyOptionsInvalidError} for a value that is not a number in that range.
 */
export function resolveTtlSeconds(ttlSeconds?: number, env: Readonly<Record<string, string | undefined>> = process.env): number {
  if (ttlSeconds !== undefined) return validateAge("ttlSeconds", ttlSeconds);
  const fromEnv = env["IDEMPOTENCY_TTL_SECONDS"];
  if (fromEnv === undefined || fromEnv.trim() === "") return DEFAULT_TTL_SECONDS;
  const parsed = Number(fromEnv);
  if (!isNumberIn(parsed, 0, MAX_TTL_SECONDS)) {
    throw new IdempotencyOptionsInvalidError(`IDEMPOTENCY_TTL_SECONDS must be a number from 0 to ${MAX_TTL_SECONDS}, got ${JSON.stringify(fromEnv)}`);
  }
  return parsed;
}

interface ScopedKey {
  readonly key: string;
  readonly tenantId: string | null;
  readonly agentId: string | null;
}

function validateScopedKey(key: unknown, tenantId: unknown, agentId: unknown): ScopedKey {
  return { key: validateIdempotencyKey(key), tenantId: validateScope("tenantId", tenantId), agentId: validateScope("agentId", agentId) };
}

// ---------------------------------------------------------------------------
// The result of a check
// ---------------------------------------------------------------------------

/** What {@link checkIdempotency} found for a scoped key. Mirrors the original's `IdempotencyResult`. */
export class IdempotencyResult {
  /** True when a run holds the scoped key (expired or not). */
  readonly exists: boolean;
  /** The id of that run, or `null`. */
  readonly runId: string | null;
  /** The status of that run, or `null`. */
  readonly status: RunStatus | null;
  /** True when the run is older than the time to live (strictly). */
  readonly isExpired: boolean;
  /** True when the run is still queued, running or retry and its lease has ended: a claim takes the key over. */
  readonly isLeaseExpired: boolean;
  /** The run itself, or `null`. */
  readonly run: Run | null;

  constructor(fields: { exists: boolean; runId: string | null; status: RunStatus | null; isExpired: boolean; isLeaseExpired?: boolean; run?: Run | null }) {
    this.exists = fields.exists;
    this.runId = fields.runId;
    this.status = fields.status;
    this.isExpired = fields.isExpired;
    this.isLeaseExpired = fields.isLeaseExpired ?? false;
    this.run = fields.run ?? null;
  }

  /** The result for a key that no run holds. */
  static notFound(): IdempotencyResult {
    return new IdempotencyResult({ exists: false, runId: null, status: null, isExpired: false });
  }

  /** The result for a key that `run` holds. */
  static found(run: Run, isExpired: boolean, isLeaseExpired = false): IdempotencyResult {
    return new IdempotencyResult({ exists: true, runId: run.id, status: run.status, isExpired, isLeaseExpired, run });
  }
}

/**
 * Whether the caller should return the existing run instead of doing the work again.
 *
 * False when the key does not exist, has expired, or its run's lease has
 * ended while it was still in progress. True for the statuses queued,
 * running, retry, succeeded and failed ({@link CACHEABLE_STATUSES}); false
 * for any other status.
 * @param result - what {@link checkIdempotency} returned.
 */
export function shouldReturnCached(result: IdempotencyResult): boolean {
  if (!result.exists || result.isExpired || result.isLeaseExpired || result.status === null) return false;
  return CACHEABLE_STATUSES.has(result.status);
}

// ---------------------------------------------------------------------------
// Statements: every value is a bound parameter; times use the database's clock.
// ---------------------------------------------------------------------------

/**
 * The in-progress statuses as an SQL list, `('queued', 'running', 'retry')`.
 * @internal
 */
export const IN_PROGRESS = `(${IN_PROGRESS_STATUSES.map((status) => `'${status}'`).join(", ")})`;

/**
 * A statement that calls a function or procedure a migration creates; on a
 * database without it (SQLSTATE 42883) the call fails with
 * {@link IdempotencySchemaOutdatedError}, naming the migration.
 */
interface RoutineCall {
  /** The call, e.g. `select * from spine_find_run(…)` or `call spine_claim(…)`. */
  readonly statement: Statement;
  /** The function or procedure, e.g. `spine_claim`. */
  readonly name: string;
  /** The migration that creates it, e.g. `0006_claim_procedure`. */
  readonly migration: string;
}

function routineCall(name: string, migration: string, sql: string): RoutineCall {
  return { statement: statement(sql), name, migration };
}

/**
 * Reads the live run of a scoped key (the partial unique index allows at most
 * one), with `is_expired` and `lease_ended`, through the function
 * `spine_find_run` of migration 0005. Sent as a plain statement, the lookup
 * was parsed and planned again on every call, and planning cost more than the
 * read; the function's plan is kept by the server connection, with nothing
 * for the client or a pooler to track (see docs/benchmarks.md). `lease_ended`
 * is a bare `lease_expires_at <= now()`; whether the run is still in progress
 * is read from its status.
 */
const LOOKUP = routineCall("spine_find_run", "0005_find_function", "select * from spine_find_run(:tenant_scope, :agent_scope, :key, :ttl::interval)");

/** How many output parameters `spine_claim` has: a call passes a null for each. */
const CLAIM_OUTPUTS = 13;

/**
 * The whole claim, one statement: the procedure `spine_claim` of migration
 * 0006 reads the key's live run, returns it or supersedes it, and inserts the
 * new run under the partial unique index `runs_live_idempotency_key`,
 * re-reading (with a new snapshot under READ COMMITTED) when a concurrent
 * claim got there first, at most 5 times. Its one row is the run, `created`
 * and `attempts`, or a null `id` when the key changed hands 5 times. A `call`
 * has no plan of its own, where `select * from` a function is planned and
 * executed around it on every call; the statements inside keep their plans
 * on the server connection, with nothing for the client or a pooler to
 * track (see docs/benchmarks.md).
 */
const CLAIM = routineCall(
  "spine_claim",
  "0006_claim_procedure",
  `call spine_claim(:tenant_id, :agent_id, :tenant_scope, :agent_scope, :key, :fingerprint, :goal, :lease::interval, :ttl::interval, :replay_failed::boolean, ${Array(CLAIM_OUTPUTS).fill("null").join(", ")})`,
);

/** Extends the lease of a live run that is still in progress. */
const RENEW_LEASE = statement(`update runs set lease_expires_at = now() + :lease::interval
where id = :run_id and superseded_at is null and status in ${IN_PROGRESS}
returning id`);

/**
 * One batch of a purge: the oldest runs created before the cutoff, found
 * through `runs_created_at` and deleted through the primary key. The cutoff
 * is at least the TTL, so every such run is superseded or expired.
 */
const PURGE_BATCH = statement(`with purged as (
  delete from runs
  where id = any(array(
      select id from runs where created_at < now() - :age::interval
      order by created_at limit :batch_size))
    and created_at < now() - :age::interval
  returning 1
)
select count(*)::int as deleted from purged`);

/**
 * A row of `runs` as the statements return it; the decision columns only where the statement selects them.
 * @internal
 */
export interface RunRow {
  id: string;
  tenant_id: string | null;
  agent_id: string | null;
  idempotency_key: string | null;
  request_fingerprint: string | null;
  status: string;
  goal: string | null;
  created_at: Date;
  updated_at: Date;
  superseded_at: Date | null;
  lease_expires_at: Date | null;
  is_expired?: boolean;
  lease_ended?: boolean | null;
  created?: boolean;
  attempts?: number;
}

/** The row of `spine_claim`: the run, or a null `id` when the key changed hands 5 times during the claim. */
type ClaimRow = RunRow | { readonly id: null };

interface FoundRun {
  readonly run: Run;
  readonly isExpired: boolean;
  readonly isLeaseExpired: boolean;
  readonly created: boolean;
}

/**
 * The run of a row of `runs`.
 * @internal
 */
export function runOf(row: RunRow): Run {
  return toFoundRun(row).run;
}

function toFoundRun(row: RunRow): FoundRun {
  // The runs_status_known check constraint limits status to RunStatus.
  const status = row.status as RunStatus;
  return {
    run: {
      id: row.id,
      tenantId: row.tenant_id,
      agentId: row.agent_id,
      idempotencyKey: row.idempotency_key,
      requestFingerprint: row.request_fingerprint,
      status,
      goal: row.goal,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      supersededAt: row.superseded_at,
      leaseExpiresAt: row.lease_expires_at,
    },
    isExpired: row.is_expired === true,
    isLeaseExpired: row.lease_ended === true && IN_PROGRESS_STATUSES.includes(status),
    created: row.created === true,
  };
}

/**
 * Sends one statement and returns its rows; every failure becomes a typed
 * error. For the driver's own modules, not part of the package's API.
 * @internal
 */
export async function execute<Row>(db: Queryable, compiled: Statement, values: Readonly<Record<string, unknown>>): Promise<Row[]> {
  try {
    const result = await db.raw<{ rows: Row[] }>(compiled.sql, bindingsOf(compiled, values) as Knex.RawBinding[]);
    return result.rows;
  } catch (error) {
    throw toIdempotencyError(error);
  }
}

/** Calls a migration's function or procedure; a database that lacks it fails with {@link IdempotencySchemaOutdatedError}. */
async function call<Row>(db: Queryable, fn: RoutineCall, values: Readonly<Record<string, unknown>>): Promise<Row[]> {
  try {
    return await execute<Row>(db, fn.statement, values);
  } catch (error) {
    if (error instanceof IdempotencyStoreError && error.sqlState === UNDEFINED_FUNCTION) {
      throw new IdempotencySchemaOutdatedError(error.cause, fn.name, fn.migration);
    }
    throw error;
  }
}

/**
 * A number of seconds as an interval parameter, to microseconds (PostgreSQL's
 * resolution): `86400.000000 seconds`. Casting one text parameter plans and
 * runs faster than multiplying a number by `interval '1 second'`.
 */
function seconds(value: number): string {
  return `${value.toFixed(6)} seconds`;
}

function scopeValues(scoped: ScopedKey): { tenant_scope: string; agent_scope: string; key: string } {
  return { tenant_scope: scoped.tenantId ?? "", agent_scope: scoped.agentId ?? "", key: scoped.key };
}

async function findLiveRun(db: Queryable, scoped: ScopedKey, ttlSeconds: number): Promise<FoundRun | null> {
  const row = (await call<RunRow>(db, LOOKUP, { ...scopeValues(scoped), ttl: seconds(ttlSeconds) }))[0];
  return row === undefined ? null : toFoundRun(row);
}

// ---------------------------------------------------------------------------
// Lookups
// ---------------------------------------------------------------------------

/**
 * Finds the run that holds an idempotency key in a tenant and agent scope.
 *
 * Matching is exact: `null` matches only `null`. When older runs shared the
 * key, the newest is returned. Expired runs are returned too.
 * @param db - a knex instance or the caller's transaction.
 * @param idempotencyKey - 1 to 255 characters, no control characters.
 * @param tenantId - the tenant, or `null` for none.
 * @param agentId - the agent, or `null` for none.
 * @returns the run, or `null` when no run holds the key.
 * @throws {IdempotencyKeyInvalidError} before any query, for an invalid key.
 * @throws {IdempotencyScopeInvalidError} before any query, for an empty or invalid tenant or agent.
 * @throws {IdempotencySchemaOutdatedError} when the database has not been migrated to `0005_find_function` (HTTP 500).
 * @throws {IdempotencyStoreError} when the database fails; never a false "not found".
 */
export async function getExistingRun(
  db: Queryable,
  idempotencyKey: string,
  tenantId: string | null,
  agentId: string | null,
): Promise<Run | null> {
  const scoped = validateScopedKey(idempotencyKey, tenantId, agentId);
  const found = await findLiveRun(db, scoped, DEFAULT_TTL_SECONDS);
  return found?.run ?? null;
}

/**
 * Checks an idempotency key and returns whether it exists, its run and status,
 * whether it has expired (age strictly greater than the time to live,
 * measured by the database's clock in the same query), and whether the lease
 * of its in-progress run has ended.
 * @param db - a knex instance or the caller's transaction.
 * @param idempotencyKey - 1 to 255 characters, no control characters.
 * @param tenantId - the tenant, or `null` for none.
 * @param agentId - the agent, or `null` for none.
 * @param options - `ttlSeconds` overrides `IDEMPOTENCY_TTL_SECONDS` (default 86400, at most {@link MAX_TTL_SECONDS}).
 * @returns the key's {@link IdempotencyResult}.
 * @throws {IdempotencyKeyInvalidError} before any query, for an invalid key.
 * @throws {IdempotencyScopeInvalidError} before any query, for an empty or invalid tenant or agent.
 * @throws {IdempotencyOptionsInvalidError} before any query, for an invalid time to live.
 * @throws {IdempotencySchemaOutdatedError} when the database has not been migrated to `0005_find_function` (HTTP 500).
 * @throws {IdempotencyStoreError} when the database fails; never a false "not found".
 */
export async function checkIdempotency(
  db: Queryable,
  idempotencyKey: string,
  tenantId: string | null,
  agentId: string | null,
  options: { ttlSeconds?: number } = {},
): Promise<IdempotencyResult> {
  const scoped = validateScopedKey(idempotencyKey, tenantId, agentId);
  const ttlSeconds = resolveTtlSeconds(options.ttlSeconds);
  const found = await findLiveRun(db, scoped, ttlSeconds);
  return found === null ? IdempotencyResult.notFound() : IdempotencyResult.found(found.run, found.isExpired, found.isLeaseExpired);
}

// ---------------------------------------------------------------------------
// Claims
// ---------------------------------------------------------------------------

/** What {@link claimRun} needs to know about the request. */
export interface ClaimRequest {
  /** The caller's idempotency key. */
  readonly idempotencyKey: string;
  /** The tenant, or `null` for none. */
  readonly tenantId: string | null;
  /** The agent, or `null` for none. */
  readonly agentId: string | null;
  /** A digest of the request payload; a live run with another fingerprint makes the claim fail. */
  readonly fingerprint?: string | null;
  /** Free-text description stored on a new run. */
  readonly goal?: string | null;
}

/** Options of {@link claimRun}. */
export interface ClaimOptions {
  /** Overrides `IDEMPOTENCY_TTL_SECONDS` (default 86400, at most {@link MAX_TTL_SECONDS}). */
  readonly ttlSeconds?: number;
  /** Return a failed run instead of starting a new one (default true, as {@link shouldReturnCached}). */
  readonly replayFailed?: boolean;
  /**
   * Gives a new run a lease that ends this many seconds after the claim, by
   * the database's clock (more than 0, at most {@link MAX_LEASE_SECONDS}).
   * Without it, runs have no lease. Keep it alive with {@link renewLease}.
   */
  readonly leaseSeconds?: number;
}

/** What {@link claimRun} returns: the run that holds the key, and whether this call created it. */
export interface ClaimResult {
  /** The run that holds the key now. */
  readonly run: Run;
  /** True for exactly one of any number of concurrent claims of the same scoped key. */
  readonly created: boolean;
  /**
   * How many times the claim read the key within its one statement: 1, or
   * more when a concurrent claim changed the key first (at most 5).
   */
  readonly attempts: number;
}

/** A claim whose every input has been checked. */
interface PreparedClaim {
  readonly scoped: ScopedKey;
  readonly fingerprint: string | null;
  readonly goal: string | null;
  readonly ttlSeconds: number;
  readonly leaseSeconds: number | null;
  readonly replayFailed: boolean;
}

function prepareClaim(request: ClaimRequest, options: ClaimOptions): PreparedClaim {
  const replayFailed = options.replayFailed ?? true;
  if (typeof replayFailed !== "boolean") throw new IdempotencyOptionsInvalidError(`replayFailed must be a boolean, got ${typeof replayFailed}`);
  return {
    scoped: validateScopedKey(request.idempotencyKey, request.tenantId, request.agentId),
    fingerprint: validateNullableString("fingerprint", request.fingerprint),
    goal: validateNullableString("goal", request.goal),
    ttlSeconds: resolveTtlSeconds(options.ttlSeconds),
    leaseSeconds: options.leaseSeconds === undefined ? null : validateLease(options.leaseSeconds),
    replayFailed,
  };
}

/**
 * Checks a claim's key, scope, fingerprint, goal and options exactly as
 * {@link claimRun} does first, without sending a query: a caller that opens a
 * transaction for the claim (such as `submitRun`) calls it before, so that a
 * bad request costs no connection.
 * @param request - the scoped key, fingerprint and goal.
 * @param options - time to live, failed-run policy, lease.
 * @throws {IdempotencyKeyInvalidError} for an invalid key.
 * @throws {IdempotencyScopeInvalidError} for an empty or invalid tenant or agent.
 * @throws {IdempotencyOptionsInvalidError} for an invalid time to live, lease, fingerprint or goal.
 */
export function validateClaim(request: ClaimRequest, options: ClaimOptions = {}): void {
  prepareClaim(request, options);
}

function claimValues(claim: PreparedClaim): Record<string, unknown> {
  return {
    ...scopeValues(claim.scoped),
    tenant_id: claim.scoped.tenantId,
    agent_id: claim.scoped.agentId,
    fingerprint: claim.fingerprint,
    goal: claim.goal,
    lease: claim.leaseSeconds === null ? null : seconds(claim.leaseSeconds),
    ttl: seconds(claim.ttlSeconds),
    replay_failed: claim.replayFailed,
  };
}

function fingerprintDiffers(claim: PreparedClaim, run: Run): boolean {
  return claim.fingerprint !== null && run.requestFingerprint !== null && run.requestFingerprint !== claim.fingerprint;
}

/** How many times one claim reads the key again after a concurrent claim changed it first (in `spine_claim`, migration 0006). */
const MAX_CLAIM_ATTEMPTS = 5;

/**
 * Claims an idempotency key: creates a run for it, or returns the run that holds it.
 *
 * A unique index decides the claim, so any number of concurrent claims of one
 * scoped key create exactly one run, and all of them get that run. Every
 * claim is one statement, one round trip, whether the key is fresh, held, or
 * held by a run the claim replaces: it calls the procedure `spine_claim`
 * (migration 0006), which reads the key's live run and returns it, or marks
 * it superseded and inserts the new run, or inserts the run of a fresh key.
 * The claim replaces the live run when it has expired, or, for a request with
 * the same fingerprint, when it is still queued, running or retry and its
 * lease has ended, or when it failed and `replayFailed` is false.
 *
 * A claim that waited for a concurrent claim of the same key reads the key
 * again inside the same statement (under READ COMMITTED, with a new
 * snapshot), at most 5 times in all. Inside a caller's transaction the new
 * run stays invisible to other connections until the caller commits, and
 * vanishes if the caller rolls back; concurrent claims of the same key wait
 * for that outcome (at most the connection's `lock_timeout`).
 * @param db - a knex instance or the caller's transaction.
 * @param request - the scoped key, and the fingerprint and goal of the request.
 * @param options - time to live, failed-run policy and lease.
 * @returns the run and whether this call created it.
 * @throws {IdempotencyKeyInvalidError} before any query, for an invalid key.
 * @throws {IdempotencyScopeInvalidError} before any query, for an empty or invalid tenant or agent.
 * @throws {IdempotencyOptionsInvalidError} before any query, for an invalid time to live or lease.
 * @throws {IdempotencyKeyReuseError} when the live run's fingerprint differs from the request's.
 * @throws {IdempotencyRetryableError} on a serialization failure or deadlock, or when the key changed hands 5 times during the claim; retry the transaction.
 * @throws {IdempotencySchemaOutdatedError} when the database has not been migrated to `0006_claim_procedure` (HTTP 500).
 * @throws {IdempotencyStoreError} when the database fails.
 */
export async function claimRun(db: Queryable, request: ClaimRequest, options: ClaimOptions = {}): Promise<ClaimResult> {
  const claim = prepareClaim(request, options);
  const row = (await call<ClaimRow>(db, CLAIM, claimValues(claim)))[0];
  if (row === undefined || row.id === null) {
    const reason = `the key changed hands ${MAX_CLAIM_ATTEMPTS} times during one claim`;
    throw new IdempotencyRetryableError(new Error(reason), { kind: "serialization", sqlState: null, reason, condition: null, evict: "none" });
  }
  const { run, created } = toFoundRun(row);
  const attempts = row.attempts ?? 1;
  if (created) return { run, created, attempts };
  if (fingerprintDiffers(claim, run)) throw new IdempotencyKeyReuseError(run.id);
  return { run, created, attempts };
}

// ---------------------------------------------------------------------------
// Leases
// ---------------------------------------------------------------------------

/**
 * Extends the lease of a run that is live (not superseded) and still queued,
 * running or retry: it then ends `leaseSeconds` after now, by the database's
 * clock. A worker calls it periodically, well within its lease. A lease that
 * has ended can still be renewed as long as no claim has taken the key over.
 * Only `lease_expires_at` changes.
 * @param db - a knex instance or the caller's transaction.
 * @param runId - the run's id.
 * @param leaseSeconds - more than 0, at most {@link MAX_LEASE_SECONDS}.
 * @returns true when the lease was extended; false when the run is finished, superseded or unknown.
 * @throws {IdempotencyOptionsInvalidError} before any query, for a run id that is not a UUID or an invalid lease.
 * @throws {IdempotencyStoreError} when the database fails.
 */
export async function renewLease(db: Queryable, runId: string, leaseSeconds: number): Promise<boolean> {
  validateRunId(runId);
  const lease = validateLease(leaseSeconds);
  const rows = await execute<{ id: string }>(db, RENEW_LEASE, { run_id: runId, lease: seconds(lease) });
  return rows.length > 0;
}

// ---------------------------------------------------------------------------
// Purging
// ---------------------------------------------------------------------------

/** Options of {@link purgeRuns}. */
export interface PurgeOptions {
  /** Delete runs created more than this many seconds ago; at least the time to live, at most {@link MAX_TTL_SECONDS}. */
  readonly olderThanSeconds: number;
  /** How many runs each statement deletes (1 to {@link MAX_PURGE_BATCH_SIZE}; default {@link DEFAULT_PURGE_BATCH_SIZE}). */
  readonly batchSize?: number;
  /** The time to live the claims use; overrides `IDEMPOTENCY_TTL_SECONDS` (default 86400). */
  readonly ttlSeconds?: number;
}

function validatePurge(options: PurgeOptions): { age: number; batchSize: number } {
  const age = validateAge("olderThanSeconds", options.olderThanSeconds);
  const batchSize = options.batchSize ?? DEFAULT_PURGE_BATCH_SIZE;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1 || batchSize > MAX_PURGE_BATCH_SIZE) {
    throw new IdempotencyOptionsInvalidError(`batchSize must be an integer from 1 to ${MAX_PURGE_BATCH_SIZE}, got ${String(batchSize)}`);
  }
  const ttlSeconds = resolveTtlSeconds(options.ttlSeconds);
  if (age < ttlSeconds) {
    throw new IdempotencyOptionsInvalidError(`olderThanSeconds (${age}) must be at least the TTL (${ttlSeconds}): younger runs may still be live`);
  }
  return { age, batchSize };
}

/**
 * Deletes the runs created more than `olderThanSeconds` ago: superseded runs
 * and expired runs, since the age may not be shorter than the time to live, so
 * a live unexpired run is never deleted. It deletes the oldest first, in
 * batches of `batchSize`, each one statement that finds its runs through the
 * `runs_created_at` index (no sequential scan) and holds its row locks only
 * until that statement ends, and stops after a batch that deleted fewer.
 * Run it on a knex instance, not in a transaction (which would hold every
 * batch's locks until it ends), from a scheduler: see the README.
 * @param db - a knex instance (or a transaction, which then holds all locks).
 * @param options - the age, the batch size and the time to live.
 * @returns how many runs it deleted.
 * @throws {IdempotencyOptionsInvalidError} before any query, for an invalid age or batch size, or an age shorter than the time to live.
 * @throws {IdempotencyStoreError} when the database fails; the batches before stay deleted.
 */
export async function purgeRuns(db: Queryable, options: PurgeOptions): Promise<number> {
  const { age, batchSize } = validatePurge(options);
  let total = 0;
  for (;;) {
    const [row] = await execute<{ deleted: number }>(db, PURGE_BATCH, { age: seconds(age), batch_size: batchSize });
    const deleted = row?.deleted ?? 0;
    total += deleted;
    if (deleted < batchSize) return total;
  }
}
