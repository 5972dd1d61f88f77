/**
 * The fault scenarios of spine-runtime, shared by the fast suite (short
 * timeouts: faults.test.ts) and the slow tier (createDb's defaults and a 10 s
 * freeze: faults.slow.test.ts). Each runs a bounded storm of `submitRun`
 * calls through a {@link FaultProxy}, breaks the way to the server while
 * calls are in flight, and asserts what the issue of real faults asks:
 * every call settles, as a result or a typed error, within the documented
 * bound; no key has more than one live run; every run a client was told of
 * is in the table; and once the fault heals, calls succeed again within
 * 5 s, without a new knex instance.
 */
import { randomUUID } from "node:crypto";
import type { Knex } from "knex";
import { expect } from "vitest";
import { type CreateDbOptions, createDb, DEFAULT_DB_OPTIONS } from "../../../spine/db/index.js";
import { IdempotencyError } from "../../../spine/drivers/idempotency.js";
import { submitRun, type SubmitRunRequest, type SubmitRunResult } from "../../../spine/orchestrator/index.js";
import { FaultProxy } from "../../support/fault-proxy.js";
import { SILENT_LOG, settle } from "../../support/database.js";

/** The statements of one `submitRun` transaction: BEGIN, the claim, COMMIT. */
const STATEMENTS_PER_CALL = 3;

/**
 * The documented bound of one `submitRun` call without serialization retries:
 * waiting for a connection (acquire timeout, which covers opening one), then
 * each statement bounded by the query timeout.
 */
export function callBound(options: CreateDbOptions): number {
  const acquire = options.acquireTimeoutMillis ?? DEFAULT_DB_OPTIONS.acquireTimeoutMillis;
  const statement = options.statementTimeoutMillis ?? DEFAULT_DB_OPTIONS.statementTimeoutMillis;
  // The query timeout's default: 2 s above the statement timeout (none when that is 0: no bound then).
  const query = options.queryTimeoutMillis ?? (statement > 0 ? statement + 2_000 : Number.POSITIVE_INFINITY);
  return acquire + STATEMENTS_PER_CALL * query;
}

/** One call of a storm: its request, and what it settled with within how long. */
export interface Outcome {
  readonly key: string;
  readonly request: SubmitRunRequest;
  readonly ok: boolean;
  readonly value?: SubmitRunResult;
  readonly error?: unknown;
  readonly elapsed: number;
}

/** A scratch table behind a fault proxy, and a knex instance through it. */
export interface FaultRig {
  readonly proxy: FaultProxy;
  readonly db: Knex;
  readonly options: CreateDbOptions;
  /** Runs `count` concurrent `submitRun` calls with fresh keys (prefix `label`). */
  storm(label: string, count: number): Promise<Outcome[]>;
  /** Closes the knex instance and the proxy. */
  close(): Promise<void>;
}

/** Runs `count` concurrent `submitRun` calls on `db` with fresh keys (prefix `label`). */
export function storm(db: Knex, label: string, count: number): Promise<Outcome[]> {
  return resubmit(
    db,
    Array.from({ length: count }, (_, index) => ({ idempotencyKey: `${label}-${index}-${randomUUID()}`, tenantId: "t", agentId: "a", payload: { index } })),
  );
}

/** Sends each request with `submitRun` on `db`, all at once (a client's retry sends its first request again). */
export function resubmit(db: Knex, requests: readonly SubmitRunRequest[]): Promise<Outcome[]> {
  return Promise.all(
    requests.map(async (request): Promise<Outcome> => {
      const key = request.idempotencyKey;
      const outcome = await settle(() => submitRun(db, request));
      return outcome.ok ? { key, request, ok: true, value: outcome.value, elapsed: outcome.elapsed } : { key, request, ok: false, error: outcome.error, elapsed: outcome.elapsed };
    }),
  );
}

/** Opens a proxy to the database of `url` and a knex instance through it. */
export async function openRig(url: string, options: CreateDbOptions): Promise<FaultRig> {
  const proxy = await FaultProxy.start(url);
  const settings: CreateDbOptions = { log: SILENT_LOG, ...options };
  const db = createDb(proxy.url(url), settings);
  return {
    proxy,
    db,
    options: settings,
    storm: (label, count) => storm(db, label, count),
    close: async () => {
      await db.destroy();
      await proxy.close();
    },
  };
}

/**
 * Prints what a storm came to, one line for docs/reliability.md: calls,
 * results, typed errors by code, and the slowest call against the bound.
 */
export function report(scenario: string, outcomes: readonly Outcome[], bound: number): void {
  const codes = new Map<string, number>();
  for (const outcome of outcomes) {
    if (outcome.ok) continue;
    const code = String((outcome.error as IdempotencyError).code);
    codes.set(code, (codes.get(code) ?? 0) + 1);
  }
  const slowest = Math.max(0, ...outcomes.map((outcome) => outcome.elapsed));
  const errors = [...codes.entries()].map(([code, count]) => `${count} ${code}`).join(", ") || "none";
  console.log(`fault ${scenario}: ${outcomes.length} calls, ${outcomes.filter((outcome) => outcome.ok).length} results, errors: ${errors}; slowest ${slowest} ms (bound ${bound} ms)`);
}

/** Asserts that every call settled within the bound, each failure a typed error (503 and retryable unless `permanent`). */
export function expectTypedWithinBound(outcomes: readonly Outcome[], bound: number, slack = 1_500): void {
  for (const outcome of outcomes) {
    expect({ key: outcome.key, withinBound: outcome.elapsed <= bound + slack }).toEqual({ key: outcome.key, withinBound: true });
    if (outcome.ok) continue;
    expect(outcome.error).toBeInstanceOf(IdempotencyError);
    const error = outcome.error as IdempotencyError;
    expect({ key: outcome.key, status: error.status, retryable: error.retryable, code: error.code }).toMatchObject({ key: outcome.key, status: 503, retryable: true });
  }
}

/**
 * Asserts that no key has more than one live run, and that every run a call
 * returned is in the table (read directly, not through the proxy).
 */
export async function expectNothingLost(direct: Knex, outcomes: readonly Outcome[]): Promise<void> {
  const keys = outcomes.map((outcome) => outcome.key);
  const rows = await direct("runs").whereIn("idempotency_key", keys).whereNull("superseded_at").select<{ id: string; idempotency_key: string }[]>("id", "idempotency_key");
  const perKey = new Map<string, number>();
  for (const row of rows) perKey.set(row.idempotency_key, (perKey.get(row.idempotency_key) ?? 0) + 1);
  expect([...perKey.entries()].filter(([, count]) => count > 1)).toEqual([]);
  const stored = new Set(rows.map((row) => row.id));
  const told = outcomes.flatMap((outcome) => (outcome.ok && outcome.value !== undefined && "run" in outcome.value ? [outcome.value.run.id] : []));
  expect(told.filter((id) => !stored.has(id))).toEqual([]);
}

/** Asserts that, from now, `count` calls all succeed and end within `withinMillis`. */
export async function expectRecovery(rig: FaultRig, label: string, count = 50, withinMillis = 5_000): Promise<Outcome[]> {
  const started = Date.now();
  const outcomes = await rig.storm(label, count);
  const failures = outcomes.filter((outcome) => !outcome.ok).map((outcome) => String((outcome.error as Error).message));
  expect({ failures, withinMillis: Date.now() - started <= withinMillis }).toEqual({ failures: [], withinMillis: true });
  return outcomes;
}
