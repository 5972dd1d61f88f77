/**
 * submitRun validates everything before it takes a connection, and maps every
 * failure of acquiring one, BEGIN, the claim and COMMIT to a typed error.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { findFreePort, startEmbeddedDatabase } from "../../../dev/database.js";
import { createDb, migrate } from "../../../spine/db/index.js";
import {
  IdempotencyKeyInvalidError,
  IdempotencyOptionsInvalidError,
  IdempotencyRetryableError,
  IdempotencyScopeInvalidError,
  IdempotencyStoreError,
} from "../../../spine/drivers/idempotency.js";
import { PayloadInvalidError, submitRun, type SubmitRunOptions, type SubmitRunRequest } from "../../../spine/orchestrator/index.js";
import { countRuns, recordQueries, rejection, SILENT_LOG, TEST_LAYOUT, useTestDatabase } from "../../support/database.js";

const database = useTestDatabase();

function request(overrides: Partial<SubmitRunRequest> = {}): SubmitRunRequest {
  return { idempotencyKey: `submit-${randomUUID()}`, tenantId: "tenant-a", agentId: "agent-x", payload: { n: 1 }, ...overrides };
}

const INVALID: [string, Partial<SubmitRunRequest>, SubmitRunOptions, new (...args: never[]) => Error, string][] = [
  ["a missing key", { idempotencyKey: undefined as unknown as string }, {}, IdempotencyKeyInvalidError, "idempotency_key_invalid"],
  ["an empty key", { idempotencyKey: "" }, {}, IdempotencyKeyInvalidError, "idempotency_key_invalid"],
  ["an empty tenant", { tenantId: "" }, {}, IdempotencyScopeInvalidError, "idempotency_scope_invalid"],
  ["an undefined agent", { agentId: undefined as unknown as null }, {}, IdempotencyScopeInvalidError, "idempotency_scope_invalid"],
  ["a NaN in the payload", { payload: { n: Number.NaN } }, {}, PayloadInvalidError, "payload_invalid"],
  ["a negative TTL", {}, { ttlSeconds: -1 }, IdempotencyOptionsInvalidError, "idempotency_options_invalid"],
  ["a TTL beyond the maximum", {}, { ttlSeconds: 1e12 }, IdempotencyOptionsInvalidError, "idempotency_options_invalid"],
  ["a zero lease", {}, { leaseSeconds: 0 }, IdempotencyOptionsInvalidError, "idempotency_options_invalid"],
  ["zero attempts", {}, { maxAttempts: 0 }, IdempotencyOptionsInvalidError, "idempotency_options_invalid"],
  ["an unknown isolation level", {}, { isolationLevel: "chaos" as "serializable" }, IdempotencyOptionsInvalidError, "idempotency_options_invalid"],
];

describe("submitRun validates before it takes a connection", () => {
  it.each(INVALID)("rejects %s without sending BEGIN or anything else", async (_label, overrides, options, errorClass, code) => {
    const queries = recordQueries(database.db);
    try {
      const { error } = await rejection(() => submitRun(database.db, request(overrides), options));
      expect(error).toBeInstanceOf(errorClass);
      expect(error).toMatchObject({ code });
      expect(queries.sql).toEqual([]);
    } finally {
      queries.stop();
    }
  });

  it("answers 400 for a missing key and 503 for a valid one while the database is down", async () => {
    const db = createDb(`postgres://postgres:none@127.0.0.1:${await findFreePort()}/postgres`, { log: SILENT_LOG });
    try {
      const invalid = await rejection(() => submitRun(db, request({ idempotencyKey: undefined as unknown as string })));
      expect(invalid.error).toBeInstanceOf(IdempotencyKeyInvalidError);
      expect(invalid.error).toMatchObject({ status: 400 });
      const down = await rejection(() => submitRun(db, request()));
      expect(down.error).toBeInstanceOf(IdempotencyStoreError);
      expect(down.error).toMatchObject({ status: 503, code: "idempotency_store_unavailable", retryable: true, sqlState: null, cause: { code: "ECONNREFUSED" } });
      expect((down.error as Error).message).toBe("idempotency store unavailable: connection refused (ECONNREFUSED)");
      expect(down.elapsed).toBeLessThan(5_000);
    } finally {
      await db.destroy();
    }
  });

  it("answers 503 when the pool is exhausted, never a bare KnexTimeoutError", async () => {
    const db = database.connect({ poolMax: 1, acquireTimeoutMillis: 300, log: SILENT_LOG });
    const holder = await db.transaction();
    try {
      const { error, elapsed } = await rejection(() => submitRun(db, request()));
      expect(error).toBeInstanceOf(IdempotencyStoreError);
      expect(error).toMatchObject({ status: 503, code: "idempotency_store_unavailable", retryable: true, sqlState: null, cause: { name: "KnexTimeoutError" } });
      expect(elapsed).toBeGreaterThanOrEqual(250);
      expect(elapsed).toBeLessThan(3_000);
    } finally {
      await holder.rollback();
    }
  });

  it("answers 503 when the server stops while the pool holds an idle connection", async () => {
    const server = await startEmbeddedDatabase();
    const db = createDb(server.adminUrl, { poolMin: 1, log: SILENT_LOG });
    try {
      await migrate(db, { layout: TEST_LAYOUT });
      expect((await submitRun(db, request())).decision).toBe("created");
      await server.stop();
      const { error, elapsed } = await rejection(() => submitRun(db, request()));
      expect(error).toBeInstanceOf(IdempotencyStoreError);
      expect(error).toMatchObject({ status: 503, retryable: true });
      expect(elapsed).toBeLessThan(10_000);
    } finally {
      await db.destroy();
      await server.stop();
    }
  });
});

describe("submitRun maps a failed COMMIT", () => {
  /** A deferred constraint trigger makes COMMIT fail with `sqlState` for keys starting with `prefix`. */
  async function failCommitsOf(prefix: string, sqlState: string): Promise<void> {
    const fn = `fail_commit_${sqlState.toLowerCase()}`;
    await database.db.raw(`create or replace function ${fn}() returns trigger language plpgsql as $$
      begin raise exception 'commit refused by the test' using errcode = '${sqlState}'; end $$`);
    await database.db.raw(`create constraint trigger ${fn} after insert on runs deferrable initially deferred
      for each row when (new.idempotency_key like '${prefix}%') execute function ${fn}()`);
  }

  it("retries a serialization failure at COMMIT and then reports IdempotencyRetryableError", async () => {
    await failCommitsOf("commit-40001-", "40001");
    const req = request({ idempotencyKey: `commit-40001-${randomUUID()}` });
    const events: string[] = [];
    const { error } = await rejection(() => submitRun(database.db, req, { maxAttempts: 3, logger: (event) => events.push(event.event) }));
    expect(error).toBeInstanceOf(IdempotencyRetryableError);
    expect(error).toMatchObject({ status: 503, code: "idempotency_serialization_failure", retryable: true, sqlState: "40001" });
    expect(events).toEqual(["submit_run.retrying", "submit_run.retrying"]);
    expect(await countRuns(database.db, req.idempotencyKey)).toBe(0);
  });

  it("reports a permanent failure at COMMIT as a non-retryable 500 without retrying", async () => {
    await failCommitsOf("commit-p0001-", "P0001");
    const req = request({ idempotencyKey: `commit-p0001-${randomUUID()}` });
    const events: string[] = [];
    const { error } = await rejection(() => submitRun(database.db, req, { logger: (event) => events.push(event.event) }));
    expect(error).toBeInstanceOf(IdempotencyStoreError);
    expect(error).not.toBeInstanceOf(IdempotencyRetryableError);
    expect(error).toMatchObject({ status: 500, code: "idempotency_store_failed", retryable: false, sqlState: "P0001" });
    expect((error as Error).message).toBe("idempotency store failed: raise exception (SQLSTATE P0001)");
    expect(events).toEqual([]);
    expect(await countRuns(database.db, req.idempotencyKey)).toBe(0);
  });
});
