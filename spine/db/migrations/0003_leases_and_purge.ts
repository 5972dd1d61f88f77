/**
 * Migration 0003, for both layouts:
 * - `tenant_scope` and `agent_scope` become plain columns (they were stored
 *   generated columns in the plain layout; a partition or distribution key
 *   cannot be generated), written by the driver and checked against
 *   `coalesce(tenant_id, '')` and `coalesce(agent_id, '')`. Their values are kept.
 * - `lease_expires_at`: when the lease of the run's worker ends (`null`: no lease).
 * - `runs_created_at`, the index through which `purgeRuns` finds old runs.
 *
 * Checking the constraints and building the index read the whole table under
 * an exclusive lock. On a large table, build the index first with
 * `create index concurrently runs_created_at on runs (created_at)`: the
 * migration then keeps it. Frozen like every applied migration.
 */
import type { Knex } from "knex";

const SQL = `
alter table runs alter column tenant_scope drop expression if exists;
alter table runs alter column agent_scope drop expression if exists;
alter table runs add constraint runs_tenant_scope_matches check (tenant_scope = coalesce(tenant_id, ''));
alter table runs add constraint runs_agent_scope_matches check (agent_scope = coalesce(agent_id, ''));
alter table runs add column lease_expires_at timestamptz null;
create index if not exists runs_created_at on runs (created_at);
`;

/** Applies the migration. */
export async function up(db: Knex): Promise<void> {
  await db.raw(SQL);
}
