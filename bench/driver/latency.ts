/**
 * Latency of single calls, one at a time over one pool, interleaved: every
 * round calls each operation once, in a fresh random order, so drift of the
 * machine affects all operations alike and no operation always follows the
 * same neighbour.
 */
import { randomUUID } from "node:crypto";
import type { Knex } from "knex";
import { checkIdempotency, claimRun, getExistingRun, renewLease } from "../../spine/drivers/idempotency.js";
import { submitRun } from "../../spine/orchestrator/index.js";
import { summarize, type Summary } from "../lib/stats.js";
import { timeMs } from "../lib/timing.js";
import { randomExpiredKey, randomLiveKey, supersededKeys, type Seed, type SeededKey } from "./seed.js";

/** The operations timed, in the order of a round. Baselines first. */
export const LATENCY_OPERATIONS = [
  "select_1",
  "select_pk",
  "check_hit",
  "check_miss",
  "check_expired",
  "get_existing_run",
  "claim_fresh",
  "claim_existing",
  "claim_expired",
  "claim_failed_rerun",
  "claim_lease_ended",
  "claim_lease",
  "renew_lease",
  "submit_run",
  "submit_run_set_local",
] as const;

/** The name of a timed operation. */
export type LatencyOperation = (typeof LATENCY_OPERATIONS)[number];

/** What each operation does, for the report. */
export const LATENCY_DESCRIPTIONS: Readonly<Record<LatencyOperation, string>> = {
  select_1: "bare `select 1`",
  select_pk: "bare `select * from runs where id = ?`",
  check_hit: "`checkIdempotency`, live key",
  check_miss: "`checkIdempotency`, unknown key",
  check_expired: "`checkIdempotency`, expired key",
  get_existing_run: "`getExistingRun`, live key",
  claim_fresh: "`claimRun`, fresh key",
  claim_existing: "`claimRun`, live key",
  claim_expired: "`claimRun`, expired key (supersedes)",
  claim_failed_rerun: "`claimRun`, failed run, `replayFailed: false`",
  claim_lease_ended: "`claimRun`, running run whose lease ended",
  claim_lease: "`claimRun`, fresh key, 60 s lease",
  renew_lease: "`renewLease`, live in-progress run",
  submit_run: "`submitRun` (BEGIN, claim, COMMIT), fresh key, timeouts as startup parameters",
  submit_run_set_local: '`submitRun`, fresh key, `sessionTimeouts: "transaction"` (SET LOCAL in BEGIN)',
};

/**
 * The pools the operations run on: one for the driver's calls, and one for
 * each way of setting the session timeouts, so that `submitRun` is timed
 * with the defaults of `createDb` both ways.
 */
export interface LatencyPools {
  /** The pool of the driver's calls and the baselines. */
  readonly db: Knex;
  /** A pool with the session timeouts as startup parameters (`createDb`'s default). */
  readonly startupTimeouts: Knex;
  /** A pool with `sessionTimeouts: "transaction"` (the timeouts in each BEGIN, for a pooler). */
  readonly transactionTimeouts: Knex;
}

/** The length of the leases the benchmark takes and renews. */
const LEASE_SECONDS = 60;

/** Ids of seeded rows the operations read or renew. */
export interface SampledIds {
  /** Random seeded rows, for the select by primary key. */
  readonly ids: readonly string[];
  /** Random live runs still queued, running or retry, for `renewLease`. */
  readonly inProgressIds: readonly string[];
}

/** Builds the call to time; building it (picking keys) is not timed. */
type Prepare = () => () => Promise<void>;

function verify(condition: boolean, operation: LatencyOperation): void {
  if (!condition) throw new Error(`latency benchmark: ${operation} returned an unexpected result`);
}

function pick(items: readonly string[]): string {
  return items[Math.floor(Math.random() * items.length)] ?? "";
}

/** A claim that must supersede the seeded run of `key` and create a new run. */
function supersede(db: Knex, key: SeededKey, operation: LatencyOperation, options: { replayFailed?: boolean } = {}): () => Promise<void> {
  return async () => {
    const result = await claimRun(db, { ...key, goal: "benchmark" }, options);
    verify(result.created, operation);
  };
}

/** A `submitRun` of a fresh key on `db`, which must create a run. */
function submitFresh(db: Knex, seed: Seed, operation: LatencyOperation): () => Promise<void> {
  const { tenantId, agentId } = randomLiveKey(seed);
  const request = { idempotencyKey: `submit-${randomUUID()}`, tenantId, agentId, payload: { benchmark: true } };
  return async () => {
    const result = await submitRun(db, request);
    verify(result.decision === "created", operation);
  };
}

function operations(pools: LatencyPools, seed: Seed, sampled: SampledIds): Record<LatencyOperation, Prepare> {
  const { db } = pools;
  const randomId = (): string => pick(sampled.ids);
  const superseded = supersededKeys(seed);
  return {
    select_1: () => async () => {
      await db.raw("select 1");
    },
    select_pk: () => {
      const id = randomId();
      return async () => {
        const result = await db.raw<{ rows: unknown[] }>("select * from runs where id = ?", [id]);
        verify(result.rows.length === 1, "select_pk");
      };
    },
    check_hit: () => {
      const key = randomLiveKey(seed);
      return async () => {
        const result = await checkIdempotency(db, key.idempotencyKey, key.tenantId, key.agentId);
        verify(result.exists && !result.isExpired, "check_hit");
      };
    },
    check_miss: () => {
      const key = randomLiveKey(seed);
      const missing = `missing-${randomUUID()}`;
      return async () => {
        const result = await checkIdempotency(db, missing, key.tenantId, key.agentId);
        verify(!result.exists, "check_miss");
      };
    },
    check_expired: () => {
      const key = randomExpiredKey(seed);
      return async () => {
        const result = await checkIdempotency(db, key.idempotencyKey, key.tenantId, key.agentId);
        verify(result.exists && result.isExpired, "check_expired");
      };
    },
    get_existing_run: () => {
      const key = randomLiveKey(seed);
      return async () => {
        const run = await getExistingRun(db, key.idempotencyKey, key.tenantId, key.agentId);
        verify(run !== null, "get_existing_run");
      };
    },
    claim_fresh: () => {
      const key = { ...randomLiveKey(seed), idempotencyKey: `fresh-${randomUUID()}` };
      return async () => {
        const result = await claimRun(db, { ...key, goal: "benchmark" });
        verify(result.created, "claim_fresh");
      };
    },
    claim_existing: () => {
      const key = randomLiveKey(seed);
      return async () => {
        const result = await claimRun(db, { ...key, goal: "benchmark" });
        verify(!result.created, "claim_existing");
      };
    },
    claim_expired: () => supersede(db, superseded("expired"), "claim_expired"),
    claim_failed_rerun: () => supersede(db, superseded("failed"), "claim_failed_rerun", { replayFailed: false }),
    claim_lease_ended: () => supersede(db, superseded("lease_ended"), "claim_lease_ended"),
    claim_lease: () => {
      const key = { ...randomLiveKey(seed), idempotencyKey: `lease-${randomUUID()}` };
      return async () => {
        const result = await claimRun(db, { ...key, goal: "benchmark" }, { leaseSeconds: LEASE_SECONDS });
        verify(result.created && result.run.leaseExpiresAt !== null, "claim_lease");
      };
    },
    renew_lease: () => {
      const id = pick(sampled.inProgressIds);
      return async () => {
        verify(await renewLease(db, id, LEASE_SECONDS), "renew_lease");
      };
    },
    submit_run: () => submitFresh(pools.startupTimeouts, seed, "submit_run"),
    submit_run_set_local: () => submitFresh(pools.transactionTimeouts, seed, "submit_run_set_local"),
  };
}

/**
 * A copy of `items` in a random order (Fisher–Yates). A fixed rotation would
 * always run an operation right after the same neighbour, and what one call
 * leaves behind (warm pages, a busy connection) would bias the next one.
 */
function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/**
 * Times `calls` calls of each operation, interleaved in a random order per round, after `warmup` untimed rounds.
 * @param pools - the pools the operations run on.
 * @param seed - the seeded table.
 * @param sampled - ids of seeded rows, for the select by primary key and for `renewLease`.
 * @param sizes - timed rounds (`calls`) and untimed warm-up rounds (`warmup`).
 * @returns each operation's latency summary, in milliseconds.
 */
export async function measureLatency(
  pools: LatencyPools,
  seed: Seed,
  sampled: SampledIds,
  sizes: { readonly calls: number; readonly warmup: number },
): Promise<Record<LatencyOperation, Summary>> {
  const prepare = operations(pools, seed, sampled);
  const samples = Object.fromEntries(LATENCY_OPERATIONS.map((name) => [name, [] as number[]])) as Record<LatencyOperation, number[]>;
  for (let round = 0; round < sizes.warmup + sizes.calls; round++) {
    for (const name of shuffled(LATENCY_OPERATIONS)) {
      const elapsed = await timeMs(prepare[name]());
      if (round >= sizes.warmup) samples[name].push(elapsed);
    }
  }
  return Object.fromEntries(LATENCY_OPERATIONS.map((name) => [name, summarize(samples[name])])) as Record<LatencyOperation, Summary>;
}
