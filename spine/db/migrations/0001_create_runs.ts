/**
 * Migration 0001: the `runs` table and the unique index that decides claims.
 *
 * - `tenant_scope` and `agent_scope` are stored generated columns that map
 *   `null` to `''` so that one plain unique index can treat null as a value;
 *   empty strings are rejected by check constraints, so the mapping is
 *   unambiguous. They are also the natural distribution column on a sharded
 *   engine (see docs/scaling.md).
 * - `superseded_at` is set on a run when a newer run takes over its key
 *   (after expiry, or to re-run a failed run). The partial unique index
 *   allows exactly one run per scoped key with `superseded_at is null`.
 *
 * Migration 0003 turns the two scope columns into plain columns checked
 * against `tenant_id` and `agent_id`, which a partition key needs.
 */
import type { Knex } from "knex";

/**
 * The SQL that creates the `runs` table and its indexes. Frozen: databases
 * have applied it, so it never changes; later migrations change the schema.
 */
export const CREATE_RUNS_SQL = `
create table runs (
  id uuid primary key default gen_random_uuid(),
  tenant_id text null constraint runs_tenant_id_not_empty check (tenant_id <> ''),
  agent_id text null constraint runs_agent_id_not_empty check (agent_id <> ''),
  idempotency_key text null constraint runs_idempotency_key_length check (char_length(idempotency_key) between 1 and 255),
  request_fingerprint text null,
  status text not null default 'queued' constraint runs_status_known check (status in ('queued', 'running', 'retry', 'succeeded', 'failed')),
  goal text null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  superseded_at timestamptz null,
  tenant_scope text not null generated always as (coalesce(tenant_id, '')) stored,
  agent_scope text not null generated always as (coalesce(agent_id, '')) stored
);
create unique index runs_live_idempotency_key
  on runs (tenant_scope, agent_scope, idempotency_key)
  where idempotency_key is not null and superseded_at is null;
`;

/** Applies the migration. */
export async function up(db: Knex): Promise<void> {
  await db.raw(CREATE_RUNS_SQL);
}

/** Reverts the migration. */
export async function down(db: Knex): Promise<void> {
  await db.raw("drop table runs");
}
