/**
 * An HTTP request handled once per idempotency key, whatever framework
 * serves it: the claim, the handler for a new key, the response stored with
 * the run, and for a retry the stored response again, marked as a replay.
 * The Express and Fastify adapters only translate their request and reply.
 *
 * The answers (IETF Idempotency-Key draft, Stripe's replay):
 * - a new key: the handler runs while the run's lease is kept; what it
 *   answers is stored with the run (finished `succeeded` below 400, `failed`
 *   from 400 to 499), then sent; a server error (500 and up) is sent but not
 *   stored: the run gives the key up, and a retry runs the handler again;
 * - a retry of a finished request: the stored response, with
 *   `Idempotent-Replayed: true`;
 * - a retry while the first request is still being handled: 409, with
 *   `Retry-After`;
 * - the key with another payload: 422;
 * - a handler that throws: as a server error (the error goes to the
 *   framework);
 * - a response too large to store: a 500 `idempotency_response_too_large`,
 *   stored and sent instead (a retry gets the same).
 * Every answer names the run in `Spine-Run-Id`.
 */
import type { Knex } from "knex";
import { isFinished, type Run } from "../db/index.js";
import { completeRun, getStoredResponse, headerText, releaseRun, type ResponseInput, type StoredResponse, toStoredResponse } from "../drivers/completion.js";
import { claimRun, IdempotencyError, IdempotencyKeyReuseError, IdempotencyResponseTooLargeError } from "../drivers/idempotency.js";
import { requestFingerprint } from "./fingerprint.js";
import { startLeaseKeeper } from "./keep-lease.js";
import { withTransaction } from "./transaction.js";

// The base class of every typed error, for the HTTP adapters (spine/http/), which import the orchestrator and never the driver.
export { IdempotencyError };

/** The header that marks a replayed response (as Stripe sends it). */
export const REPLAYED_HEADER = "idempotent-replayed";

/** The header that names the run behind a response. */
export const RUN_ID_HEADER = "spine-run-id";

/** How many seconds a 409 or a retryable 503 tells the client to wait before retrying. */
export const RETRY_AFTER_SECONDS = 1;

/** The request, as the handling needs it. */
export interface IdempotentRequest {
  readonly idempotencyKey: string;
  readonly tenantId: string | null;
  readonly agentId: string | null;
  /** The body; its fingerprint detects a key reused with another payload (`undefined`: no body). */
  readonly payload: unknown;
  /** Free-text description stored on a new run. */
  readonly goal?: string | null;
}

/** What the handler is given: its run, and a signal that aborts when the run stops being its own. */
export interface HandlerContext {
  readonly runId: string;
  readonly signal: AbortSignal;
}

/** How the request was answered. */
export type HandleDecision = "executed" | "replayed" | "in_progress" | "key_reused";

/** The response to send. */
export interface HandledResponse {
  readonly decision: HandleDecision;
  readonly statusCode: number;
  /** Headers to set, names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body to send. */
  readonly body: string | Uint8Array;
  /** The run behind the answer. */
  readonly runId: string;
}

/** Options of {@link handleRequest}. */
export interface HandleRequestOptions {
  /** Overrides `IDEMPOTENCY_TTL_SECONDS`. */
  readonly ttlSeconds?: number;
  /** The lease the handler's run holds while it runs, renewed every third of it (default 60). */
  readonly leaseSeconds?: number;
  /** The largest response stored, in bytes of its JSON (default 256 KiB). */
  readonly maxResponseBytes?: number;
  /**
   * Told when the database failed after the handler ran: its response was sent but not stored, or its
   * run could not give the key up (a retry then meets the run in progress until its lease ends).
   */
  readonly onStoreError?: (error: IdempotencyError, runId: string) => void;
}

/** The lease of a handler's run by default, in seconds. */
export const DEFAULT_HANDLER_LEASE_SECONDS = 60;

/** An RFC 9457 problem response for an error, with `Retry-After` when it is worth retrying. */
export function problemResponse(error: IdempotencyError, extraHeaders: Readonly<Record<string, string>> = {}): { statusCode: number; headers: Record<string, string>; body: string } {
  const headers: Record<string, string> = { "content-type": "application/problem+json", ...extraHeaders };
  if (error.retryable || error.status === 409) headers["retry-after"] = String(RETRY_AFTER_SECONDS);
  const body = JSON.stringify({ type: `https://spine.dev/problems/${error.code}`, title: error.code, status: error.status, detail: error.message, code: error.code, retryable: error.retryable });
  return { statusCode: error.status, headers, body };
}

/**
 * A request with this key is still being handled: 409, as the IETF draft
 * requires for a retry whose original is still in progress; retryable (the
 * answer carries `Retry-After`).
 */
export class IdempotencyRequestInProgressError extends IdempotencyError {
  /** The run of the request in progress. */
  readonly runId: string;

  constructor(runId: string) {
    super(`a request with this idempotency key is still being processed (run ${runId}); retry later`, { code: "idempotency_request_in_progress", status: 409, retryable: true });
    this.runId = runId;
  }
}

function decodeBody(stored: StoredResponse): string | Uint8Array {
  return stored.bodyEncoding === "base64" ? Buffer.from(stored.body, "base64") : stored.body;
}

function replay(run: Run, stored: StoredResponse | null): HandledResponse {
  const marks = { [REPLAYED_HEADER]: "true", [RUN_ID_HEADER]: run.id };
  if (stored === null) {
    // A run finished through the worker API without a response: its state is the answer.
    return { decision: "replayed", statusCode: 200, headers: { "content-type": "application/json", ...marks }, body: JSON.stringify({ runId: run.id, status: run.status }), runId: run.id };
  }
  return { decision: "replayed", statusCode: stored.statusCode, headers: { ...stored.headers, ...marks }, body: decodeBody(stored), runId: run.id };
}

/** The start of a request's handling: an answer to send now, or a handler to run. */
export type BegunRequest = { readonly kind: "answer"; readonly response: HandledResponse } | { readonly kind: "execute"; readonly execution: Execution };

/** A new key's handling, between the claim and the handler's answer. */
export interface Execution {
  /** The run the request created. */
  readonly runId: string;
  /** Aborts when the run stops being this handler's (its lease was lost). */
  readonly signal: AbortSignal;
  /**
   * Stores the handler's response with the run and returns what to send.
   * @throws {IdempotencyLeaseLostError} (409) when the run was taken over while the handler ran.
   */
  finish(response: ResponseInput): Promise<HandledResponse>;
  /** The handler failed without answering: the run gives its key up, so that a retry runs the handler again. */
  abandon(): Promise<void>;
}

/**
 * Claims the request's key and says what to do: send an answer now (a
 * replay, a 409, a 422), or run the handler and then `finish` with its
 * response (or `abandon` when it failed). The Express and Fastify adapters
 * are built on it; {@link handleRequest} runs both steps around one function.
 * @param db - the knex instance.
 * @param request - the key, its scope and the payload.
 * @param options - time to live, lease, size limit, store-error hook.
 * @throws {IdempotencyError} for a bad key, scope or payload (400) and a database failure (503 or 500).
 */
export async function beginRequest(db: Knex, request: IdempotentRequest, options: HandleRequestOptions = {}): Promise<BegunRequest> {
  const leaseSeconds = options.leaseSeconds ?? DEFAULT_HANDLER_LEASE_SECONDS;
  const claim = { idempotencyKey: request.idempotencyKey, tenantId: request.tenantId, agentId: request.agentId, goal: request.goal ?? null, fingerprint: requestFingerprint(request.payload) };
  let claimed: { run: Run; created: boolean; stored: StoredResponse | null };
  try {
    claimed = await withTransaction(db, async (trx) => {
      const { run, created } = await claimRun(trx, claim, { leaseSeconds, ...(options.ttlSeconds === undefined ? {} : { ttlSeconds: options.ttlSeconds }) });
      return { run, created, stored: !created && isFinished(run) ? await getStoredResponse(trx, run.id) : null };
    });
  } catch (error) {
    if (error instanceof IdempotencyKeyReuseError) return { kind: "answer", response: { decision: "key_reused", ...problemResponse(error, { [RUN_ID_HEADER]: error.runId }), runId: error.runId } };
    throw error;
  }
  const { run } = claimed;
  if (!claimed.created) {
    if (!isFinished(run)) {
      return { kind: "answer", response: { decision: "in_progress", ...problemResponse(new IdempotencyRequestInProgressError(run.id), { [RUN_ID_HEADER]: run.id }), runId: run.id } };
    }
    return { kind: "answer", response: replay(run, claimed.stored) };
  }
  const keeper = startLeaseKeeper(db, run.id, { leaseSeconds });
  return {
    kind: "execute",
    execution: {
      runId: run.id,
      signal: keeper.signal,
      finish: async (produced) => {
        const lost = keeper.stop();
        if (lost !== undefined) throw lost;
        return finish(db, run.id, produced, options);
      },
      abandon: async () => {
        keeper.stop();
        await giveUp(db, run.id, options);
      },
    },
  };
}

/** Gives a run's key up (`releaseRun`); a database failure goes to `onStoreError`, since the answer goes out anyway. */
async function giveUp(db: Knex, runId: string, options: HandleRequestOptions): Promise<void> {
  try {
    await releaseRun(db, runId);
  } catch (error) {
    if (error instanceof IdempotencyError) options.onStoreError?.(error, runId);
    else throw error;
  }
}

/** Stores a handler's response with its run (a server error: gives the key up instead) and returns what to send. */
async function finish(db: Knex, runId: string, produced: ResponseInput, options: HandleRequestOptions): Promise<HandledResponse> {
  if (Number.isInteger(produced.statusCode) && produced.statusCode >= 500 && produced.statusCode <= 599) {
    await giveUp(db, runId, options);
    const body = produced.body ?? "";
    return { decision: "executed", statusCode: produced.statusCode, headers: { ...stringHeaders(produced.headers), [RUN_ID_HEADER]: runId }, body, runId };
  }
  // What is stored: the handler's response, or the 500 that replaces it when it is too large (the limit is not applied to that 500).
  let toStore: ResponseInput = produced;
  let limit = options.maxResponseBytes;
  let stored: StoredResponse;
  let sentHeaders = stringHeaders(produced.headers);
  try {
    stored = toStoredResponse(produced, limit);
  } catch (error) {
    if (!(error instanceof IdempotencyResponseTooLargeError)) throw error;
    toStore = problemResponse(error);
    limit = undefined;
    stored = toStoredResponse(toStore);
    sentHeaders = {};
  }
  try {
    // completeRun encodes the response itself: it is given the response, not `stored` (whose base64 body it would store as text).
    await completeRun(db, runId, { status: stored.statusCode < 400 ? "succeeded" : "failed", response: toStore, ...(limit === undefined ? {} : { maxResponseBytes: limit }) });
  } catch (error) {
    // The handler's work is done and its answer goes out; a retry meets the run in progress until its lease ends.
    if (!(error instanceof IdempotencyError)) throw error;
    options.onStoreError?.(error, runId);
  }
  // What is sent is what a replay sends, but for the replay mark; headers outside the allow-list go out on this answer only.
  const headers: Record<string, string> = { ...sentHeaders, ...stored.headers, [RUN_ID_HEADER]: runId };
  return { decision: "executed", statusCode: stored.statusCode, headers, body: decodeBody(stored), runId };
}

/**
 * Handles one request under its idempotency key around one function (for a
 * framework without an adapter, or plain `node:http`); see the module
 * comment for the answers.
 * @param db - the knex instance.
 * @param request - the key, its scope and the payload.
 * @param handler - produces the response for a new key; its signal aborts when its run is taken over.
 * @param options - time to live, lease, size limit, store-error hook.
 * @returns the response to send.
 * @throws {IdempotencyError} for a bad key, scope or payload (400) and a database failure before the handler ran (503 or 500).
 * @throws whatever the handler threw (its run has given the key up).
 */
export async function handleRequest(db: Knex, request: IdempotentRequest, handler: (context: HandlerContext) => Promise<ResponseInput>, options: HandleRequestOptions = {}): Promise<HandledResponse> {
  const begun = await beginRequest(db, request, options);
  if (begun.kind === "answer") return begun.response;
  const { execution } = begun;
  let produced: ResponseInput;
  try {
    produced = await handler({ runId: execution.runId, signal: execution.signal });
  } catch (error) {
    await execution.abandon();
    throw error;
  }
  return execution.finish(produced);
}

function stringHeaders(headers: ResponseInput["headers"]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) if (value !== undefined) result[name.toLowerCase()] = headerText(value);
  return result;
}
