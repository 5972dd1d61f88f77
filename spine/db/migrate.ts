/**
 * Applying the schema with knex migrations, safely from several processes at once.
 */
import type { Knex } from "knex";
import * as createRuns from "./migrations/0001_create_runs.js";

/** The knex bookkeeping table; its lock table is `spine_migrations_lock`. */
export const MIGRATIONS_TABLE = "spine_migrations";

/** Error raised when the schema could not be applied. */
export class MigrationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "MigrationError";
  }
}

interface Migration {
  readonly up: (db: Knex) => Promise<void>;
  readonly down: (db: Knex) => Promise<void>;
}

const MIGRATIONS: ReadonlyMap<string, Migration> = new Map([["0001_create_runs", createRuns]]);

/** Serves the migrations from code, so the compiled package needs no migration folder. */
const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => [...MIGRATIONS.keys()],
  getMigrationName: (name) => name,
  getMigration: async (name) => {
    const migration = MIGRATIONS.get(name);
    if (migration === undefined) throw new MigrationError(`unknown migration ${name}`);
    return migration;
  },
};

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

function isLockBusy(error: unknown): boolean {
  return error instanceof Error && (error.name === "LockError" || /already locked/i.test(error.message));
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
 * Brings the schema up to date: creates the `runs` table and its indexes.
 * Running it again is a no-op, and two processes may run it at the same time:
 * one applies the migrations while the other waits and then finds nothing to do.
 * @param db - a knex instance (not a transaction: each migration runs in its own).
 * @throws {MigrationError} when a migration fails; the database error is its `cause`.
 */
export async function migrate(db: Knex): Promise<void> {
  try {
    for (const statement of BOOKKEEPING_SQL) {
      await retrying(() => db.raw(statement), (error) => CONCURRENT_CREATE_CODES.has(sqlState(error) ?? ""));
    }
    await retrying(() => db.migrate.latest({ tableName: MIGRATIONS_TABLE, migrationSource }), isLockBusy);
  } catch (error) {
    if (error instanceof MigrationError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(`could not apply the spine schema: ${reason}`, { cause: error });
  }
}
