/**
 * Per-file scratch databases on the test run's PostgreSQL server.
 *
 * `SPINE_TEST_LAYOUT=partitioned` migrates them with the hash-partitioned
 * `runs` layout (`migrate(db, { layout: "partitioned" })`), so the driver's
 * suites run unchanged against both layouts; CI (`.ci/run`) runs both.
 */
import type { Knex } from "knex";
import { afterAll, afterEach, beforeAll, inject } from "vitest";
import { createScratchDatabase } from "../../dev/database.js";
import { createDb, migrate, type CreateDbOptions, type RunsLayout } from "../../spine/db/index.js";

/** The layout the database suites run against: `plain` unless `SPINE_TEST_LAYOUT` says `partitioned`. */
export const TEST_LAYOUT: RunsLayout = readLayout(process.env["SPINE_TEST_LAYOUT"]);

function readLayout(value: string | undefined): RunsLayout {
  if (value === undefined || value === "" || value === "plain") return "plain";
  if (value === "partitioned") return "partitioned";
  throw new Error(`SPINE_TEST_LAYOUT must be "plain" or "partitioned", got ${JSON.stringify(value)}`);
}

/** A knex logger that drops everything: for tests that make connections fail on purpose. */
export const SILENT_LOG: Knex.Logger = { warn: () => undefined, error: () => undefined, debug: () => undefined, deprecate: () => undefined };

/** A migrated scratch database and knex instances on it. */
export interface TestDatabase {
  /** Connection string of the scratch database. */
  readonly url: string;
  /** A pooled knex instance (pool of 20) on the scratch database. */
  readonly db: Knex;
  /**
   * Opens another knex instance on the scratch database; it is destroyed
   * after the test, so that idle pools do not add up (PostgreSQL 15's
   * default is 100 connections, and two test files run at once).
   */
  connect(options?: CreateDbOptions): Knex;
}

/**
 * Registers hooks that create and migrate a scratch database (in {@link TEST_LAYOUT})
 * before the file's tests and drop it afterwards. Read the fields inside tests only.
 * @param options - `migrate: false` leaves the database empty.
 */
export function useTestDatabase(options: { migrate?: boolean } = {}): TestDatabase {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>> | undefined;
  const opened: Knex[] = [];
  let main: Knex | undefined;
  const handle: TestDatabase = {
    get url() {
      if (scratch === undefined) throw new Error("the scratch database is not ready outside tests");
      return scratch.url;
    },
    get db() {
      if (main === undefined) throw new Error("the scratch database is not ready outside tests");
      return main;
    },
    connect(connectOptions) {
      const db = createDb(handle.url, connectOptions);
      opened.push(db);
      return db;
    },
  };
  beforeAll(async () => {
    scratch = await createScratchDatabase(inject("adminUrl"));
    main = createDb(scratch.url, { poolMax: 20 });
    if (options.migrate !== false) await migrate(main, { layout: TEST_LAYOUT });
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((db) => db.destroy()));
  });
  afterAll(async () => {
    await main?.destroy();
    await scratch?.drop();
  });
  return handle;
}

/** Records the SQL of every query sent through `db` until `stop()` is called. */
export function recordQueries(db: Knex): { readonly sql: string[]; stop(): void } {
  const sql: string[] = [];
  const listener = (query: { sql: string }): void => {
    sql.push(query.sql);
  };
  db.on("query", listener);
  return { sql, stop: () => db.removeListener("query", listener) };
}

/** What a promise settled with: its value, or what it threw. */
export type Settled<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

/** Awaits `work` and returns what it settled with and how long it took, in milliseconds. */
export async function settle<T>(work: () => Promise<T>): Promise<Settled<T> & { readonly elapsed: number }> {
  const started = Date.now();
  try {
    const value = await work();
    return { ok: true, value, elapsed: Date.now() - started };
  } catch (error) {
    return { ok: false, error, elapsed: Date.now() - started };
  }
}

/** Awaits `work`, which must throw, and returns the error and the elapsed milliseconds. */
export async function rejection(work: () => Promise<unknown>): Promise<{ error: unknown; elapsed: number }> {
  const outcome = await settle(work);
  if (outcome.ok) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.value)}`);
  return { error: outcome.error, elapsed: outcome.elapsed };
}

/** Sets a run's `created_at` to `seconds` before the database's `now()`. */
export async function ageRun(db: Knex | Knex.Transaction, runId: string, seconds: number): Promise<void> {
  await db.raw("update runs set created_at = now() - make_interval(secs => ?) where id = ?", [seconds, runId]);
}

/** Counts every row of a key in `runs`, superseded ones included. */
export async function countRuns(db: Knex, key: string): Promise<number> {
  const rows = await db("runs").where({ idempotency_key: key }).count<{ count: string }[]>({ count: "*" });
  return Number(rows[0]?.count);
}
