/**
 * Migration 0002: for the partitioned layout only, replaces the `runs` table
 * of 0001 by a table hash-partitioned by `tenant_scope`, with the same columns,
 * constraints and rows. For the plain layout it does nothing.
 *
 * A partition key cannot be a generated column, so `tenant_scope` and
 * `agent_scope` are plain columns here; 0003 checks them against `tenant_id`
 * and `agent_id` in both layouts. Every unique index contains `tenant_scope`:
 * the primary key is `(id, tenant_scope)`.
 *
 * On a table that already holds rows this copies every row while it holds an
 * exclusive lock on `runs`: choose the layout when you create the database.
 * Frozen like every applied migration.
 */
import type { Knex } from "knex";
import type { MigrationContext } from "../layout.js";

/** Moves 0001's table and its indexes out of the way. */
const RENAME_SQL = `
alter table runs rename to runs_unpartitioned;
alter index runs_pkey rename to runs_unpartitioned_pkey;
alter index runs_live_idempotency_key rename to runs_unpartitioned_live_idempotency_key;
`;

/** The table of 0001, partitioned by hash of `tenant_scope`. */
const CREATE_PARTITIONED_SQL = `
create table runs (
  id uuid not null default gen_random_uuid(),
  tenant_id text null constraint runs_tenant_id_not_empty check (tenant_id <> ''),
  agent_id text null constraint runs_agent_id_not_empty check (agent_id <> ''),
  idempotency_key text null constraint runs_idempotency_key_length check (char_length(idempotency_key) between 1 and 255),
  request_fingerprint text null,
  status text not null default 'queued' constraint runs_status_known check (status in ('queued', 'running', 'retry', 'succeeded', 'failed')),
  goal text null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  superseded_at timestamptz null,
  tenant_scope text not null,
  agent_scope text not null,
  constraint runs_pkey primary key (id, tenant_scope)
) partition by hash (tenant_scope);
`;

const COLUMNS =
  "id, tenant_id, agent_id, idempotency_key, request_fingerprint, status, goal, created_at, updated_at, superseded_at, tenant_scope, agent_scope";

/** Copies the rows, drops the old table, and creates the unique index that decides claims. */
const COPY_SQL = `
insert into runs (${COLUMNS}) select ${COLUMNS} from runs_unpartitioned;
drop table runs_unpartitioned;
create unique index runs_live_idempotency_key
  on runs (tenant_scope, agent_scope, idempotency_key)
  where idempotency_key is not null and superseded_at is null;
`;

function partitionsSql(partitions: number): string {
  return Array.from(
    { length: partitions },
    (_, remainder) => `create table runs_p${remainder} partition of runs for values with (modulus ${partitions}, remainder ${remainder});`,
  ).join("\n");
}

/** Applies the migration: partitions `runs` for the partitioned layout. */
export async function up(db: Knex, context: MigrationContext): Promise<void> {
  if (context.layout !== "partitioned") return;
  await db.raw(RENAME_SQL + CREATE_PARTITIONED_SQL + partitionsSql(context.partitions) + COPY_SQL);
}
