/**
 * spine-runtime behind a real PgBouncer (slow tier: it starts PgBouncer
 * processes): in transaction and in session mode, PgBouncer refuses the
 * session timeouts as startup parameters, which is a permanent 500 that names
 * the fix; with `sessionTimeouts: "transaction"`, `migrate` and `submitRun`
 * work and the lock timeout is in force (a claim behind a held claim fails
 * within it), with no statement added to a claim.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, migrate } from "../../../spine/db/index.js";
import { claimRun, IdempotencyStoreError } from "../../../spine/drivers/idempotency.js";
import { submitRun, withTransaction } from "../../../spine/orchestrator/index.js";
import { recordQueries, rejection, SILENT_LOG, useTestDatabase } from "../../support/database.js";
import { type PgBouncer, startPgBouncer } from "../../support/pgbouncer.js";

const database = useTestDatabase({ migrate: false });

describe.each(["transaction", "session"] as const)("behind PgBouncer in %s mode", (mode) => {
  let bouncer: PgBouncer | undefined;
  beforeAll(async () => {
    bouncer = await startPgBouncer(database.url, mode);
  });
  afterAll(async () => bouncer?.stop());

  it("the default startup parameters are refused: a permanent 500 that names the fix", async () => {
    const through = createDb(bouncer?.url(database.url) ?? "", { log: SILENT_LOG });
    try {
      const { error } = await rejection(() => submitRun(through, { idempotencyKey: `pgb-${randomUUID()}`, tenantId: "t", agentId: "a", payload: {} }));
      expect(error).toBeInstanceOf(IdempotencyStoreError);
      expect(error).toMatchObject({ status: 500, retryable: false, sqlState: "08P01" });
      expect((error as Error).message).toContain("a connection pooler refused a startup parameter");
    } finally {
      await through.destroy();
    }
  });

  it('with sessionTimeouts: "transaction", migrate and submitRun work, the lock timeout is in force, and a claim costs no extra statement', async () => {
    const through = createDb(bouncer?.url(database.url) ?? "", { log: SILENT_LOG, sessionTimeouts: "transaction", lockTimeoutMillis: 300 });
    const holder = createDb(bouncer?.url(database.url) ?? "", { log: SILENT_LOG, sessionTimeouts: "transaction" });
    try {
      await migrate(through);
      const queries = recordQueries(through);
      const key = `pgb-${randomUUID()}`;
      const first = await submitRun(through, { idempotencyKey: key, tenantId: "t", agentId: "a", payload: {} });
      expect(first.decision).toBe("created");
      expect(queries.sql.length).toBe(3);
      queries.stop();
      expect(await withTransaction(through, async (trx) => (await trx.raw<{ rows: { lock_timeout: string }[] }>("show lock_timeout")).rows[0]?.lock_timeout)).toBe("300ms");

      const held = `held-${randomUUID()}`;
      let release: () => void = () => undefined;
      const released = new Promise<void>((done) => (release = done));
      const holding = withTransaction(holder, async (trx) => {
        await claimRun(trx, { idempotencyKey: held, tenantId: "t", agentId: "a" });
        await released;
      });
      await new Promise((wake) => setTimeout(wake, 200));
      const { error, elapsed } = await rejection(() => submitRun(through, { idempotencyKey: held, tenantId: "t", agentId: "a", payload: {} }));
      release();
      await holding;
      expect(error).toMatchObject({ status: 503, retryable: true, sqlState: "55P03" });
      expect(elapsed).toBeLessThan(3_000);
    } finally {
      await through.destroy();
      await holder.destroy();
    }
  });
});
