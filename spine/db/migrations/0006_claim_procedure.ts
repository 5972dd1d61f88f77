/**
 * Migration 0006, for both layouts: the procedure `spine_claim`, through
 * which `claimRun` claims a key. It does what the function `spine_claim_run`
 * of migration 0004 does, step for step (read the key's live run; return it,
 * or supersede it and insert the new run; read again when a concurrent claim
 * got there first, at most 5 times), and returns the same columns, as the
 * output parameters of one row.
 *
 * Why a procedure: `select * from spine_claim_run(…)` is a query, parsed,
 * planned and executed around the function on every call (a function scan
 * that gathers the function's row in a tuple store); `call spine_claim(…)`
 * is a utility statement with no plan of its own. Measured on one seeded
 * table, that saved 13 to 40 µs per claim, 0.03x to 0.11x of a select by
 * primary key, for a fresh key and a held key alike (see
 * docs/benchmarks.md). The statements inside keep their plans for the life
 * of the server connection, as a function's do, invisibly to the client.
 *
 * The row always comes back: when the key changed hands 5 times, `id` and
 * `created` are null and `attempts` is 5. A procedure has no volatility: every
 * statement inside takes a new snapshot under READ COMMITTED, as in the
 * volatile function, so a claim that waited for a concurrent claim's commit
 * sees that claim's run at its next read, in the same round trip; under
 * REPEATABLE READ and SERIALIZABLE the snapshot is the transaction's, and a
 * conflicting insert or update raises a serialization failure (40001). It
 * never commits; inside the caller's transaction block it runs atomically.
 * Output parameters of procedures need PostgreSQL 14 or later.
 *
 * `spine_claim_run` stays, unchanged, for whatever still calls it (an older
 * release of the driver during a rolling deploy). Frozen like every applied
 * migration: a change to the claim is a new migration that replaces the
 * procedure.
 */
import type { Knex } from "knex";

/**
 * The SQL that creates `spine_claim`. Frozen: databases have applied it,
 * and a test pins its hash.
 */
export const CLAIM_PROCEDURE_SQL = `
create procedure spine_claim(
  p_tenant_id text, p_agent_id text, p_tenant_scope text, p_agent_scope text, p_key text,
  p_fingerprint text, p_goal text, p_lease interval, p_ttl interval, p_replay_failed boolean,
  out id uuid, out tenant_id text, out agent_id text, out idempotency_key text, out request_fingerprint text, out status text, out goal text,
  out created_at timestamptz, out updated_at timestamptz, out superseded_at timestamptz, out lease_expires_at timestamptz, out created boolean,
  out attempts integer)
language plpgsql
as $claim$
#variable_conflict use_column
declare
  live_id uuid;
begin
  for attempt in 1..5 loop
    attempts := attempt;
    select r.id, r.tenant_id, r.agent_id, r.idempotency_key, r.request_fingerprint, r.status, r.goal,
        r.created_at, r.updated_at, r.superseded_at, r.lease_expires_at
      into live_id, tenant_id, agent_id, idempotency_key, request_fingerprint, status, goal,
        created_at, updated_at, superseded_at, lease_expires_at
      from runs r
      where r.tenant_scope = p_tenant_scope and r.agent_scope = p_agent_scope and r.idempotency_key = p_key and r.superseded_at is null;
    if found then
      -- Tested here on the row read, to return a run that stays without locking it ...
      if not (created_at < now() - p_ttl
          or ((coalesce(lease_expires_at <= now() and status in ('queued', 'running', 'retry'), false)
               or (status = 'failed' and not p_replay_failed))
            and (request_fingerprint is null or p_fingerprint is null or request_fingerprint = p_fingerprint))) then
        id := live_id;
        created := false;
        return;
      end if;
      -- ... and again on the row locked, which a concurrent claim or renewal may have changed.
      update runs r set superseded_at = now()
        where r.id = live_id and r.tenant_scope = p_tenant_scope and r.superseded_at is null
          and (r.created_at < now() - p_ttl
            or ((coalesce(r.lease_expires_at <= now() and r.status in ('queued', 'running', 'retry'), false)
                 or (r.status = 'failed' and not p_replay_failed))
              and (r.request_fingerprint is null or p_fingerprint is null or r.request_fingerprint = p_fingerprint)));
      continue when not found;
    end if;
    insert into runs as r (tenant_id, agent_id, tenant_scope, agent_scope, idempotency_key, request_fingerprint, goal, lease_expires_at)
      values (p_tenant_id, p_agent_id, p_tenant_scope, p_agent_scope, p_key, p_fingerprint, p_goal, now() + p_lease)
      on conflict (tenant_scope, agent_scope, idempotency_key) where idempotency_key is not null and superseded_at is null do nothing
      returning r.id, r.tenant_id, r.agent_id, r.idempotency_key, r.request_fingerprint, r.status, r.goal,
        r.created_at, r.updated_at, r.superseded_at, r.lease_expires_at
      into id, tenant_id, agent_id, idempotency_key, request_fingerprint, status, goal,
        created_at, updated_at, superseded_at, lease_expires_at;
    if found then
      created := true;
      return;
    end if;
  end loop;
  id := null; tenant_id := null; agent_id := null; idempotency_key := null; request_fingerprint := null; status := null; goal := null;
  created_at := null; updated_at := null; superseded_at := null; lease_expires_at := null; created := null;
end
$claim$;
`;

/** Applies the migration. */
export async function up(db: Knex): Promise<void> {
  await db.raw(CLAIM_PROCEDURE_SQL);
}
