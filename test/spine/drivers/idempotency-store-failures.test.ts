import { randomUUID } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { createScratchDatabase, findFreePort, startEmbeddedDatabase, withDatabase } from "../../../dev/database.js";
import { createDb, migrate } from "../../../spine/db/index.js";
import {
  checkIdempotency,
  claimRun,
  getExistingRun,
  IdempotencyRetryableError,
  IdempotencySchemaOutdatedError,
  IdempotencyStoreError,
  renewLease,
  toIdempotencyError,
} from "../../../spine/drivers/idempotency.js";
import { rejection, SILENT_LOG, TEST_LAYOUT, useTestDatabase } from "../../support/database.js";

const database = useTestDatabase();

/** What every caller may rely on: the class, the status, the code, `retryable` and `sqlState`. */
interface Expected {
  readonly status: 503 | 500;
  readonly sqlState: string | null;
  readonly message: string;
}

/** Runs `work`, expects an IdempotencyStoreError as described, and returns it with the elapsed milliseconds. */
async function expectStoreError(work: () => Promise<unknown>, expected: Expected): Promise<{ error: IdempotencyStoreError; elapsed: number }> {
  const { error, elapsed } = await rejection(work);
  expect(error).toBeInstanceOf(IdempotencyStoreError);
  const transient = expected.status === 503;
  expect(error).toMatchObject({
    status: expected.status,
    code: transient ? "idempotency_store_unavailable" : "idempotency_store_failed",
    retryable: transient,
    sqlState: expected.sqlState,
    message: expected.message,
  });
  return { error: error as IdempotencyStoreError, elapsed };
}

const NOT_MIGRATED_TO_0006: Expected = {
  status: 500,
  sqlState: "42883",
  message: "idempotency store failed: the database has no spine_claim: apply migration 0006_claim_procedure (run migrate) (SQLSTATE 42883)",
};

const NOT_MIGRATED_TO_0005: Expected = {
  status: 500,
  sqlState: "42883",
  message: "idempotency store failed: the database has no spine_find_run: apply migration 0005_find_function (run migrate) (SQLSTATE 42883)",
};

const REFUSED: Expected = { status: 503, sqlState: null, message: "idempotency store unavailable: connection refused (ECONNREFUSED)" };

describe("database failures are typed errors, never 'not found'", () => {
  it("reports connection refused within seconds", async () => {
    const port = await findFreePort();
    const db = createDb(`postgres://postgres:none@127.0.0.1:${port}/postgres`, { log: SILENT_LOG });
    try {
      for (const call of [
        () => checkIdempotency(db, "key-1", "t", "a"),
        () => getExistingRun(db, "key-1", "t", "a"),
        () => claimRun(db, { idempotencyKey: "key-1", tenantId: "t", agentId: "a" }),
      ]) {
        const { error, elapsed } = await expectStoreError(call, REFUSED);
        expect(error.cause).toMatchObject({ code: "ECONNREFUSED" });
        expect(elapsed).toBeLessThan(5_000);
      }
    } finally {
      await db.destroy();
    }
  });

  it("reports a server that was stopped while the pool was in use", async () => {
    const server = await startEmbeddedDatabase();
    const db = createDb(server.adminUrl, { poolMin: 1, log: SILENT_LOG });
    try {
      await migrate(db, { layout: TEST_LAYOUT });
      const key = `stopped-${randomUUID()}`;
      expect((await claimRun(db, { idempotencyKey: key, tenantId: "t", agentId: "a" })).created).toBe(true);
      await server.stop();
      const lookup = await rejection(() => checkIdempotency(db, key, "t", "a"));
      expect(lookup.error).toBeInstanceOf(IdempotencyStoreError);
      expect(lookup.error).toMatchObject({ status: 503, retryable: true });
      expect(lookup.elapsed).toBeLessThan(10_000);
      const claim = await expectStoreError(() => claimRun(db, { idempotencyKey: key, tenantId: "t", agentId: "a" }), REFUSED);
      expect(claim.elapsed).toBeLessThan(10_000);
    } finally {
      await db.destroy();
      await server.stop();
    }
  });

  it("reports a connection terminated in the middle of the caller's transaction as transient", async () => {
    const db = database.connect({ poolMax: 2, log: SILENT_LOG });
    const trx = await db.transaction();
    const pid = (await trx.raw<{ rows: { pid: number }[] }>("select pg_backend_pid() as pid")).rows[0]?.pid;
    await database.db.raw("select pg_terminate_backend(?)", [pid ?? 0]);
    const { error } = await rejection(() => claimRun(trx, { idempotencyKey: `reset-${randomUUID()}`, tenantId: "t", agentId: "a" }));
    expect(error).toBeInstanceOf(IdempotencyStoreError);
    expect(error).toMatchObject({ status: 503, code: "idempotency_store_unavailable", retryable: true });
    expect((error as Error).message).toMatch(/^idempotency store unavailable: (connection terminated|admin shutdown \(SQLSTATE 57P01\))/);
    await trx.rollback().catch(() => undefined);
  });

  it("reports a full pool after the acquire timeout instead of waiting forever", async () => {
    const db = database.connect({ poolMax: 1, acquireTimeoutMillis: 300, log: SILENT_LOG });
    const holder = await db.transaction();
    try {
      const { error, elapsed } = await expectStoreError(() => checkIdempotency(db, "key-2", "t", "a"), {
        status: 503,
        sqlState: null,
        message: "idempotency store unavailable: no pooled connection within the acquire timeout (KnexTimeoutError)",
      });
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
      await waiter.raw("set local lock_timeout = 0");
      const { error } = await expectStoreError(() => claimRun(waiter, { idempotencyKey: key, tenantId: "t", agentId: "a" }), {
        status: 503,
        sqlState: "57014",
        message: "idempotency store unavailable: statement cancelled (SQLSTATE 57014)",
      });
      expect(error.cause).toMatchObject({ code: "57014" });
    } finally {
      await waiter.rollback();
      await holder.rollback();
    }
  });

  it("reports a missing schema as a permanent 500 whose message carries no SQL", async () => {
    const scratch = await createScratchDatabase(inject("adminUrl"));
    const db = createDb(scratch.url);
    try {
      const { error } = await expectStoreError(() => renewLease(db, "00000000-0000-4000-8000-000000000000", 60), {
        status: 500,
        sqlState: "42P01",
        message: "idempotency store failed: undefined table (SQLSTATE 42P01)",
      });
      expect(error.cause).toMatchObject({ code: "42P01" });
      expect((error.cause as Error).message).toContain("update runs set lease_expires_at");
      // A lookup calls spine_find_run (migration 0005) and a claim spine_claim (migration 0006), which an unmigrated database lacks.
      const lookup = await expectStoreError(() => getExistingRun(db, "key-3", null, null), NOT_MIGRATED_TO_0005);
      expect(lookup.error).toBeInstanceOf(IdempotencySchemaOutdatedError);
      const claim = await expectStoreError(() => claimRun(db, { idempotencyKey: "key-3", tenantId: null, agentId: null }), NOT_MIGRATED_TO_0006);
      expect(claim.error).toBeInstanceOf(IdempotencySchemaOutdatedError);
    } finally {
      await db.destroy();
      await scratch.drop();
    }
  });

  it("names the missing migration when runs exists but spine_claim does not (a database not migrated to 0006)", async () => {
    const scratch = await createScratchDatabase(inject("adminUrl"));
    const db = createDb(scratch.url);
    try {
      await migrate(db, { layout: TEST_LAYOUT });
      await db.raw("drop procedure spine_claim");
      const { error } = await expectStoreError(() => claimRun(db, { idempotencyKey: "key-4", tenantId: "t", agentId: null }), NOT_MIGRATED_TO_0006);
      expect(error).toBeInstanceOf(IdempotencySchemaOutdatedError);
      expect(error).toMatchObject({ migration: "0006_claim_procedure", code: "idempotency_store_failed", retryable: false });
      expect(error.cause).toMatchObject({ code: "42883" });
      // Lookups need nothing from 0006 and still work.
      expect(await getExistingRun(db, "key-4", "t", null)).toBeNull();
    } finally {
      await db.destroy();
      await scratch.drop();
    }
  });

  it("names the missing migration when spine_find_run does not exist (a database not migrated to 0005)", async () => {
    const scratch = await createScratchDatabase(inject("adminUrl"));
    const db = createDb(scratch.url);
    try {
      await migrate(db, { layout: TEST_LAYOUT });
      await db.raw("drop function spine_find_run");
      for (const lookup of [() => checkIdempotency(db, "key-5", "t", null), () => getExistingRun(db, "key-5", "t", null)]) {
        const { error } = await expectStoreError(lookup, NOT_MIGRATED_TO_0005);
        expect(error).toBeInstanceOf(IdempotencySchemaOutdatedError);
        expect(error).toMatchObject({ migration: "0005_find_function", code: "idempotency_store_failed", retryable: false });
        expect(error.cause).toMatchObject({ code: "42883" });
      }
      // Claims need nothing from 0005 and still work.
      expect(await claimRun(db, { idempotencyKey: "key-5", tenantId: "t", agentId: null })).toMatchObject({ created: true, attempts: 1 });
    } finally {
      await db.destroy();
      await scratch.drop();
    }
  });

  it("reports a role over its connection limit as transient (SQLSTATE 53300)", async () => {
    const role = `spine_limited_${randomUUID().slice(0, 8)}`;
    await database.db.raw(`create role ${role} login connection limit 0 password 'limited'`);
    const url = new URL(database.url);
    url.username = role;
    url.password = "limited";
    const db = createDb(url.toString(), { log: SILENT_LOG });
    try {
      await expectStoreError(() => checkIdempotency(db, "key-4", null, null), {
        status: 503,
        sqlState: "53300",
        message: "idempotency store unavailable: too many connections (SQLSTATE 53300)",
      });
    } finally {
      await db.destroy();
      await database.db.raw(`drop role ${role}`);
    }
  });

  it("reports a database that does not exist as a permanent 500 (SQLSTATE 3D000)", async () => {
    const db = createDb(withDatabase(database.url, `missing_${randomUUID().slice(0, 8)}`), { log: SILENT_LOG });
    try {
      await expectStoreError(() => checkIdempotency(db, "key-5", null, null), {
        status: 500,
        sqlState: "3D000",
        message: "idempotency store failed: database does not exist (SQLSTATE 3D000)",
      });
    } finally {
      await db.destroy();
    }
  });
});

/** An error as pg's DatabaseError carries a server's error: a SQLSTATE `code` and a `severity`. */
function serverError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code, severity: "ERROR" });
}

describe("toIdempotencyError: one table decides class, status, code and retryable", () => {
  const transient = ["08000", "08001", "08003", "08006", "08P01", "57P01", "57P02", "57P03", "53000", "53100", "53200", "53300", "53400", "55P03", "57014"];
  const permanent = ["42P01", "42703", "42501", "23505", "23514", "22P02", "28P01", "3D000", "25P02", "0A000", "XX000", "P0001", "99999"];

  it.each(transient)("SQLSTATE %s is a retryable 503 IdempotencyStoreError", (code) => {
    const error = toIdempotencyError(serverError(`insert into runs ... - boom ${code}`, code));
    expect(error).toBeInstanceOf(IdempotencyStoreError);
    expect(error).not.toBeInstanceOf(IdempotencyRetryableError);
    expect(error).toMatchObject({ status: 503, code: "idempotency_store_unavailable", retryable: true, sqlState: code });
    expect(error.message).not.toMatch(/insert|runs|boom/);
    expect(error.message).toMatch(new RegExp(`^idempotency store unavailable: [a-z -]+ \\(SQLSTATE ${code}\\)$`));
  });

  it.each(permanent)("SQLSTATE %s is a non-retryable 500 IdempotencyStoreError", (code) => {
    const error = toIdempotencyError(serverError(`select * from runs - boom ${code}`, code));
    expect(error).toBeInstanceOf(IdempotencyStoreError);
    expect(error).toMatchObject({ status: 500, code: "idempotency_store_failed", retryable: false, sqlState: code });
    expect(error.message).not.toMatch(/select|runs|boom/);
  });

  it.each(["40001", "40P01"])("SQLSTATE %s is an IdempotencyRetryableError: retry the transaction", (code) => {
    const error = toIdempotencyError(serverError("x", code));
    expect(error).toBeInstanceOf(IdempotencyRetryableError);
    expect(error).toBeInstanceOf(IdempotencyStoreError);
    expect(error).toMatchObject({ status: 503, code: "idempotency_serialization_failure", retryable: true, sqlState: code });
  });

  it.each([
    ["ECONNRESET", "connection reset"],
    ["ECONNREFUSED", "connection refused"],
    ["ETIMEDOUT", "connection timed out"],
    ["EPIPE", "connection broken"],
    ["EHOSTUNREACH", "host unreachable"],
  ])("a socket error %s is a retryable 503 without a SQLSTATE", (code, reason) => {
    const error = toIdempotencyError(Object.assign(new Error(`connect ${code} 10.0.0.1:5432`), { code }));
    expect(error).toMatchObject({ status: 503, retryable: true, sqlState: null, message: `idempotency store unavailable: ${reason} (${code})` });
  });

  it.each(["Connection terminated unexpectedly", "Client has encountered a connection error and is not queryable", "timeout expired"])(
    "pg's %j is a retryable 503",
    (message) => {
      expect(toIdempotencyError(new Error(message))).toMatchObject({ status: 503, retryable: true, sqlState: null });
    },
  );

  it("an error it does not know is a non-retryable 500 that keeps the error as its cause", () => {
    const cause = new TypeError("Cannot read properties of undefined");
    const error = toIdempotencyError(cause);
    expect(error).toMatchObject({ status: 500, code: "idempotency_store_failed", retryable: false, sqlState: null, message: "idempotency store failed: unexpected error (TypeError)", cause });
  });
});
