/**
 * Submitting a run: the orchestrator owns the transaction around the driver's claim
 * and turns the claim into a decision with the HTTP status of the IETF
 * Idempotency-Key draft.
 */
import type { Knex } from "knex";
import { isFinished, type Run } from "../db/index.js";
import { getStoredResponse, type StoredResponse } from "../drivers/completion.js";
import {
  claimRun,
  IdempotencyKeyReuseError,
  IdempotencyOptionsInvalidError,
  IdempotencyRetryableError,
  validateClaim,
  type ClaimOptions,
  type ClaimRequest,
} from "../drivers/idempotency.js";
import { requestFingerprint } from "./fingerprint.js";
import { redactKey } from "./redact.js";
import { withTransaction } from "./transaction.js";

/** A request to start a run. */
export interface SubmitRunRequest {
  /** The client's `Idempotency-Key`. */
  readonly idempotencyKey: string;
  /** The tenant, or `null` for none. */
  readonly tenantId: string | null;
  /** The agent, or `null` for none. */
  readonly agentId: string | null;
  /** The request body; its fingerprint detects a key reused with another payload. */
  readonly payload: unknown;
  /** Free-text description stored on a new run. */
  readonly goal?: string | null;
}

/** One structured log event of {@link submitRun}; it never carries the key itself. */
export interface SubmitRunLogEvent {
  readonly event: "submit_run.decided" | "submit_run.retrying";
  /** {@link redactKey} of the idempotency key. */
  readonly keyRef: string;
  readonly tenantId: string | null;
  readonly agentId: string | null;
  readonly attempt: number;
  readonly decision?: SubmitDecision;
  readonly runId?: string;
}

/** Options of {@link submitRun}. */
export interface SubmitRunOptions {
  /** Overrides `IDEMPOTENCY_TTL_SECONDS`. */
  readonly ttlSeconds?: number;
  /** Return a failed run instead of starting a new one (default true). */
  readonly replayFailed?: boolean;
  /** Gives a new run a lease of this many seconds (see `claimRun`); without it, runs have no lease. */
  readonly leaseSeconds?: number;
  /** Isolation level of the transaction (default: the server's, usually read committed). */
  readonly isolationLevel?: Knex.IsolationLevels;
  /** How many times to run the transaction when it hits a serialization failure (1 to 100, default 3). */
  readonly maxAttempts?: number;
  /** Receives one event per decision and per retry. */
  readonly logger?: (event: SubmitRunLogEvent) => void;
}

/** What happened to the request. */
export type SubmitDecision = "created" | "replayed" | "key_reused";

/**
 * The outcome of {@link submitRun}, with the HTTP status to answer with.
 *
 * A retry gets what the first request got, marked as a replay: `201` and the
 * run (as it is now), whether a worker has picked it up or not, since the
 * first request's processing ended when its claim committed; once a worker
 * finished the run and stored a response (`completeRun`), that response.
 */
export type SubmitRunResult =
  | { readonly decision: "created"; readonly httpStatus: 201; readonly replayed: false; readonly run: Run }
  | { readonly decision: "replayed"; readonly httpStatus: number; readonly replayed: true; readonly run: Run; readonly response: StoredResponse | null }
  | { readonly decision: "key_reused"; readonly httpStatus: 422; readonly runId: string; readonly error: IdempotencyKeyReuseError };

/** The HTTP status of a submission that created its run, which a replay repeats unless a response was stored. */
const CREATED = 201;

function decide(run: Run, created: boolean, response: StoredResponse | null): SubmitRunResult {
  if (created) return { decision: "created", httpStatus: CREATED, replayed: false, run };
  return { decision: "replayed", httpStatus: response?.statusCode ?? CREATED, replayed: true, run, response };
}


const ISOLATION_LEVELS: ReadonlySet<string> = new Set(["read uncommitted", "read committed", "repeatable read", "serializable"]);

/** The most transactions {@link submitRun} runs for one request. */
const MAX_ATTEMPTS_LIMIT = 100;

/** Checks submitRun's own options and returns `maxAttempts`. */
function validateSubmitOptions(options: SubmitRunOptions): number {
  const maxAttempts = options.maxAttempts ?? 3;
  if (!Number.isSafeInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
    throw new IdempotencyOptionsInvalidError(`maxAttempts must be an integer from 1 to ${MAX_ATTEMPTS_LIMIT}, got ${String(maxAttempts)}`);
  }
  if (options.isolationLevel !== undefined && !ISOLATION_LEVELS.has(options.isolationLevel)) {
    throw new IdempotencyOptionsInvalidError(`isolationLevel must be one of ${[...ISOLATION_LEVELS].map((level) => `"${level}"`).join(", ")}`);
  }
  return maxAttempts;
}

function claimOptionsOf(options: SubmitRunOptions): ClaimOptions {
  return {
    ...(options.ttlSeconds === undefined ? {} : { ttlSeconds: options.ttlSeconds }),
    ...(options.replayFailed === undefined ? {} : { replayFailed: options.replayFailed }),
    ...(options.leaseSeconds === undefined ? {} : { leaseSeconds: options.leaseSeconds }),
  };
}

/**
 * Runs the claim in a transaction of its own ({@link withTransaction}): BEGIN,
 * the claim, COMMIT. Every failure, from acquiring a connection to COMMIT, is
 * typed; a reused key is the `key_reused` decision.
 */
async function claimInTransaction(db: Knex, claim: ClaimRequest, options: SubmitRunOptions): Promise<SubmitRunResult> {
  try {
    const { run, created, response } = await withTransaction(
      db,
      async (trx) => {
        const claimed = await claimRun(trx, claim, claimOptionsOf(options));
        // A replay of a finished run answers with its stored response: one more read, on replays only.
        const stored = !claimed.created && isFinished(claimed.run) ? await getStoredResponse(trx, claimed.run.id) : null;
        return { ...claimed, response: stored };
      },
      options.isolationLevel === undefined ? {} : { isolationLevel: options.isolationLevel },
    );
    return decide(run, created, response);
  } catch (error) {
    if (error instanceof IdempotencyKeyReuseError) return { decision: "key_reused", httpStatus: 422, runId: error.runId, error };
    throw error;
  }
}

/**
 * Submits a run under an idempotency key. It validates the key, scope,
 * options and payload without taking a connection, then begins a
 * transaction, claims the key through the idempotency driver, and commits; a
 * serialization failure reruns the whole transaction (up to `maxAttempts`).
 *
 * Decisions and HTTP statuses (IETF Idempotency-Key draft):
 * `created` 201 (this request created the run); `replayed` (a retry: the
 * first request's 201 and the run as it is now, or the response stored with
 * the finished run by `completeRun`); `key_reused` 422 (the key is held by a
 * request with another payload). A retry that arrives while the first
 * request's claim is not yet committed waits for it (at most the lock
 * timeout), then replays it.
 * @param db - the knex instance; the transaction is opened on it.
 * @param request - key, scope, payload and goal.
 * @param options - time to live, failed-run policy, lease, isolation, retries, logger.
 * @returns the decision, its HTTP status and the run.
 * @throws {IdempotencyKeyInvalidError} (400), {@link IdempotencyScopeInvalidError} (400),
 *   {@link PayloadInvalidError} (400) or {@link IdempotencyOptionsInvalidError} (500), before any connection is taken.
 * @throws {IdempotencyStoreError} (503 when transient, such as a database that is down, a full pool or a lock
 *   timeout; 500 when permanent), including failures of BEGIN and COMMIT, or {@link IdempotencyRetryableError} (503)
 *   when the serialization retries ran out, or {@link IdempotencyCommitUnknownError} (503, retryable) when COMMIT got
 *   no answer: the run may or may not exist, and a retry with the same key finds it if it does.
 */
export async function submitRun(db: Knex, request: SubmitRunRequest, options: SubmitRunOptions = {}): Promise<SubmitRunResult> {
  const scoped = { idempotencyKey: request.idempotencyKey, tenantId: request.tenantId, agentId: request.agentId, goal: request.goal ?? null };
  validateClaim(scoped, claimOptionsOf(options));
  const maxAttempts = validateSubmitOptions(options);
  const claim: ClaimRequest = { ...scoped, fingerprint: requestFingerprint(request.payload) };
  const log = options.logger ?? (() => undefined);
  const context = { keyRef: redactKey(request.idempotencyKey), tenantId: request.tenantId, agentId: request.agentId };
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await claimInTransaction(db, claim, options);
      log({ event: "submit_run.decided", ...context, attempt, decision: result.decision, runId: "run" in result ? result.run.id : result.runId });
      return result;
    } catch (error) {
      if (!(error instanceof IdempotencyRetryableError) || attempt >= maxAttempts) throw error;
      log({ event: "submit_run.retrying", ...context, attempt });
    }
  }
}
