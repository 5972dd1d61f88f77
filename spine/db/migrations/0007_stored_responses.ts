/**
 * Migration 0007, for both layouts: `runs.response`, the response a finished
 * run's client gets again when it retries (`completeRun` stores it: status
 * code, an allow-listed set of headers, body). `null` for a run without one.
 * Adding a nullable column without a default changes only the catalog: no
 * rewrite and no scan, on a table of any size. Frozen like every applied
 * migration.
 */
import type { Knex } from "knex";

/** The SQL that adds the column. Frozen: databases have applied it, and a test pins its hash. */
export const STORED_RESPONSES_SQL = `
alter table runs add column response jsonb null;
`;

/** Applies the migration. */
export async function up(db: Knex): Promise<void> {
  await db.raw(STORED_RESPONSES_SQL);
}
