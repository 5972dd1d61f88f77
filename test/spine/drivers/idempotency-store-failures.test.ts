import { randomUUID } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { createScratchDatabase, findFreePort, startEmbeddedDatabase } from "../../../dev/database.js";
import { createDb, migrate } from "../../../spine/db/index.js";
import { checkIdempotency, claimRun, getExistingRun, IdempotencyStoreError } from "../../../spine/drivers/idempotency.js";
import { useTestDatabase } from "../../support/database.js";

const database = useTestDatabase();

/** Runs `work`, expects an IdempotencyStoreError, and returns it with the elapsed milliseconds. */
async function expectStoreError(work: () => Promise<unknown>): Promise<{ error: IdempotencyStoreError; elapsed: number }> {
  const started = Date.now();
  const outcome = await work().then(
    (value) => ({ resolved: value }),
    (error: unknown) => ({ error }),
  );
  const elapsed = Date.now() - started;
  expect(outcome).not.toHaveProperty("resolved");
  const { error } = outcome as { error: unknown };
  expect(error).toBeInstanceOf(IdempotencyStoreError);
  expect(error).toMatchObject({ status: 503, code: "idempotency_store_unavailable", retryable: true });
  return { error: error as IdempotencyStoreError, elapsed };
}

describe("database failures are errors, never 'not found'", () => {
  it("reports connection refused within seconds", async () => {
    const port = await findFreePort();
    const db = createDb(`postgres://postgres:none@127.0.0.1:${port}/postgres`);
    try {
      for (const call of [
        () => checkIdempotency(db, "key-1", "t", "a"),
        () => getExistingRun(db, "key-1", "t", "a"),
        () => claimRun(db, { idempotencyKey: "key-1", tenantId: "t", agentId: "a" }),
      ]) {
        const { error, elapsed } = await expectStoreError(call);
        expect(error.cause).toMatchObject({ code: "ECONNREFUSED" });
        expect(elapsed).toBeLessThan(5_000);
      }
    } finally {
      await db.destroy();
    }
  });

  it("reports a server that was stopped while the pool was in use", async () => {
    const server = await startEmbeddedDatabase();
    const db = createDb(server.adminUrl, { poolMin: 1 });
    try {
      await migrate(db);
      const key = `stopped-${randomUUID()}`;
      expect((await claimRun(db, { idempotencyKey: key, tenantId: "t", agentId: "a" })).created).toBe(true);
      await server.stop();
      const lookup = await expectStoreError(() => checkIdempotency(db, key, "t", "a"));
      expect(lookup.elapsed).toBeLessThan(10_000);
      const claim = await expectStoreError(() => claimRun(db, { idempotencyKey: key, tenantId: "t", agentId: "a" }));
      expect(claim.elapsed).toBeLessThan(10_000);
    } finally {
      await db.destroy();
      await server.stop();
    }
  });

  it("reports a connection terminated in the middle of the caller's transaction", async () => {
    const db = database.connect({ poolMax: 2 });
    const trx = await db.transaction();
    const pid = (await trx.raw<{ rows: { pid: number }[] }>("select pg_backend_pid() as pid")).rows[0]?.pid;
    await database.db.raw("select pg_terminate_backend(?)", [pid ?? 0]);
    const { error } = await expectStoreError(() => claimRun(trx, { idempotencyKey: `reset-${randomUUID()}`, tenantId: "t", agentId: "a" }));
    expect(String((error.cause as Error).message)).toMatch(/terminat|Connection/i);
    await trx.rollback().catch(() => undefined);
  });

  it("reports a full pool after the acquire timeout instead of waiting forever", async () => {
    const db = database.connect({ poolMax: 1, acquireTimeoutMillis: 300 });
    const holder = await db.transaction();
    try {
      const { error, elapsed } = await expectStoreError(() => checkIdempotency(db, "key-2", "t", "a"));
      expect((error.cause as Error).name).toBe("KnexTimeoutError");
      expect(elapsed).toBeGreaterThanOrEqual(250);
      expect(elapsed).toBeLessThan(3_000);
    } finally {
      await holder.rollback();
    }
  });

  it("reports a server-side statement timeout while waiting on another claim", async () => {
    const key = `timeout-${randomUUID()}`;
    const holder = await database.db.transaction();
    const waiter = await database.db.transaction();
    try {
      await claimRun(holder, { idempotencyKey: key, tenantId: "t", agentId: "a" });
      await waiter.raw("set local statement_timeout = 200");
      const { error } = await expectStoreError(() => claimRun(waiter, { idempotencyKey: key, tenantId: "t", agentId: "a" }));
      expect(error.cause).toMatchObject({ code: "57014" });
    } finally {
      await waiter.rollback();
      await holder.rollback();
    }
  });

  it("reports a missing schema as a store error, not as an empty result", async () => {
    const scratch = await createScratchDatabase(inject("adminUrl"));
    const db = createDb(scratch.url);
    try {
      const { error } = await expectStoreError(() => getExistingRun(db, "key-3", null, null));
      expect(error.cause).toMatchObject({ code: "42P01" });
    } finally {
      await db.destroy();
      await scratch.drop();
    }
  });
});
