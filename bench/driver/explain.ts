/**
 * `EXPLAIN (ANALYZE, BUFFERS)` of the statements the driver sends. The SQL
 * and bindings are captured from real driver calls through knex's `query`
 * event, so the plans are those of the driver's own statements; knex reports
 * them in PostgreSQL's own form (`$1` placeholders), so they are explained on
 * a plain `pg` client. Every EXPLAIN ANALYZE runs in a transaction that is
 * rolled back.
 */
import { randomUUID } from "node:crypto";
import type { Knex } from "knex";
import pg from "pg";
import { checkIdempotency, claimRun, purgeRuns } from "../../spine/drivers/idempotency.js";
import { PURGE_AGE_SECONDS, PURGE_BATCH_SIZE } from "./purge.js";
import { randomLiveKey, type Seed } from "./seed.js";

/** A statement as knex sent it: SQL with `$1` placeholders and its bindings. */
interface CapturedQuery {
  readonly sql: string;
  readonly bindings: readonly unknown[];
}

/** The plan of one driver statement and whether it reads `runs` through an index. */
export interface ExplainedStatement {
  /** What was explained, e.g. `lookup (checkIdempotency, live key)`. */
  readonly name: string;
  /** The SQL the driver sent. */
  readonly sql: string;
  /** The plan, one line per plan row. */
  readonly plan: string;
  /** True when the plan scans `runs` sequentially. */
  readonly seqScan: boolean;
  /** True when the plan reads `runs` through an index (an index scan, or the arbiter index of `on conflict`). */
  readonly indexScan: boolean;
}

const SEQ_SCAN = /\bSeq Scan on runs(_p\d+)?\b/;
const INDEX_SCAN = /\b(Index Scan|Index Only Scan|Bitmap Index Scan)( Backward)? (using|on) runs_/;

/** An `insert … on conflict` checks the key through its arbiter index instead of scanning. */
const ARBITER_INDEX = /Conflict Arbiter Indexes: runs_live_idempotency_key\b/;

const TRANSACTION_CONTROL = /^\s*(begin|commit|rollback|savepoint|release)\b/i;

/** Runs `work` and returns the statements other than transaction control it sent through `db`, in order. */
async function captureQueries(db: Knex, work: () => Promise<unknown>): Promise<CapturedQuery[]> {
  const captured: CapturedQuery[] = [];
  const listener = (query: { sql: string; bindings?: readonly unknown[] }): void => {
    if (!TRANSACTION_CONTROL.test(query.sql)) captured.push({ sql: query.sql, bindings: query.bindings ?? [] });
  };
  db.on("query", listener);
  try {
    await work();
  } finally {
    db.removeListener("query", listener);
  }
  if (captured.length === 0) throw new Error("explain: the driver sent no query");
  return captured;
}

/** The statement at `index` of what `work` sent (negative counts from the end). */
async function captureQuery(db: Knex, index: number, work: () => Promise<unknown>): Promise<CapturedQuery> {
  const captured = await captureQueries(db, work);
  const query = captured.at(index);
  if (query === undefined) throw new Error(`explain: the driver sent ${captured.length} statements, none at ${index}`);
  return query;
}

/** Runs `work` in a transaction and rolls it back, whatever `work` did. */
async function rolledBack<T>(db: Knex, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  const trx = await db.transaction();
  try {
    return await work(trx);
  } finally {
    await trx.rollback();
  }
}

/** Explains `query` twice, each time in a transaction rolled back, and keeps the second plan: the first also fills the new connection's caches. */
async function explain(client: pg.Client, name: string, query: CapturedQuery): Promise<ExplainedStatement> {
  let rows: { "QUERY PLAN": string }[] = [];
  for (let run = 0; run < 2; run++) {
    await client.query("begin");
    try {
      rows = (await client.query<{ "QUERY PLAN": string }>(`explain (analyze, buffers) ${query.sql}`, [...query.bindings])).rows;
    } finally {
      await client.query("rollback");
    }
  }
  const plan = rows.map((row) => row["QUERY PLAN"]).join("\n");
  return { name, sql: query.sql, plan, seqScan: SEQ_SCAN.test(plan), indexScan: INDEX_SCAN.test(plan) || ARBITER_INDEX.test(plan) };
}

/**
 * Explains the lookup (`checkIdempotency` on a live key), the claim
 * (`claimRun` on a fresh key: its insert; on a live key: the statement that
 * resolves the held key) and the first batch of `purgeRuns` (captured from a
 * purge that is rolled back).
 * @param db - a knex instance on the seeded database.
 * @param url - the seeded database's connection string, for the `pg` client that explains.
 * @param seed - the seeded table.
 */
export async function explainDriver(db: Knex, url: string, seed: Seed): Promise<ExplainedStatement[]> {
  const live = randomLiveKey(seed);
  const lookup = await captureQuery(db, 0, () => checkIdempotency(db, live.idempotencyKey, live.tenantId, live.agentId));
  const fresh = { ...randomLiveKey(seed), idempotencyKey: `explain-${randomUUID()}` };
  // Captured in a transaction that is rolled back, so the key is still fresh when explained.
  const claimFresh = await captureQuery(db, 0, () => rolledBack(db, (trx) => claimRun(trx, fresh)));
  // A live key costs two statements: the insert that finds the key held, then the one that resolves it.
  const claimLive = await captureQuery(db, -1, () => claimRun(db, live));
  const purge = await captureQuery(db, 0, () =>
    rolledBack(db, (trx) => purgeRuns(trx, { olderThanSeconds: PURGE_AGE_SECONDS, batchSize: PURGE_BATCH_SIZE })),
  );
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return [
      await explain(client, "lookup (checkIdempotency, live key)", lookup),
      await explain(client, "claim (claimRun, fresh key)", claimFresh),
      await explain(client, "claim (claimRun, live key)", claimLive),
      await explain(client, "purge (purgeRuns, one batch)", purge),
    ];
  } finally {
    await client.end();
  }
}
