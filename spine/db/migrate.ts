/**
 * Applying the schema with knex migrations, safely from several processes at once.
 */
import type { Knex } from "knex";
import { classifyDatabaseFailure, describeDatabaseFailure } from "./failures.js";
import { DEFAULT_PARTITIONS, MAX_PARTITIONS, type MigrationContext, type RunsLayout } from "./layout.js";
import * as createRuns from "./migrations/0001_create_runs.js";
import * as partitionRuns from "./migrations/0002_partition_runs.js";
import * as leasesAndPurge from "./migrations/0003_leases_and_purge.js";
import * as claimFunction from "./migrations/0004_claim_function.js";
import * as findFunction from "./migrations/0005_find_function.js";
import * as claimProcedure from "./migrations/0006_claim_procedure.js";
import * as storedResponses from "./migrations/0007_stored_responses.js";

/** The knex bookkeeping table; its lock table is `spine_migrations_lock`. */
export const MIGRATIONS_TABLE = "spine_migrations";

/**
 * Error raised when the schema could not be applied. Given a `cause` (the
 * database error), its `retryable` and `sqlState` come from
 * {@link classifyDatabaseFailure}; without one (invalid options, another
 * layout) it is not retryable.
 */
export class MigrationError extends Error {
  /** Whether running {@link migrate} again may succeed: the cause is a transient or serialization failure (the database is down, a lock timed out). */
  readonly retryable: boolean;
  /** The SQLSTATE of the cause, or `null` when the failure happened in the client or the network, or had no database cause. */
  readonly sqlState: string | null;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "MigrationError";
    const failure = options !== undefined && "cause" in options ? classifyDatabaseFailure(options.cause) : null;
    this.retryable = failure !== null && failure.kind !== "permanent";
    this.sqlState = failure?.sqlState ?? null;
  }
}

/** Options of {@link migrate}. */
export interface MigrateOptions {
  /**
   * The layout of `runs`: `plain` (the default for a new database) or
   * `partitioned` (hash-partitioned by `tenant_scope`). It is chosen when
   * migration `0002_partition_runs` first runs; given for a database that has
   * the other layout, {@link migrate} fails. Left out, any layout is accepted.
   */
  readonly layout?: RunsLayout;
  /** How many hash partitions the partitioned layout gets (1 to 1,024; default {@link DEFAULT_PARTITIONS}). */
  readonly partitions?: number;
}

/** A migration: it receives the layout. Only 0001 can be reverted (by dropping `runs`). */
interface Migration {
  readonly up: (db: Knex, context: MigrationContext) => Promise<void>;
  readonly down?: (db: Knex) => Promise<void>;
}

/** Every migration, in order. An applied migration never changes: a schema change is a new entry. */
const MIGRATIONS: ReadonlyMap<string, Migration> = new Map<string, Migration>([
  ["0001_create_runs", createRuns],
  ["0002_partition_runs", partitionRuns],
  ["0003_leases_and_purge", leasesAndPurge],
  ["0004_claim_function", claimFunction],
  ["0005_find_function", findFunction],
  ["0006_claim_procedure", claimProcedure],
  ["0007_stored_responses", storedResponses],
]);

/**
 * A migration's own statements may take longer than the connection's
 * `statement_timeout` on a large table; its lock waits stay bounded by
 * `lock_timeout`, and {@link migrate} retries a migration whose lock timed out.
 */
const NO_STATEMENT_TIMEOUT_SQL = "set local statement_timeout = 0";

/**
 * The migrations as a knex migration source, served from code so the compiled
 * package needs no migration folder. Each migration runs in its own
 * transaction and is told the layout.
 * @param options - the layout for a new `runs` table.
 */
export function spineMigrations(options: MigrateOptions = {}): Knex.MigrationSource<string> {
  const context: MigrationContext = { layout: options.layout ?? "plain", partitions: options.partitions ?? DEFAULT_PARTITIONS };
  return {
    getMigrations: async () => [...MIGRATIONS.keys()],
    getMigrationName: (name) => name,
    getMigration: async (name) => {
      const migration = MIGRATIONS.get(name);
      if (migration === undefined) throw new MigrationError(`unknown migration ${name}`);
      return {
        up: async (db: Knex) => {
          await db.raw(NO_STATEMENT_TIMEOUT_SQL);
          await migration.up(db, context);
        },
        down: async (db: Knex) => {
          if (migration.down === undefined) throw new MigrationError(`migration ${name} cannot be reverted`);
          await migration.down(db);
        },
      };
    },
  };
}

/**
 * Knex creates its bookkeeping tables with a check followed by a create, and
 * inserts its lock row the same way, so two processes starting together can
 * both create them, or leave two lock rows behind (which locks migrations
 * forever). These statements create the same tables idempotently and make
 * the lock row unique before knex looks at them.
 */
const BOOKKEEPING_SQL = [
  `create table if not exists ${MIGRATIONS_TABLE} (id serial primary key, name varchar(255), batch integer, migration_time timestamptz)`,
  `create table if not exists ${MIGRATIONS_TABLE}_lock (index serial primary key, is_locked integer)`,
  `insert into ${MIGRATIONS_TABLE}_lock (index, is_locked) values (1, 0) on conflict (index) do nothing`,
];

/** SQLSTATEs raised when a concurrent process created the same object first. */
const CONCURRENT_CREATE_CODES = new Set(["42P07", "23505", "42710"]);

/** How long {@link migrate} waits for another process's migration before giving up. */
const LOCK_WAIT_MILLIS = 60_000;

function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** Another process holds knex's migration lock, or a migration's lock on `runs` timed out (SQLSTATE 55P03). */
function isLockBusy(error: unknown): boolean {
  if (sqlState(error) === "55P03") return true;
  return error instanceof Error && (error.name === "LockError" || /already locked/i.test(error.message));
}

function validateOptions(options: MigrateOptions): void {
  const { layout, partitions } = options;
  if (layout !== undefined && layout !== "plain" && layout !== "partitioned") {
    throw new MigrationError(`layout must be "plain" or "partitioned", got ${JSON.stringify(layout)}`);
  }
  if (partitions !== undefined && (!Number.isSafeInteger(partitions) || partitions < 1 || partitions > MAX_PARTITIONS)) {
    throw new MigrationError(`partitions must be an integer from 1 to ${MAX_PARTITIONS}, got ${String(partitions)}`);
  }
}

/** The layout `runs` has in the database. */
async function currentLayout(db: Knex): Promise<RunsLayout> {
  const result = await db.raw<{ rows: { relkind: string }[] }>("select relkind from pg_class where oid = 'runs'::regclass");
  return result.rows[0]?.relkind === "p" ? "partitioned" : "plain";
}

async function checkLayout(db: Knex, wanted: RunsLayout | undefined): Promise<void> {
  if (wanted === undefined) return;
  const actual = await currentLayout(db);
  if (actual !== wanted) {
    throw new MigrationError(`runs has the ${actual} layout, not the ${wanted} one: the layout is chosen when migration 0002_partition_runs first runs`);
  }
}

async function retrying<T>(work: () => Promise<T>, isTransient: (error: unknown) => boolean): Promise<T> {
  const deadline = Date.now() + LOCK_WAIT_MILLIS;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isTransient(error) || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(25 * attempt, 250)));
    }
  }
}

/**
 * A failure's own words, e.g. `connect ECONNREFUSED 127.0.0.1:5432`, which
 * names the address: the first line of its message, without the `<sql> - `
 * that knex puts in front of the message of a failed query.
 */
function ownWords(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const afterSql = text.lastIndexOf(" - ");
  return (afterSql < 0 ? text : text.slice(afterSql + 3)).split("\n")[0]?.trim() ?? "";
}

/**
 * The {@link MigrationError} of a failure, with a one-line message: what
 * happened ({@link describeDatabaseFailure}), in the failure's own words, and what to do.
 */
function schemaFailure(error: unknown): MigrationError {
  const failure = classifyDatabaseFailure(error);
  const words = ownWords(error);
  const what = words === "" ? describeDatabaseFailure(failure) : `${describeDatabaseFailure(failure)}: ${words}`;
  const todo = failure.kind === "permanent" ? "retrying will not help: fix the cause, then run migrate again" : "a transient failure: retry later";
  return new MigrationError(`could not apply the schema: ${what} — ${todo}`, { cause: error });
}

/**
 * Brings the schema up to date: creates the `runs` table and its indexes in
 * the chosen layout, and applies every later migration.
 * Running it again is a no-op, and two processes may run it at the same time:
 * one applies the migrations while the other waits and then finds nothing to do.
 * @param db - a knex instance (not a transaction: each migration runs in its own).
 * @param options - the layout of `runs`; see {@link MigrateOptions}.
 * @throws {MigrationError} for invalid options (before any query), when a
 *   migration fails or the database cannot be reached (the database error is
 *   its `cause`, and `retryable` says whether to try again), or when `runs`
 *   has another layout than `options.layout`.
 */
export async function migrate(db: Knex, options: MigrateOptions = {}): Promise<void> {
  validateOptions(options);
  const migrationSource = spineMigrations(options);
  try {
    for (const statement of BOOKKEEPING_SQL) {
      await retrying(() => db.raw(statement), (error) => CONCURRENT_CREATE_CODES.has(sqlState(error) ?? ""));
    }
    await retrying(() => db.migrate.latest({ tableName: MIGRATIONS_TABLE, migrationSource }), isLockBusy);
    await checkLayout(db, options.layout);
  } catch (error) {
    if (error instanceof MigrationError) throw error;
    throw schemaFailure(error);
  }
}
