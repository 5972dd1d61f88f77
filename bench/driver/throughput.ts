/**
 * Throughput of `claimRun` on distinct keys against a plain knex INSERT of
 * the same row, both with a pool of 10 and 10 calls in flight. The two run in
 * alternating batches so that drift of the machine affects both alike.
 */
import type { Knex } from "knex";
import { claimRun } from "../../spine/drivers/idempotency.js";
import { runConcurrently } from "../lib/timing.js";
import type { Seed } from "./seed.js";

/** Calls in flight, and the pool size the caller should give `db`. */
export const THROUGHPUT_CONCURRENCY = 10;

/** How many alternating batches each side is split into. */
const BATCHES = 5;

/** Operations per second of each side. */
export interface Throughput {
  readonly claimOpsPerSecond: number;
  readonly insertOpsPerSecond: number;
}

interface Row {
  tenant_id: string;
  agent_id: string;
  tenant_scope: string;
  agent_scope: string;
  idempotency_key: string;
  request_fingerprint: string;
  goal: string;
}

/** The row a claim inserts, with the columns it writes. */
function row(seed: Seed, prefix: string, index: number): Row {
  const tenant = `tenant-${index % seed.tenants}`;
  return {
    tenant_id: tenant,
    agent_id: "agent-throughput",
    tenant_scope: tenant,
    agent_scope: "agent-throughput",
    idempotency_key: `${prefix}-${index}`,
    request_fingerprint: `fingerprint-${index}`,
    goal: "benchmark",
  };
}

/**
 * Runs `ops` claims and `ops` plain inserts, each on distinct keys.
 * @param db - a knex instance with a pool of {@link THROUGHPUT_CONCURRENCY}.
 * @param seed - the seeded table (for tenant names).
 * @param ops - how many operations of each kind.
 */
export async function measureThroughput(db: Knex, seed: Seed, ops: number): Promise<Throughput> {
  const batch = Math.ceil(ops / BATCHES);
  let claimMs = 0;
  let insertMs = 0;
  for (let start = 0; start < ops; start += batch) {
    const count = Math.min(batch, ops - start);
    claimMs += await runConcurrently(count, THROUGHPUT_CONCURRENCY, async (offset) => {
      const values = row(seed, "throughput-claim", start + offset);
      const result = await claimRun(db, {
        idempotencyKey: values.idempotency_key,
        tenantId: values.tenant_id,
        agentId: values.agent_id,
        fingerprint: values.request_fingerprint,
        goal: values.goal,
      });
      if (!result.created) throw new Error(`throughput benchmark: the claim of ${values.idempotency_key} created no run`);
    });
    insertMs += await runConcurrently(count, THROUGHPUT_CONCURRENCY, async (offset) => {
      await db("runs").insert(row(seed, "throughput-insert", start + offset));
    });
  }
  return { claimOpsPerSecond: (ops * 1000) / claimMs, insertOpsPerSecond: (ops * 1000) / insertMs };
}
