/**
 * The seeded `runs` table: row `i` (1-based) holds key `key-i` for tenant
 * `tenant-(i mod tenants)` and agent `agent-(i mod 10)`, with fingerprint
 * `md5(i)`, status cycling through all five (`i mod 5`: queued, running,
 * retry, succeeded, failed). Every tenth row (i divisible by 10) was created
 * two days ago, so its key has expired; the others were created within the
 * last hour. Rows with `i mod 10 = 1` (running) hold a lease that ended a
 * minute ago; the others have no lease.
 */
import { createHash } from "node:crypto";
import type { Knex } from "knex";

/** How many distinct tenants the seed spreads rows over (fewer when there are fewer rows). */
export const SEED_TENANTS = 1_000;

/** How many distinct agents the seed spreads rows over. */
const SEED_AGENTS = 10;

/** A scoped key as the driver takes it, with the fingerprint of its run. */
export interface SeededKey {
  readonly idempotencyKey: string;
  readonly tenantId: string;
  readonly agentId: string;
  readonly fingerprint: string;
}

/** The shape of the seeded table. */
export interface Seed {
  /** How many rows were inserted. */
  readonly rows: number;
  /** How many tenants they belong to. */
  readonly tenants: number;
}

const SEED_SQL = `insert into runs (tenant_id, agent_id, tenant_scope, agent_scope, idempotency_key, request_fingerprint, status, goal, created_at, updated_at, lease_expires_at)
select tenant, agent, tenant, agent, 'key-' || i, md5(i::text),
  (array['queued', 'running', 'retry', 'succeeded', 'failed'])[1 + i % 5], 'seeded run ' || i, at, at,
  case when i % 10 = 1 then now() - interval '1 minute' end
from generate_series(1, ?::int) as i,
  lateral (select 'tenant-' || (i % ?::int) as tenant, 'agent-' || (i % ${SEED_AGENTS}) as agent,
    case when i % 10 = 0 then now() - interval '2 days' else now() - make_interval(secs => i % 3600) end as at) as t`;

/**
 * Fills `runs` with `rows` rows in one `INSERT … SELECT generate_series`, then analyses it.
 * @param db - a knex instance on a migrated, empty database.
 * @param rows - how many rows to insert; at least 10, so that some keys are expired.
 */
export async function seedRuns(db: Knex, rows: number): Promise<Seed> {
  if (rows < 10) throw new RangeError(`the seed needs at least 10 rows, got ${rows}`);
  const tenants = Math.min(SEED_TENANTS, rows);
  await db.raw(SEED_SQL, [rows, tenants]);
  await db.raw("analyze runs");
  return { rows, tenants };
}

/** The scoped key of seeded row `index` (1-based). */
export function seededKey(seed: Seed, index: number): SeededKey {
  return {
    idempotencyKey: `key-${index}`,
    tenantId: `tenant-${index % seed.tenants}`,
    agentId: `agent-${index % SEED_AGENTS}`,
    fingerprint: createHash("md5").update(String(index)).digest("hex"),
  };
}

function randomIndex(seed: Seed, below = seed.rows): number {
  return 1 + Math.floor(Math.random() * below);
}

/** A random seeded key that is held: live, not expired, and not a run whose lease has ended (a claim would take it over). */
export function randomLiveKey(seed: Seed): SeededKey {
  const index = randomIndex(seed);
  const ones = index % 10;
  if (ones === 0) return seededKey(seed, index - 1);
  if (ones === 1) return seededKey(seed, index < seed.rows ? index + 1 : index - 3);
  return seededKey(seed, index);
}

/**
 * A random seeded key whose run has expired, from the first half of the
 * seed: the claims that take expired keys over use the second half.
 */
export function randomExpiredKey(seed: Seed): SeededKey {
  return seededKey(seed, 10 * randomIndex(seed, Math.max(1, Math.floor(seed.rows / 20))));
}

/** The seeded runs a claim takes over, each once: it supersedes them. */
export type SupersededKind = "expired" | "failed" | "lease_ended";

/** The last digit of the seeded rows of each kind; `expired` keys come from the second half of the seed only. */
const SUPERSEDED_DIGIT: Readonly<Record<SupersededKind, number>> = { expired: 0, failed: 4, lease_ended: 1 };

/**
 * Hands out seeded keys that a claim supersedes, each once, in order:
 * expired runs (second half of the seed), failed runs (`i mod 10 = 4`), and
 * running runs whose lease has ended (`i mod 10 = 1`).
 * @param seed - the seeded table.
 */
export function supersededKeys(seed: Seed): (kind: SupersededKind) => SeededKey {
  const next: Record<SupersededKind, number> = { expired: Math.floor(seed.rows / 20) + 1, failed: 0, lease_ended: 0 };
  return (kind) => {
    const index = 10 * next[kind]++ + SUPERSEDED_DIGIT[kind];
    if (index > seed.rows || index < 1) throw new RangeError(`the seed has no ${kind} key left to supersede: seed more rows`);
    return seededKey(seed, index);
  };
}

/** How many seeded rows expired two days ago: every tenth. */
export function expiredRows(seed: Seed): number {
  return Math.floor(seed.rows / 10);
}

/**
 * The ids of up to `count` random seeded rows, for the select-by-primary-key baseline.
 * @param db - a knex instance on the seeded database.
 * @param count - how many ids to return.
 */
export async function sampleIds(db: Knex, count: number): Promise<string[]> {
  const result = await db.raw<{ rows: { id: string }[] }>("select id from runs order by random() limit ?", [count]);
  return result.rows.map((row) => row.id);
}

/**
 * The ids of up to `count` random live seeded runs that are still queued,
 * running or retry, not expired and without a lease (so that no claim takes
 * them over): runs whose lease `renewLease` can extend.
 * @param db - a knex instance on the seeded database.
 * @param count - how many ids to return.
 */
export async function sampleInProgressIds(db: Knex, count: number): Promise<string[]> {
  const result = await db.raw<{ rows: { id: string }[] }>(
    `select id from runs where status in ('queued', 'running', 'retry') and superseded_at is null and lease_expires_at is null
       and created_at > now() - interval '1 day' order by random() limit ?`,
    [count],
  );
  return result.rows.map((row) => row.id);
}
