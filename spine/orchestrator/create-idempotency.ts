/**
 * The facade for the common case: one configuration, and every step of an
 * idempotent request behind it: reading the key, submitting a run or
 * handling a request once per key, the worker's completion and lease, the
 * purge. The HTTP adapters (`spine-runtime/express`, `spine-runtime/fastify`)
 * take it. The seed-faithful driver stays underneath, unchanged.
 */
import type { Knex } from "knex";
import type { Run } from "../db/index.js";
import { completeRun, type CompleteRunOptions } from "../drivers/completion.js";
import { IdempotencyKeyMissingError, IdempotencyOptionsInvalidError, purgeRuns, resolveTtlSeconds, validateLease } from "../drivers/idempotency.js";
import { beginRequest, type BegunRequest, handleRequest, type HandleRequestOptions, type HandledResponse, type HandlerContext, type IdempotentRequest } from "./handle-request.js";
import type { ResponseInput } from "../drivers/completion.js";
import { checkKeyFormat, type IdempotencyKeyFormat, parseIdempotencyKeyHeader } from "./idempotency-key-header.js";
import { keepLease } from "./keep-lease.js";
import { submitRun, type SubmitRunOptions, type SubmitRunRequest, type SubmitRunResult } from "./submit-run.js";

/** How the `Idempotency-Key` header is read. */
export interface KeyConfig {
  /** Whether a request without the header is refused with a 400 (default true); when false, it is handled without idempotency. */
  readonly required?: boolean;
  /** `sf-string` (the IETF draft's `"…"`), `token` (Stripe's bare `order-43`) or `either` (the default). */
  readonly format?: IdempotencyKeyFormat;
}

/** The configuration of {@link createIdempotency}. */
export interface IdempotencyConfig {
  /** The knex instance (`createDb`). */
  readonly db: Knex;
  /** How long a key is remembered, in seconds (default `IDEMPOTENCY_TTL_SECONDS`, else 86,400). */
  readonly ttlSeconds?: number;
  /** The lease of a run while its handler or worker works, renewed every third of it (default 60). */
  readonly leaseSeconds?: number;
  /** The largest response stored for replays, in bytes of its JSON (default 262,144). */
  readonly maxResponseBytes?: number;
  /** How the key header is read. */
  readonly key?: KeyConfig;
  /** Told when the database failed after a handler ran (its response not stored, or its key not given up); by default one line on stderr. */
  readonly onStoreError?: HandleRequestOptions["onStoreError"];
}

/** What {@link createIdempotency} returns. */
export interface Idempotency {
  /** The knex instance. */
  readonly db: Knex;
  /** Whether requests without a key are refused. */
  readonly keyRequired: boolean;
  /**
   * Reads the key from an `Idempotency-Key` header value (Node's and the frameworks' header type).
   * @returns the key, or `undefined` when the header is absent and keys are optional.
   * @throws {IdempotencyKeyMissingError} (400) when it is absent and required.
   * @throws {IdempotencyKeyInvalidError} (400) when it is malformed.
   */
  parseKey(header: string | readonly string[] | undefined): string | undefined;
  /** Submits a run for a worker to do (`submitRun` with this configuration). */
  submit(request: SubmitRunRequest, options?: Omit<SubmitRunOptions, "ttlSeconds" | "leaseSeconds">): Promise<SubmitRunResult>;
  /** Handles a request once per key around `handler` (see `handleRequest`). */
  handle(request: IdempotentRequest, handler: (context: HandlerContext) => Promise<ResponseInput>): Promise<HandledResponse>;
  /** The first step of `handle`, for an adapter whose handler runs between two hooks (see `beginRequest`). */
  begin(request: IdempotentRequest): Promise<BegunRequest>;
  /** The worker finishes a run (`completeRun`, with this configuration's size limit). */
  complete(runId: string, outcome: CompleteRunOptions): Promise<Run>;
  /** The worker keeps a run's lease while `work` runs (`keepLease`, with this configuration's lease). */
  keepLease<T>(runId: string, work: (signal: AbortSignal) => Promise<T>): Promise<T>;
  /** Deletes the runs older than `olderThanSeconds` (default: the time to live), in batches (`purgeRuns`). */
  purge(options?: { readonly olderThanSeconds?: number; readonly batchSize?: number }): Promise<number>;
}

/** The lease by default, in seconds. */
const DEFAULT_LEASE_SECONDS = 60;

/** One line on stderr: the database failed after a handler ran, so a retry meets its run in progress until the lease ends. */
function reportStoreError(error: Error, runId: string): void {
  process.stderr.write(`spine-runtime: the database failed after the handler of run ${runId} ran (${error.message}); a retry meets the run in progress until its lease ends\n`);
}

/**
 * Creates the facade over one knex instance and one configuration. Every
 * option is checked here, before any request.
 * @param config - the knex instance, time to live, lease, size limit and key header format.
 * @throws {IdempotencyOptionsInvalidError} for an invalid option.
 */
export function createIdempotency(config: IdempotencyConfig): Idempotency {
  if (typeof config !== "object" || config === null || typeof config.db !== "function") {
    throw new IdempotencyOptionsInvalidError("createIdempotency needs { db }, a knex instance (createDb)");
  }
  const { db } = config;
  const ttlSeconds = resolveTtlSeconds(config.ttlSeconds);
  const leaseSeconds = validateLease(config.leaseSeconds ?? DEFAULT_LEASE_SECONDS);
  const keyRequired = config.key?.required ?? true;
  const format = checkKeyFormat(config.key?.format ?? "either");
  if (typeof keyRequired !== "boolean") throw new IdempotencyOptionsInvalidError(`key.required must be a boolean, got ${typeof keyRequired}`);
  const handleOptions: HandleRequestOptions = {
    ttlSeconds,
    leaseSeconds,
    onStoreError: config.onStoreError ?? reportStoreError,
    ...(config.maxResponseBytes === undefined ? {} : { maxResponseBytes: config.maxResponseBytes }),
  };
  return {
    db,
    keyRequired,
    parseKey: (header) => {
      const absent = header === undefined || (Array.isArray(header) && header.length === 0);
      if (absent) {
        if (keyRequired) throw new IdempotencyKeyMissingError();
        return undefined;
      }
      return parseIdempotencyKeyHeader(header, { format });
    },
    submit: (request, options = {}) => submitRun(db, request, { ...options, ttlSeconds, leaseSeconds }),
    handle: (request, handler) => handleRequest(db, request, handler, handleOptions),
    begin: (request) => beginRequest(db, request, handleOptions),
    complete: (runId, outcome) => completeRun(db, runId, { ...(config.maxResponseBytes === undefined ? {} : { maxResponseBytes: config.maxResponseBytes }), ...outcome }),
    keepLease: (runId, work) => keepLease(db, runId, { leaseSeconds }, work),
    purge: (options = {}) => purgeRuns(db, { olderThanSeconds: options.olderThanSeconds ?? ttlSeconds, ttlSeconds, ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }) }),
  };
}
