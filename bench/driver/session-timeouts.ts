/**
 * What setting the session timeouts in each transaction costs a claim: the
 * statements one `submitRun` sends with the timeouts as startup parameters
 * (`createDb`'s default) and with `sessionTimeouts: "transaction"` (the
 * `SET LOCAL`s ride in the BEGIN's simple query). Each statement is one
 * round trip, so equal counts mean no round trip added.
 */
import { randomUUID } from "node:crypto";
import type { Knex } from "knex";
import { submitRun } from "../../spine/orchestrator/index.js";
import type { LatencyPools } from "./latency.js";

/** Statements sent by one `submitRun` of a fresh key, per way of setting the session timeouts. */
export interface SubmitStatements {
  readonly startup: number;
  readonly transaction: number;
}

/** Counts the statements (knex `query` events) of one `submitRun` of a fresh key on `db`. */
async function statementsOfOneSubmit(db: Knex): Promise<number> {
  let count = 0;
  const listener = (): void => {
    count += 1;
  };
  db.on("query", listener);
  try {
    await submitRun(db, { idempotencyKey: `statements-${randomUUID()}`, tenantId: "bench", agentId: "bench", payload: {} });
  } finally {
    db.removeListener("query", listener);
  }
  return count;
}

/** Counts the statements of one `submitRun` on each of the two session-timeout pools. */
export async function measureSubmitStatements(pools: LatencyPools): Promise<SubmitStatements> {
  return { startup: await statementsOfOneSubmit(pools.startupTimeouts), transaction: await statementsOfOneSubmit(pools.transactionTimeouts) };
}
