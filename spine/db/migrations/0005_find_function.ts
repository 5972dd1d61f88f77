/**
 * Migration 0005, for both layouts: the function `spine_find_run`, through
 * which `checkIdempotency` and `getExistingRun` read a key's live run.
 *
 * The lookup is one indexed read, but sent as a plain statement it is parsed
 * and planned again on every call, and planning it (the partial unique index
 * `runs_live_idempotency_key` must be proved to match, and `runs` has three
 * indexes to weigh) cost more than reading the row: 0.115 ms of planning for
 * 0.08 ms of execution (see docs/benchmarks.md). PL/pgSQL keeps its
 * statements' plans for the life of the server connection, invisibly to the
 * client, as `spine_claim_run` (migration 0004) does for claims: the call
 * itself plans in about 0.03 ms, and nothing is left for a pooler to track.
 *
 * It returns the key's live run (at most one: the partial unique index
 * allows no more), with `is_expired` (created strictly more than `p_ttl`
 * ago, by the database's clock) and `lease_ended` (`lease_expires_at <=
 * now()`, null without a lease; whether the run is still in progress is read
 * from its status). `stable`: it reads through the snapshot of the statement
 * that calls it, as the plain statement did, and writes nothing.
 *
 * Frozen like every applied migration: a change to the lookup is a new
 * migration that replaces the function.
 */
import type { Knex } from "knex";

/**
 * The SQL that creates `spine_find_run`. Frozen: databases have applied it,
 * and a test pins its hash.
 */
export const FIND_FUNCTION_SQL = `
create function spine_find_run(p_tenant_scope text, p_agent_scope text, p_key text, p_ttl interval)
returns table (
  id uuid, tenant_id text, agent_id text, idempotency_key text, request_fingerprint text, status text, goal text,
  created_at timestamptz, updated_at timestamptz, superseded_at timestamptz, lease_expires_at timestamptz,
  is_expired boolean, lease_ended boolean)
language plpgsql stable
as $find$
#variable_conflict use_column
begin
  return query
    select r.id, r.tenant_id, r.agent_id, r.idempotency_key, r.request_fingerprint, r.status, r.goal,
        r.created_at, r.updated_at, r.superseded_at, r.lease_expires_at,
        r.created_at < now() - p_ttl, r.lease_expires_at <= now()
      from runs r
      where r.tenant_scope = p_tenant_scope and r.agent_scope = p_agent_scope and r.idempotency_key = p_key and r.superseded_at is null;
end
$find$;
`;

/** Applies the migration. */
export async function up(db: Knex): Promise<void> {
  await db.raw(FIND_FUNCTION_SQL);
}
