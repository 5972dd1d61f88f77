/**
 * Per-file scratch databases on the test run's PostgreSQL server.
 */
import type { Knex } from "knex";
import { afterAll, beforeAll, inject } from "vitest";
import { createScratchDatabase } from "../../dev/database.js";
import { createDb, migrate, type CreateDbOptions } from "../../spine/db/index.js";

/** A migrated scratch database and knex instances on it. */
export interface TestDatabase {
  /** Connection string of the scratch database. */
  readonly url: string;
  /** A pooled knex instance (pool of 20) on the scratch database. */
  readonly db: Knex;
  /** Opens another knex instance on the scratch database; it is destroyed after the file's tests. */
  connect(options?: CreateDbOptions): Knex;
}

/**
 * Registers hooks that create and migrate a scratch database before the
 * file's tests and drop it afterwards. Read the fields inside tests only.
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
    main = handle.connect({ poolMax: 20 });
    if (options.migrate !== false) await migrate(main);
  });
  afterAll(async () => {
    await Promise.all(opened.map((db) => db.destroy()));
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
