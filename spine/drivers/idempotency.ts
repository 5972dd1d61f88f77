/**
 * The idempotency driver: finds the run an idempotency key already started,
 * says whether it expired and whether to return it instead of working again,
 * and claims a key for a new run without a race.
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
import type { Run, RunStatus } from "../db/index.js";

/** Anything the driver can send queries through: a knex instance or a caller's transaction. */
export type Queryable = Knex | Knex.Transaction;

/** The time to live of a key when neither the options nor `IDEMPOTENCY_TTL_SECONDS` set one: one day. */
export const DEFAULT_TTL_SECONDS = 86_400;

/** The longest idempotency key accepted, in characters (Unicode code points). */
export const MAX_KEY_LENGTH = 255;

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

/** Base class of every error the driver throws. */
export class IdempotencyError extends Error {
  /** A stable machine-readable code, e.g. `idempotency_key_invalid`. */
  readonly code: string;
  /** The HTTP status an API should answer with. */
  readonly status: number;
  /** True when the same request may succeed if the caller retries it (in a new transaction). */
  readonly retryable: boolean;

  constructor(message: string, details: { code: string; status: number; retryable?: boolean; cause?: unknown }) {
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

/** The time to live (option or `IDEMPOTENCY_TTL_SECONDS`) or another option is invalid. HTTP 500: a server misconfiguration. */
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

/** The database failed (down, unreachable, timed out, or rejected a query). HTTP 503. The database error is `cause`. */
export class IdempotencyStoreError extends IdempotencyError {
  constructor(cause: unknown) {
    super(`idempotency store failed: ${describe(cause)}`, {
      code: "idempotency_store_unavailable",
      status: 503,
      retryable: true,
      cause,
    });
  }
}

/**
 * The caller's transaction hit a serialization failure or a deadlock (SQLSTATE
 * 40001 or 40P01), as REPEATABLE READ and SERIALIZABLE transactions do under
 * concurrent claims. The caller must roll back and retry the whole transaction.
 * HTTP 503 if it cannot. The database error is `cause`.
 */
export class IdempotencyRetryableError extends IdempotencyError {
  constructor(cause: unknown) {
    super(`idempotency claim must be retried in a new transaction: ${describe(cause)}`, {
      code: "idempotency_serialization_failure",
      status: 503,
      retryable: true,
      cause,
    });
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const RETRYABLE_SQLSTATES = new Set(["40001", "40P01"]);

/**
 * Maps anything a database call threw to the driver's typed errors: SQLSTATE
 * 40001 and 40P01 become {@link IdempotencyRetryableError}, every other failure
 * {@link IdempotencyStoreError}; an {@link IdempotencyError} is returned as is.
 * Callers that commit (the orchestrator) use it for errors raised by COMMIT.
 * @param error - what was thrown.
 */
export function toIdempotencyError(error: unknown): IdempotencyError {
  if (error instanceof IdempotencyError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && RETRYABLE_SQLSTATES.has(code)) return new IdempotencyRetryableError(error);
  return new IdempotencyStoreError(error);
}

// ---------------------------------------------------------------------------
// Input validation: every check runs before any query is sent.
// ---------------------------------------------------------------------------

const CONTROL_CHARACTER = /\p{Cc}/u;
const LONE_SURROGATE = /\p{Cs}/u;

function codePoint(text: string, pattern: RegExp): string {
  const found = pattern.exec(text);
  const value = found === null ? 0 : (found[0].codePointAt(0) ?? 0);
  return `U+${value.toString(16).toUpperCase().padStart(4, "0")} at index ${found?.index ?? 0}`;
}

/** Checks that `key` is a valid idempotency key; the message never repeats the key. */
function validateKey(key: unknown): string {
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

/**
 * The time to live in seconds: `ttlSeconds` when given, else `IDEMPOTENCY_TTL_SECONDS`,
 * else {@link DEFAULT_TTL_SECONDS}. A value that is not a finite number >= 0 is an error.
 * @param ttlSeconds - an explicit time to live.
 * @param env - the environment to read `IDEMPOTENCY_TTL_SECONDS` from.
 */
export function resolveTtlSeconds(ttlSeconds?: number, env: Readonly<Record<string, string | undefined>> = process.env): number {
  if (ttlSeconds !== undefined) {
    if (typeof ttlSeconds !== "number" || !Number.isFinite(ttlSeconds) || ttlSeconds < 0) {
      throw new IdempotencyOptionsInvalidError(`ttlSeconds must be a finite number >= 0, got ${String(ttlSeconds)}`);
    }
    return ttlSeconds;
  }
  const fromEnv = env["IDEMPOTENCY_TTL_SECONDS"];
  if (fromEnv === undefined || fromEnv.trim() === "") return DEFAULT_TTL_SECONDS;
  const parsed = Number(fromEnv);
  if (!Number.isFinite(parsed) || parsed < 0) {
    throw new IdempotencyOptionsInvalidError(`IDEMPOTENCY_TTL_SECONDS must be a finite number >= 0, got ${JSON.stringify(fromEnv)}`);
  }
  return parsed;
}

interface ScopedKey {
  readonly key: string;
  readonly tenantId: string | null;
  readonly agentId: string | null;
}

function validateScopedKey(key: unknown, tenantId: unknown, agentId: unknown): ScopedKey {
  return { key: validateKey(key), tenantId: validateScope("tenantId", tenantId), agentId: validateScope("agentId", agentId) };
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
  /** The run itself, or `null`. */
  readonly run: Run | null;

  constructor(fields: { exists: boolean; runId: string | null; status: RunStatus | null; isExpired: boolean; run?: Run | null }) {
    this.exists = fields.exists;
    this.runId = fields.runId;
    this.status = fields.status;
    this.isExpired = fields.isExpired;
    this.run = fields.run ?? null;
  }

  /** The result for a key that no run holds. */
  static notFound(): IdempotencyResult {
    return new IdempotencyResult({ exists: false, runId: null, status: null, isExpired: false });
  }

  /** The result for a key that `run` holds. */
  static found(run: Run, isExpired: boolean): IdempotencyResult {
    return new IdempotencyResult({ exists: true, runId: run.id, status: run.status, isExpired, run });
  }
}

/**
 * Whether the caller should return the existing run instead of doing the work again.
 *
 * False when the key does not exist or has expired. True for the statuses
 * queued, running, retry, succeeded and failed ({@link CACHEABLE_STATUSES});
 * false for any other status.
 * @param result - what {@link checkIdempotency} returned.
 */
export function shouldReturnCached(result: IdempotencyResult): boolean {
  if (!result.exists || result.isExpired || result.status === null) return false;
  return CACHEABLE_STATUSES.has(result.status);
}

// ---------------------------------------------------------------------------
// Queries: every value is a bound parameter; ages use the database's clock.
// ---------------------------------------------------------------------------

const RUN_COLUMNS =
  "id, tenant_id, agent_id, idempotency_key, request_fingerprint, status, goal, created_at, updated_at, superseded_at";

/** The live run of a scoped key (the newest: a claim supersedes the older ones). */
const LIVE_RUN_WHERE = "tenant_scope = ? and agent_scope = ? and idempotency_key = ? and superseded_at is null";

/** Conflict target matching the partial unique index `runs_live_idempotency_key`. */
const LIVE_KEY_CONFLICT =
  "on conflict (tenant_scope, agent_scope, idempotency_key) where idempotency_key is not null and superseded_at is null do nothing";

/** Strictly older than the time to live, by the database's clock: `now() - created_at > ttl`. */
const EXPIRED = "created_at < now() - ?::double precision * interval '1 second'";

/** Reads the live run of a scoped key; the partial unique index allows at most one. */
const LOOKUP_SQL = `select ${RUN_COLUMNS}, ${EXPIRED} as is_expired, false as created
from runs where ${LIVE_RUN_WHERE}`;

/** Inserts the run unless its scoped key is live: the whole cost of a fresh key. */
const INSERT_SQL = `insert into runs (tenant_id, agent_id, idempotency_key, request_fingerprint, goal)
values (?, ?, ?, ?, ?)
${LIVE_KEY_CONFLICT}
returning ${RUN_COLUMNS}, false as is_expired, true as created`;

/**
 * For a key that is live: returns its run or, when that run must be replaced
 * (expired, or failed and not to be replayed), marks it superseded and inserts
 * the new run, in one statement.
 */
const RESOLVE_SQL = `with live as (
  select ${RUN_COLUMNS}, ${EXPIRED} as is_expired from runs where ${LIVE_RUN_WHERE}
), superseded as (
  update runs set superseded_at = now()
  where id = (select id from live where is_expired or (status = 'failed' and not ?::boolean))
    and superseded_at is null
  returning id
), claimed as (
  insert into runs (tenant_id, agent_id, idempotency_key, request_fingerprint, goal)
  select ?, ?, ?, ?, ? where exists (select 1 from superseded)
  ${LIVE_KEY_CONFLICT}
  returning ${RUN_COLUMNS}, false as is_expired, true as created
)
select * from claimed
union all
select live.*, false as created from live where not exists (select 1 from claimed)`;

interface RunRow {
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
  is_expired: boolean;
  created: boolean;
}

interface FoundRun {
  readonly run: Run;
  readonly isExpired: boolean;
  readonly created: boolean;
}

function toFoundRun(row: RunRow): FoundRun {
  return {
    run: {
      id: row.id,
      tenantId: row.tenant_id,
      agentId: row.agent_id,
      idempotencyKey: row.idempotency_key,
      requestFingerprint: row.request_fingerprint,
      // The runs_status_known check constraint limits status to RunStatus.
      status: row.status as RunStatus,
      goal: row.goal,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      supersededAt: row.superseded_at,
    },
    isExpired: row.is_expired,
    created: row.created,
  };
}

async function query(db: Queryable, sql: string, bindings: readonly unknown[]): Promise<FoundRun | null> {
  let result: { rows: RunRow[] };
  try {
    result = await db.raw<{ rows: RunRow[] }>(sql, bindings as Knex.RawBinding[]);
  } catch (error) {
    throw toIdempotencyError(error);
  }
  const row = result.rows[0];
  return row === undefined ? null : toFoundRun(row);
}

function scopeBindings(scoped: ScopedKey): [string, string, string] {
  return [scoped.tenantId ?? "", scoped.agentId ?? "", scoped.key];
}

async function findLiveRun(db: Queryable, scoped: ScopedKey, ttlSeconds: number): Promise<FoundRun | null> {
  return query(db, LOOKUP_SQL, [ttlSeconds, ...scopeBindings(scoped)]);
}

// ---------------------------------------------------------------------------
// Public API
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
 * and whether it has expired (age strictly greater than the time to live,
 * measured by the database's clock in the same query).
 * @param db - a knex instance or the caller's transaction.
 * @param idempotencyKey - 1 to 255 characters, no control characters.
 * @param tenantId - the tenant, or `null` for none.
 * @param agentId - the agent, or `null` for none.
 * @param options - `ttlSeconds` overrides `IDEMPOTENCY_TTL_SECONDS` (default 86400).
 * @returns the key's {@link IdempotencyResult}.
 * @throws {IdempotencyKeyInvalidError} before any query, for an invalid key.
 * @throws {IdempotencyScopeInvalidError} before any query, for an empty or invalid tenant or agent.
 * @throws {IdempotencyOptionsInvalidError} before any query, for an invalid time to live.
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
  return found === null ? IdempotencyResult.notFound() : IdempotencyResult.found(found.run, found.isExpired);
}

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
  /** Overrides `IDEMPOTENCY_TTL_SECONDS` (default 86400). */
  readonly ttlSeconds?: number;
  /** Return a failed run instead of starting a new one (default true, as {@link shouldReturnCached}). */
  readonly replayFailed?: boolean;
}

/** What {@link claimRun} returns: the run that holds the key, and whether this call created it. */
export interface ClaimResult {
  /** The run that holds the key now. */
  readonly run: Run;
  /** True for exactly one of any number of concurrent claims of the same scoped key. */
  readonly created: boolean;
}

/** How many times a claim re-reads after losing a race before it gives up. */
const MAX_CLAIM_ATTEMPTS = 5;

/**
 * Claims an idempotency key: creates a run for it, or returns the run that holds it.
 *
 * A unique index decides the claim, so any number of concurrent claims of one
 * scoped key create exactly one run, and all of them get that run. A fresh key
 * costs one round trip (an `insert … on conflict do nothing`); a key that is
 * held costs two, whether the claim returns the run or replaces it (one more
 * for each race lost). When the live run has expired, or has failed and
 * `replayFailed` is false, the claim marks it superseded and creates a new run.
 *
 * Inside a caller's transaction the new run stays invisible to other
 * connections until the caller commits, and vanishes if the caller rolls back;
 * concurrent claims of the same key wait for that outcome.
 * @param db - a knex instance or the caller's transaction.
 * @param request - the scoped key, and the fingerprint and goal of the request.
 * @param options - time to live and failed-run policy.
 * @returns the run and whether this call created it.
 * @throws {IdempotencyKeyInvalidError} before any query, for an invalid key.
 * @throws {IdempotencyScopeInvalidError} before any query, for an empty or invalid tenant or agent.
 * @throws {IdempotencyOptionsInvalidError} before any query, for an invalid time to live.
 * @throws {IdempotencyKeyReuseError} when the live run's fingerprint differs from the request's.
 * @throws {IdempotencyRetryableError} on a serialization failure or deadlock; retry the transaction.
 * @throws {IdempotencyStoreError} when the database fails.
 */
export async function claimRun(db: Queryable, request: ClaimRequest, options: ClaimOptions = {}): Promise<ClaimResult> {
  const scoped = validateScopedKey(request.idempotencyKey, request.tenantId, request.agentId);
  const fingerprint = request.fingerprint ?? null;
  const goal = request.goal ?? null;
  const ttlSeconds = resolveTtlSeconds(options.ttlSeconds);
  const replayFailed = options.replayFailed ?? true;
  const newRun = [scoped.tenantId, scoped.agentId, scoped.key, fingerprint, goal];

  const fresh = await query(db, INSERT_SQL, newRun);
  if (fresh !== null) return { run: fresh.run, created: true };
  for (let attempt = 1; attempt <= MAX_CLAIM_ATTEMPTS; attempt++) {
    const found = await query(db, RESOLVE_SQL, [ttlSeconds, ...scopeBindings(scoped), replayFailed, ...newRun]);
    if (found === null) {
      // The run that held the key was rolled back or replaced meanwhile: claim again.
      const retried = await query(db, INSERT_SQL, newRun);
      if (retried !== null) return { run: retried.run, created: true };
      continue;
    }
    if (found.created) return { run: found.run, created: true };
    const mustReplace = found.isExpired || (found.run.status === "failed" && !replayFailed);
    // A run that must be replaced but was not: a concurrent claim replaced it first; read again.
    if (mustReplace) continue;
    const held = found.run.requestFingerprint;
    if (fingerprint !== null && held !== null && held !== fingerprint) throw new IdempotencyKeyReuseError(found.run.id);
    return { run: found.run, created: false };
  }
  throw new IdempotencyRetryableError(
    new Error(`the key changed hands ${MAX_CLAIM_ATTEMPTS} times during one claim`),
  );
}
