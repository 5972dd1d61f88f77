/**
 * Migration 0004, for both layouts: the function `spine_claim_run`, which
 * makes a whole claim one statement (one round trip) for `claimRun`.
 *
 * A claim is a read, then an insert, or an update and an insert. Sent as one
 * data-modifying statement from the client, it is parsed and planned again on
 * every call (0.22 ms, where the bare insert of a fresh key plans in
 * 0.012 ms), which made a fresh claim twice as slow (see docs/benchmarks.md); PL/pgSQL
 * keeps the plans of a function's statements for the life of the server
 * connection, invisibly to the client, so the function costs no session
 * state a pooler would have to carry (unlike named prepared statements).
 *
 * What it does, in a loop of at most 5 attempts:
 * 1. Reads the key's live run (`runs_live_idempotency_key`).
 * 2. Returns it (`created` false) unless it must be replaced: it has expired,
 *    or, for a request with the same fingerprint (or none), it is queued,
 *    running or retry and its lease has ended, or it failed and
 *    `p_replay_failed` is false.
 * 3. To replace it, sets its `superseded_at` (nothing else changes), re-testing
 *    the same condition on the row it locks: a concurrent claim or lease
 *    renewal that changed the row first sends it back to 1.
 * 4. Inserts the new run unless the key is live (`on conflict do nothing` on
 *    the partial unique index) and returns it (`created` true); when a
 *    concurrent claim inserted first, back to 1.
 *
 * The row it returns also says in `attempts` how many times it went through
 * the loop: 1 unless a concurrent claim changed the key first.
 *
 * A volatile function's every statement takes a new snapshot under READ
 * COMMITTED, so a claim that waited for a concurrent claim's commit sees that
 * claim's run at step 1 of its next attempt, in the same round trip. Under
 * REPEATABLE READ and SERIALIZABLE the snapshot is the transaction's, and the
 * conflicting insert or update raises a serialization failure (40001) as a
 * plain statement would. After 5 attempts it returns no row. It never commits.
 *
 * Every value is an argument; the clock is the database's (`now()`, the
 * transaction's start). Frozen like every applied migration: a change to the
 * claim is a new migration that replaces the function.
 */
import type { Knex } from "knex";

/**
 * The SQL that creates `spine_claim_run`. Frozen: databases have applied it,
 * and a test pins its hash.
 */
export const CLAIM_FUNCTION_SQL = `
create function spine_claim_run(
  p_tenant_id text, p_agent_id text, p_tenant_scope text, p_agent_scope text, p_key text,
  p_fingerprint text, p_goal text, p_lease interval, p_ttl interval, p_replay_failed boolean)
returns table (
  id uuid, tenant_id text, agent_id text, idempotency_key text, request_fingerprint text, status text, goal text,
  created_at timestamptz, updated_at timestamptz, superseded_at timestamptz, lease_expires_at timestamptz, created boolean,
  attempts integer)
language plpgsql volatile
as $claim$
#variable_conflict use_column
declare
  live record;
begin
  for attempt in 1..5 loop
    select r.id, r.tenant_id, r.agent_id, r.idempotency_key, r.request_fingerprint, r.status, r.goal,
        r.created_at, r.updated_at, r.superseded_at, r.lease_expires_at
      into live
      from runs r
      where r.tenant_scope = p_tenant_scope and r.agent_scope = p_agent_scope and r.idempotency_key = p_key and r.superseded_at is null;
    if found then
      -- Tested here on the row read, to return a run that stays without locking it ...
      if not (live.created_at < now() - p_ttl
          or ((coalesce(live.lease_expires_at <= now() and live.status in ('queued', 'running', 'retry'), false)
               or (live.status = 'failed' and not p_replay_failed))
            and (live.request_fingerprint is null or p_fingerprint is null or live.request_fingerprint = p_fingerprint))) then
        return query select live.id, live.tenant_id, live.agent_id, live.idempotency_key, live.request_fingerprint, live.status, live.goal,
          live.created_at, live.updated_at, live.superseded_at, live.lease_expires_at, false, attempt;
        return;
      end if;
      -- ... and again on the row locked, which a concurrent claim or renewal may have changed.
      update runs r set superseded_at = now()
        where r.id = live.id and r.tenant_scope = p_tenant_scope and r.superseded_at is null
          and (r.created_at < now() - p_ttl
            or ((coalesce(r.lease_expires_at <= now() and r.status in ('queued', 'running', 'retry'), false)
                 or (r.status = 'failed' and not p_replay_failed))
              and (r.request_fingerprint is null or p_fingerprint is null or r.request_fingerprint = p_fingerprint)));
      continue when not found;
    end if;
    return query
      insert into runs as r (tenant_id, agent_id, tenant_scope, agent_scope, idempotency_key, request_fingerprint, goal, lease_expires_at)
      values (p_tenant_id, p_agent_id, p_tenant_scope, p_agent_scope, p_key, p_fingerprint, p_goal, now() + p_lease)
      on conflict (tenant_scope, agent_scope, idempotency_key) where idempotency_key is not null and superseded_at is null do nothing
      returning r.id, r.tenant_id, r.agent_id, r.idempotency_key, r.request_fingerprint, r.status, r.goal,
        r.created_at, r.updated_at, r.superseded_at, r.lease_expires_at, true, attempt;
    if found then
      return;
    end if;
  end loop;
end
$claim$;
`;

/** Applies the migration. */
export async function up(db: Knex): Promise<void> {
  await db.raw(CLAIM_FUNCTION_SQL);
}
