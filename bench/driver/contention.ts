/**
 * Contention: many concurrent `claimRun` calls on one key, each in its own
 * transaction, repeated. Every repetition must create exactly one run. A
 * first, untimed repetition opens the pool's connections; it is verified too.
 * The statements each claim sent are counted (knex's `query` event, by
 * transaction), and so are the claims that needed a second attempt: a claim
 * whose read found nothing, or a run to replace, because a concurrent claim
 * committed after its snapshot reads the key again, inside the same
 * statement (`ClaimResult.attempts`).
 */
import { randomUUID } from "node:crypto";
import type { Knex } from "knex";
import { claimRun } from "../../spine/drivers/idempotency.js";
import { timeMs } from "../lib/timing.js";

/** What one repetition observed. */
export interface ContentionRound {
  /** True for the untimed first repetition, which opens the pool's connections. */
  readonly warmup: boolean;
  /** Time until every claim had resolved, in milliseconds. */
  readonly elapsedMs: number;
  /** How many claims answered `created: true` (must be 1). */
  readonly created: number;
  /** How many rows the key has in `runs`, superseded ones included (must be 1). */
  readonly rows: number;
  /** How many claims the round made. */
  readonly claims: number;
  /** How many claims sent more than one statement (transaction control not counted). */
  readonly multiStatementClaims: number;
  /** How many statements all claims sent (transaction control not counted). */
  readonly statements: number;
  /** How many claims read the key more than once (`attempts` above 1) because a concurrent claim changed it first. */
  readonly secondAttemptClaims: number;
}

/** True when a repetition created exactly one row and exactly one claim answered `created: true`. */
export function isSound(round: ContentionRound): boolean {
  return round.rows === 1 && round.created === 1;
}

const TENANT = "tenant-contention";
const AGENT = "agent-contention";

const TRANSACTION_CONTROL = /^\s*(begin|commit|rollback|savepoint|release)\b/i;

type RoundResult = Omit<ContentionRound, "warmup" | "rows">;

async function oneRound(db: Knex, key: string, contenders: number): Promise<RoundResult> {
  let created = 0;
  let secondAttemptClaims = 0;
  const statementsByTransaction = new Map<string, number>();
  const count = (query: { sql: string; __knexTxId?: string }): void => {
    if (query.__knexTxId === undefined || TRANSACTION_CONTROL.test(query.sql)) return;
    statementsByTransaction.set(query.__knexTxId, (statementsByTransaction.get(query.__knexTxId) ?? 0) + 1);
  };
  db.on("query", count);
  const elapsedMs = await timeMs(async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: contenders }, () =>
        db.transaction((trx) => claimRun(trx, { idempotencyKey: key, tenantId: TENANT, agentId: AGENT, fingerprint: "same", goal: "benchmark" })),
      ),
    );
    for (const outcome of outcomes) {
      if (outcome.status === "rejected") throw outcome.reason;
      if (outcome.value.created) created++;
      if (outcome.value.attempts > 1) secondAttemptClaims++;
    }
  }).finally(() => db.removeListener("query", count));
  const perClaim = [...statementsByTransaction.values()];
  if (perClaim.length !== contenders) throw new Error(`contention: counted the statements of ${perClaim.length} claims, expected ${contenders}`);
  return {
    elapsedMs,
    created,
    claims: perClaim.length,
    multiStatementClaims: perClaim.filter((statements) => statements > 1).length,
    statements: perClaim.reduce((sum, statements) => sum + statements, 0),
    secondAttemptClaims,
  };
}

/**
 * Runs a warm-up and `repeats` repetitions of `contenders` concurrent claims of a new key each.
 * @param db - a knex instance whose pool is smaller than `contenders` (e.g. 50).
 * @param sizes - contenders per repetition and the number of repetitions.
 */
export async function measureContention(db: Knex, sizes: { readonly contenders: number; readonly repeats: number }): Promise<ContentionRound[]> {
  const keys = Array.from({ length: sizes.repeats + 1 }, () => `contention-${randomUUID()}`);
  const rounds: RoundResult[] = [];
  for (const key of keys) rounds.push(await oneRound(db, key, sizes.contenders));
  // Counts every row of each key, superseded ones too: a sequential scan, once, after the timing.
  const counted = await db.raw<{ rows: { idempotency_key: string; rows: number }[] }>(
    "select idempotency_key, count(*)::int as rows from runs where idempotency_key = any(?) group by idempotency_key",
    [keys],
  );
  const rowsByKey = new Map(counted.rows.map((row) => [row.idempotency_key, row.rows]));
  return rounds.map((round, index) => ({ ...round, warmup: index === 0, rows: rowsByKey.get(keys[index] ?? "") ?? 0 }));
}
