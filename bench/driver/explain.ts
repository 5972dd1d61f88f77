/**
 * `EXPLAIN (ANALYZE, BUFFERS)` of the statements the driver sends. The SQL
 * and bindings are captured from real driver calls through knex's `query`
 * event, so the plans are those of the driver's own statements; knex reports
 * them in PostgreSQL's own form (`$1` placeholders), so they are explained on
 * a plain `pg` client. Every EXPLAIN ANALYZE runs in a transaction that is
 * rolled back. A lookup is one call of the function `spine_find_run`, whose
 * own plan is a bare function scan, and a claim one `call` of the procedure
 * `spine_claim`, which has no plan of its own (and which EXPLAIN does not
 * take: it is run instead): the plans of the statements they run inside are logged by `auto_explain` (`log_nested_statements`, at level
 * NOTICE, so they reach this client), which needs a superuser's `LOAD`.
 */
import { randomUUID } from "node:crypto";
import type { Knex } from "knex";
import pg from "pg";
import { checkIdempotency, claimRun, purgeRuns } from "../../spine/drivers/idempotency.js";
import { PURGE_AGE_SECONDS, PURGE_BATCH_SIZE } from "./purge.js";
import { randomExpiredKey, randomLiveKey, type Seed } from "./seed.js";

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
  /** The plan, one line per plan row, followed by the plans of the statements it ran inside functions and procedures. */
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

/** A procedure call, which EXPLAIN does not take. */
const CALL = /^\s*call\b/i;

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

/** Settings that make `auto_explain` send the plan of every statement, nested ones included, to the client. */
const AUTO_EXPLAIN_SQL = `load 'auto_explain';
set auto_explain.log_min_duration = 0;
set auto_explain.log_analyze = on;
set auto_explain.log_buffers = on;
set auto_explain.log_nested_statements = on;
set auto_explain.log_level = notice`;

/** An auto_explain notice: `duration: … ms  plan:` then `Query Text: …` and the plan. */
const AUTO_EXPLAIN_NOTICE = /^duration: [\d.]+ ms\s+plan:\n/;

/**
 * Loads auto_explain on `client`; false when the role may not (it is not a
 * superuser), and then nested plans are left out.
 */
async function enableAutoExplain(client: pg.Client): Promise<boolean> {
  try {
    await client.query(AUTO_EXPLAIN_SQL);
    return true;
  } catch {
    return false;
  }
}

/**
 * Explains `query` twice, each time in a transaction rolled back, and keeps
 * the second plan: the first also fills the new connection's caches (and a
 * function's plan cache). The plans of the statements run inside a function
 * follow the statement's own plan.
 */
async function explain(client: pg.Client, name: string, query: CapturedQuery): Promise<ExplainedStatement> {
  let rows: { "QUERY PLAN": string }[] = [];
  let nested: string[] = [];
  const onNotice = (notice: { message?: string }): void => {
    const message = notice.message ?? "";
    if (AUTO_EXPLAIN_NOTICE.test(message) && !/\nQuery Text: explain /i.test(message)) nested.push(message.replace(AUTO_EXPLAIN_NOTICE, ""));
  };
  client.on("notice", onNotice);
  try {
    for (let run = 0; run < 2; run++) {
      nested = [];
      await client.query("begin");
      try {
        // EXPLAIN does not take a CALL, which has no plan of its own: it runs, and auto_explain reports what it runs inside.
        if (CALL.test(query.sql)) await client.query(query.sql, [...query.bindings]);
        else rows = (await client.query<{ "QUERY PLAN": string }>(`explain (analyze, buffers) ${query.sql}`, [...query.bindings])).rows;
      } finally {
        await client.query("rollback");
      }
    }
  } finally {
    client.removeListener("notice", onNotice);
  }
  const own = CALL.test(query.sql) ? "(a CALL: no plan of its own)" : rows.map((row) => row["QUERY PLAN"]).join("\n");
  const plan = [own, ...nested.map((text) => `-- inside the function or procedure:\n${text}`)].join("\n\n");
  return { name, sql: query.sql, plan, seqScan: SEQ_SCAN.test(plan), indexScan: INDEX_SCAN.test(plan) || ARBITER_INDEX.test(plan) };
}

/**
 * Explains the lookup (`checkIdempotency` on a live key), the claim
 * (`claimRun` on a fresh key, on a live key, and on an expired key, which it
 * supersedes; each claim's last statement) and the first batch of
 * `purgeRuns` (captured from a purge that is rolled back). Claims that would
 * change the seed are captured in transactions that are rolled back.
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
  const claimLive = await captureQuery(db, -1, () => claimRun(db, live));
  const expired = randomExpiredKey(seed);
  const claimExpired = await captureQuery(db, -1, () => rolledBack(db, (trx) => claimRun(trx, expired)));
  const purge = await captureQuery(db, 0, () =>
    rolledBack(db, (trx) => purgeRuns(trx, { olderThanSeconds: PURGE_AGE_SECONDS, batchSize: PURGE_BATCH_SIZE })),
  );
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    if (!(await enableAutoExplain(client))) console.log("EXPLAIN: auto_explain could not be loaded (not a superuser): the plans inside functions are left out.\n");
    return [
      await explain(client, "lookup (checkIdempotency, live key)", lookup),
      await explain(client, "claim (claimRun, fresh key)", claimFresh),
      await explain(client, "claim (claimRun, live key)", claimLive),
      await explain(client, "claim (claimRun, expired key: supersedes)", claimExpired),
      await explain(client, "purge (purgeRuns, one batch)", purge),
    ];
  } finally {
    await client.end();
  }
}
