/**
 * Submitting a run: the orchestrator owns the transaction around the driver's claim
 * and turns the claim into a decision with the HTTP status of the IETF
 * Idempotency-Key draft.
 */
import type { Knex } from "knex";
import type { Run } from "../db/index.js";
import {
  claimRun,
  IdempotencyKeyReuseError,
  IdempotencyRetryableError,
  toIdempotencyError,
} from "../drivers/idempotency.js";
import { requestFingerprint } from "./fingerprint.js";
import { redactKey } from "./redact.js";

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
  /** Isolation level of the transaction (default: the server's, usually read committed). */
  readonly isolationLevel?: Knex.IsolationLevels;
  /** How many times to run the transaction when it hits a serialization failure (default 3). */
  readonly maxAttempts?: number;
  /** Receives one event per decision and per retry. */
  readonly logger?: (event: SubmitRunLogEvent) => void;
}

/** What happened to the request. */
export type SubmitDecision = "created" | "replayed" | "in_progress" | "key_reused";

/** The outcome of {@link submitRun}, with the HTTP status to answer with. */
export type SubmitRunResult =
  | { readonly decision: "created"; readonly httpStatus: 201; readonly run: Run }
  | { readonly decision: "replayed"; readonly httpStatus: 200; readonly run: Run }
  | { readonly decision: "in_progress"; readonly httpStatus: 409; readonly run: Run }
  | { readonly decision: "key_reused"; readonly httpStatus: 422; readonly runId: string; readonly error: IdempotencyKeyReuseError };

function decide(run: Run, created: boolean): SubmitRunResult {
  if (created) return { decision: "created", httpStatus: 201, run };
  if (run.status === "succeeded" || run.status === "failed") return { decision: "replayed", httpStatus: 200, run };
  return { decision: "in_progress", httpStatus: 409, run };
}

async function claimInTransaction(db: Knex, request: SubmitRunRequest, fingerprint: string, options: SubmitRunOptions): Promise<SubmitRunResult> {
  const trx = await db.transaction(options.isolationLevel === undefined ? undefined : { isolationLevel: options.isolationLevel });
  let result: SubmitRunResult;
  try {
    const { run, created } = await claimRun(
      trx,
      { idempotencyKey: request.idempotencyKey, tenantId: request.tenantId, agentId: request.agentId, fingerprint, goal: request.goal ?? null },
      {
        ...(options.ttlSeconds === undefined ? {} : { ttlSeconds: options.ttlSeconds }),
        ...(options.replayFailed === undefined ? {} : { replayFailed: options.replayFailed }),
      },
    );
    result = decide(run, created);
  } catch (error) {
    await trx.rollback();
    if (error instanceof IdempotencyKeyReuseError) return { decision: "key_reused", httpStatus: 422, runId: error.runId, error };
    throw error;
  }
  try {
    await trx.commit();
  } catch (error) {
    throw toIdempotencyError(error);
  }
  return result;
}

/**
 * Submits a run under an idempotency key. It begins a transaction, claims the
 * key through the idempotency driver, and commits; a serialization failure
 * reruns the whole transaction (up to `maxAttempts`).
 *
 * Decisions and HTTP statuses (IETF Idempotency-Key draft):
 * `created` 201 (this request created the run), `replayed` 200 (the run has
 * finished: succeeded or failed), `in_progress` 409 (queued, running or retry),
 * `key_reused` 422 (the key is held by a request with another payload).
 * @param db - the knex instance; the transaction is opened on it.
 * @param request - key, scope, payload and goal.
 * @param options - time to live, failed-run policy, isolation, retries, logger.
 * @returns the decision, its HTTP status and the run.
 * @throws {IdempotencyKeyInvalidError} (400), {@link PayloadInvalidError} (400),
 *   {@link IdempotencyStoreError} (503) or {@link IdempotencyRetryableError} (503) when retries ran out.
 */
export async function submitRun(db: Knex, request: SubmitRunRequest, options: SubmitRunOptions = {}): Promise<SubmitRunResult> {
  const fingerprint = requestFingerprint(request.payload);
  const maxAttempts = options.maxAttempts ?? 3;
  const log = options.logger ?? (() => undefined);
  const context = { keyRef: redactKey(request.idempotencyKey), tenantId: request.tenantId, agentId: request.agentId };
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await claimInTransaction(db, request, fingerprint, options);
      log({ event: "submit_run.decided", ...context, attempt, decision: result.decision, runId: "run" in result ? result.run.id : result.runId });
      return result;
    } catch (error) {
      if (!(error instanceof IdempotencyRetryableError) || attempt >= maxAttempts) throw error;
      log({ event: "submit_run.retrying", ...context, attempt });
    }
  }
}
