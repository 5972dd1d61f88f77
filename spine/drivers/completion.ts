/**
 * The worker's half of the driver: finishing a run, with the response its
 * client gets again when it retries; giving a run's key up; reading the
 * stored response back. Like every driver function, each runs on the
 * executor it is given and never begins, commits or rolls back.
 */
import { type Run, type RunStatus } from "../db/index.js";
import { statement } from "../db/statement.js";
import {
  execute,
  IdempotencyOptionsInvalidError,
  IdempotencyResponseTooLargeError,
  IdempotencyRunNotFoundError,
  IdempotencyRunNotInProgressError,
  IN_PROGRESS,
  type Queryable,
  runOf,
  type RunRow,
  validateRunId,
} from "./idempotency.js";

/** The response headers a replay repeats (lower case); every other header is dropped when the response is stored. */
export const REPLAYED_HEADERS: readonly string[] = ["content-type", "content-language", "content-location", "location", "etag", "last-modified", "link"];

/** The largest stored response by default, in bytes of its JSON: 256 KiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 262_144;

/** The largest `maxResponseBytes` accepted: 16 MiB (a run's row is read on every replay). */
export const MAX_RESPONSE_BYTES_LIMIT = 16_777_216;

/** A response as a handler produced it, to be stored for replays. */
export interface ResponseInput {
  /** The HTTP status code, 100 to 599. */
  readonly statusCode: number;
  /** Its headers; only {@link REPLAYED_HEADERS} are kept. */
  readonly headers?: Readonly<Record<string, string | number | readonly string[] | undefined>>;
  /** The body as sent: text, bytes, or none. */
  readonly body?: string | Uint8Array | null;
}

/** A stored response, as a replay sends it again. */
export interface StoredResponse {
  /** The HTTP status code. */
  readonly statusCode: number;
  /** The kept headers, names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body: the text itself (`utf8`), or its bytes in base64 (`base64`: bytes that are not UTF-8 text, or contain NUL). */
  readonly body: string;
  /** How `body` is encoded. */
  readonly bodyEncoding: "utf8" | "base64";
}

/** How a run ends: `succeeded` or `failed` finish it; `retry` schedules another attempt (it stays in progress). */
export type RunOutcome = Extract<RunStatus, "succeeded" | "failed" | "retry">;

/** What {@link completeRun} records. */
export interface CompleteRunOptions {
  /** The run's new status. */
  readonly status: RunOutcome;
  /** The response a retry of the run's request gets (only with `succeeded` or `failed`). */
  readonly response?: ResponseInput;
  /** The largest stored response, in bytes of its JSON (default {@link DEFAULT_MAX_RESPONSE_BYTES}, at most {@link MAX_RESPONSE_BYTES_LIMIT}). */
  readonly maxResponseBytes?: number;
}

const OUTCOMES: ReadonlySet<string> = new Set<RunOutcome>(["succeeded", "failed", "retry"]);

const RUN_COLUMNS = "id, tenant_id, agent_id, idempotency_key, request_fingerprint, status, goal, created_at, updated_at, superseded_at, lease_expires_at";

/** Sets the outcome of a live run still in progress; a `retry` keeps its lease, a finished run has none. */
const COMPLETE = statement(`update runs set status = :status::text, response = :response::jsonb, updated_at = now(),
  lease_expires_at = case when :status::text = 'retry' then lease_expires_at else null end
where id = :run_id and superseded_at is null and status in ${IN_PROGRESS}
returning ${RUN_COLUMNS}`);

/** Ends a live run still in progress as failed and frees its key: the next claim creates a new run. */
const RELEASE = statement(`update runs set status = 'failed', superseded_at = now(), lease_expires_at = null, updated_at = now()
where id = :run_id and superseded_at is null and status in ${IN_PROGRESS}
returning ${RUN_COLUMNS}`);

/** Why a run could not be changed. */
const STATE = statement("select status, superseded_at from runs where id = :run_id");

const RESPONSE = statement("select response from runs where id = :run_id");

function validateMaxBytes(value: unknown): number {
  if (value === undefined) return DEFAULT_MAX_RESPONSE_BYTES;
  if (!Number.isSafeInteger(value) || (value as number) < 1 || (value as number) > MAX_RESPONSE_BYTES_LIMIT) {
    throw new IdempotencyOptionsInvalidError(`maxResponseBytes must be an integer from 1 to ${MAX_RESPONSE_BYTES_LIMIT}, got ${String(value)}`);
  }
  return value as number;
}

/**
 * A header's value as one string: a list (several field lines) joined with `, `.
 * @param value - the value as Node and the frameworks hold it.
 */
export function headerText(value: string | number | readonly string[]): string {
  return typeof value === "object" ? value.join(", ") : String(value);
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/** A body as stored: text when it is UTF-8 text without NUL (which jsonb cannot hold), base64 otherwise. */
function encodeBody(body: string | Uint8Array | null | undefined): Pick<StoredResponse, "body" | "bodyEncoding"> {
  if (body === undefined || body === null) return { body: "", bodyEncoding: "utf8" };
  if (typeof body === "string") {
    return body.includes("\u0000") || /\p{Cs}/u.test(body) ? { body: Buffer.from(body, "utf8").toString("base64"), bodyEncoding: "base64" } : { body, bodyEncoding: "utf8" };
  }
  try {
    const text = UTF8.decode(body);
    if (!text.includes("\u0000")) return { body: text, bodyEncoding: "utf8" };
  } catch {
    // Not UTF-8: stored as bytes.
  }
  return { body: Buffer.from(body).toString("base64"), bodyEncoding: "base64" };
}

/**
 * The response as it is stored: its status code checked, its headers cut to
 * {@link REPLAYED_HEADERS}, its body encoded, its size checked.
 * @param input - the response as a handler produced it.
 * @param maxResponseBytes - the size limit, in bytes of JSON.
 * @throws {IdempotencyOptionsInvalidError} for a status code outside 100–599 or an invalid limit.
 * @throws {IdempotencyResponseTooLargeError} past the limit.
 */
export function toStoredResponse(input: ResponseInput, maxResponseBytes?: number): StoredResponse {
  const limit = validateMaxBytes(maxResponseBytes);
  if (typeof input !== "object" || input === null) throw new IdempotencyOptionsInvalidError("response must be an object with a statusCode");
  const { statusCode } = input;
  if (!Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    throw new IdempotencyOptionsInvalidError(`response.statusCode must be an integer from 100 to 599, got ${String(statusCode)}`);
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.headers ?? {})) {
    const lower = name.toLowerCase();
    if (value !== undefined && REPLAYED_HEADERS.includes(lower)) headers[lower] = headerText(value);
  }
  const stored: StoredResponse = { statusCode, headers, ...encodeBody(input.body) };
  const bytes = Buffer.byteLength(JSON.stringify(stored), "utf8");
  if (bytes > limit) throw new IdempotencyResponseTooLargeError(bytes, limit);
  return stored;
}

/** The error for a run an update did not change: unknown, finished, or superseded. */
async function notInProgress(db: Queryable, runId: string): Promise<Error> {
  const [row] = await execute<{ status: string; superseded_at: Date | null }>(db, STATE, { run_id: runId });
  if (row === undefined) return new IdempotencyRunNotFoundError(runId);
  return new IdempotencyRunNotInProgressError(runId, row.superseded_at === null ? "finished" : "superseded");
}

/**
 * Records how a run ended: `succeeded` or `failed` finish it (its lease ends,
 * and `response`, if given, is what a retry of its request gets from then on),
 * `retry` schedules another attempt (it stays in progress, lease kept). One
 * statement; it changes only a live run still queued, running or retry, so a
 * worker whose run was taken over (its lease ended and a claim superseded it)
 * cannot overwrite the newer run's outcome.
 * @param db - a knex instance or the caller's transaction.
 * @param runId - the run's id.
 * @param options - the status, the response to store, the size limit.
 * @returns the run as it is now.
 * @throws {IdempotencyOptionsInvalidError} before any query, for an invalid id, status, response or limit, or a response with `retry`.
 * @throws {IdempotencyResponseTooLargeError} before any query, for a response past the limit (HTTP 500).
 * @throws {IdempotencyRunNotFoundError} when no run has the id (HTTP 404).
 * @throws {IdempotencyRunNotInProgressError} when the run has finished or was superseded (HTTP 409).
 * @throws {IdempotencyStoreError} when the database fails.
 */
export async function completeRun(db: Queryable, runId: string, options: CompleteRunOptions): Promise<Run> {
  validateRunId(runId);
  const status: unknown = options?.status;
  if (typeof status !== "string" || !OUTCOMES.has(status)) {
    throw new IdempotencyOptionsInvalidError(`status must be "succeeded", "failed" or "retry", got ${String(status)}`);
  }
  if (status === "retry" && options.response !== undefined) throw new IdempotencyOptionsInvalidError("a run scheduled to retry has no response to store");
  const response = options.response === undefined ? null : JSON.stringify(toStoredResponse(options.response, options.maxResponseBytes));
  const [row] = await execute<RunRow>(db, COMPLETE, { run_id: runId, status, response });
  if (row === undefined) throw await notInProgress(db, runId);
  return runOf(row);
}

/**
 * Gives a run's key up: the run, still in progress, ends as failed and
 * stops holding its key, so the next claim of the key creates a new run
 * (a handler that threw before answering leaves nothing a retry would
 * replay). One statement.
 * @param db - a knex instance or the caller's transaction.
 * @param runId - the run's id.
 * @returns the run as it is now (failed, superseded).
 * @throws {IdempotencyOptionsInvalidError} before any query, for an invalid id.
 * @throws {IdempotencyRunNotFoundError} when no run has the id (HTTP 404).
 * @throws {IdempotencyRunNotInProgressError} when the run has finished or was superseded (HTTP 409).
 * @throws {IdempotencyStoreError} when the database fails.
 */
export async function releaseRun(db: Queryable, runId: string): Promise<Run> {
  validateRunId(runId);
  const [row] = await execute<RunRow>(db, RELEASE, { run_id: runId });
  if (row === undefined) throw await notInProgress(db, runId);
  return runOf(row);
}

/**
 * Reads the response stored with a finished run.
 * @param db - a knex instance or the caller's transaction.
 * @param runId - the run's id.
 * @returns the response, or `null` when the run has none (or does not exist).
 * @throws {IdempotencyOptionsInvalidError} before any query, for an invalid id.
 * @throws {IdempotencyStoreError} when the database fails.
 */
export async function getStoredResponse(db: Queryable, runId: string): Promise<StoredResponse | null> {
  validateRunId(runId);
  const [row] = await execute<{ response: StoredResponse | null }>(db, RESPONSE, { run_id: runId });
  return row?.response ?? null;
}
