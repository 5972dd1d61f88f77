/**
 * createDb: session timeouts sent as startup parameters, and knex's log routed
 * to the caller.
 */
import { randomUUID } from "node:crypto";
import type { Knex } from "knex";
import { afterEach, describe, expect, it, vi } from "vitest";
import { findFreePort } from "../../../dev/database.js";
import { createDb, DEFAULT_DB_OPTIONS } from "../../../spine/db/index.js";
import { KNEX_LOG_PREFIX } from "../../../spine/db/knex-log.js";
import { claimRun, IdempotencyStoreError } from "../../../spine/drivers/idempotency.js";
import { submitRun, withTransaction } from "../../../spine/orchestrator/index.js";
import { recordQueries, rejection, SILENT_LOG, useTestDatabase } from "../../support/database.js";

const database = useTestDatabase();

async function setting(db: Knex, name: string): Promise<string> {
  const result = await db.raw<{ rows: Record<string, string>[] }>(`show ${name}`);
  return result.rows[0]?.[name] ?? "";
}

async function timeouts(db: Knex): Promise<string[]> {
  return [await setting(db, "statement_timeout"), await setting(db, "lock_timeout"), await setting(db, "idle_in_transaction_session_timeout")];
}

describe("createDb sets statement, lock and idle-in-transaction timeouts", () => {
  it("defaults to 10 s, 2 s and 30 s, sent at connection start-up: no SET statement", async () => {
    expect(DEFAULT_DB_OPTIONS).toMatchObject({ statementTimeoutMillis: 10_000, lockTimeoutMillis: 2_000, idleInTransactionSessionTimeoutMillis: 30_000 });
    const db = database.connect();
    const queries = recordQueries(db);
    try {
      expect(await timeouts(db)).toEqual(["10s", "2s", "30s"]);
      expect(queries.sql).toEqual(["show statement_timeout", "show lock_timeout", "show idle_in_transaction_session_timeout"]);
    } finally {
      queries.stop();
    }
  });

  it("takes overrides, and 0 leaves a setting to the server", async () => {
    const db = database.connect({ statementTimeoutMillis: 1_500, lockTimeoutMillis: 250, idleInTransactionSessionTimeoutMillis: 0 });
    expect(await timeouts(db)).toEqual(["1500ms", "250ms", "0"]);
  });

  it('with sessionTimeouts: "transaction", sends them with each BEGIN (one round trip, no statement of their own) instead of at start-up', async () => {
    const db = database.connect({ sessionTimeouts: "transaction", lockTimeoutMillis: 250 });
    expect(await timeouts(db)).toEqual(["0", "0", "0"]);
    const queries = recordQueries(db);
    try {
      const inside = await withTransaction(db, (trx) => timeouts(trx as unknown as Knex));
      expect(inside).toEqual(["10s", "250ms", "30s"]);
      expect(queries.sql).toEqual(["BEGIN;", "show statement_timeout", "show lock_timeout", "show idle_in_transaction_session_timeout", "COMMIT;"]);
    } finally {
      queries.stop();
    }
  });

  it.each([
    ["a session-timeouts mode that does not exist", { sessionTimeouts: "begin" as "transaction" }, "sessionTimeouts"],
    ["a negative lock timeout", { lockTimeoutMillis: -1 }, "lockTimeoutMillis"],
    ["a fractional statement timeout", { statementTimeoutMillis: 1.5 }, "statementTimeoutMillis"],
    ["an idle timeout beyond PostgreSQL's maximum", { idleInTransactionSessionTimeoutMillis: 2 ** 31 }, "idleInTransactionSessionTimeoutMillis"],
    ["a pool of zero", { poolMax: 0 }, "poolMax"],
  ])("rejects %s with a RangeError naming the option", (_label, options, name) => {
    expect(() => createDb("postgres://localhost/x", options)).toThrow(RangeError);
    expect(() => createDb("postgres://localhost/x", options)).toThrow(name);
  });

  it("fails a claim behind a held lock within the default lock timeout, with a typed 503", async () => {
    const key = `locked-${randomUUID()}`;
    const holder = await database.db.transaction();
    const db = database.connect();
    try {
      await claimRun(holder, { idempotencyKey: key, tenantId: "t", agentId: "a" });
      const { error, elapsed } = await rejection(() => claimRun(db, { idempotencyKey: key, tenantId: "t", agentId: "a" }));
      expect(error).toBeInstanceOf(IdempotencyStoreError);
      expect(error).toMatchObject({ status: 503, code: "idempotency_store_unavailable", retryable: true, sqlState: "55P03" });
      expect((error as Error).message).toBe("idempotency store unavailable: lock timeout (SQLSTATE 55P03)");
      expect(elapsed).toBeGreaterThanOrEqual(1_900);
      expect(elapsed).toBeLessThan(4_000);
    } finally {
      await holder.rollback();
    }
  });

  it("fails submitRun behind a held lock within a shorter lock timeout, without retrying", async () => {
    const key = `locked-${randomUUID()}`;
    const holder = await database.db.transaction();
    const db = database.connect({ lockTimeoutMillis: 300 });
    const events: string[] = [];
    try {
      await claimRun(holder, { idempotencyKey: key, tenantId: "t", agentId: "a" });
      const { error, elapsed } = await rejection(() =>
        submitRun(db, { idempotencyKey: key, tenantId: "t", agentId: "a", payload: {} }, { logger: (event) => events.push(event.event) }),
      );
      expect(error).toBeInstanceOf(IdempotencyStoreError);
      expect(error).toMatchObject({ status: 503, retryable: true, sqlState: "55P03" });
      expect(elapsed).toBeGreaterThanOrEqual(250);
      expect(elapsed).toBeLessThan(1_500);
      expect(events).toEqual([]);
    } finally {
      await holder.rollback();
    }
  });

  it("ends a transaction left idle beyond the idle-in-transaction timeout; the next call is a typed 503", async () => {
    const db = database.connect({ idleInTransactionSessionTimeoutMillis: 200, log: SILENT_LOG });
    const trx = await db.transaction();
    try {
      await claimRun(trx, { idempotencyKey: `idle-${randomUUID()}`, tenantId: "t", agentId: "a" });
      await new Promise((resolve) => setTimeout(resolve, 600));
      const { error } = await rejection(() => claimRun(trx, { idempotencyKey: `idle-${randomUUID()}`, tenantId: "t", agentId: "a" }));
      expect(error).toBeInstanceOf(IdempotencyStoreError);
      expect(error).toMatchObject({ status: 503, retryable: true });
    } finally {
      await trx.rollback().catch(() => undefined);
    }
  });
});

describe("createDb's connection string", () => {
  it.each([
    ["undefined (an unset DATABASE_URL)", undefined, "undefined"],
    ["null", null, "null"],
    ["an empty string", "", '""'],
    ["a blank string", "  ", '"  "'],
    ["a number", 5432, "a number"],
    ["an object, without repeating it (it may hold a password)", { host: "db", password: "secret" }, "an object"],
  ])("throws a TypeError at once for %s", (_label, value, got) => {
    const error = (() => {
      try {
        createDb(value as unknown as string);
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe(`createDb: the connection string must be a non-empty string such as process.env.DATABASE_URL, got ${got}`);
  });
});

describe("createDb's log option", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("by default writes each of knex's messages as one line on standard error, without the stack trace, and nothing through console.log", async () => {
    const log = vi.spyOn(globalThis.console, "log");
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const port = await findFreePort();
    const db = createDb(`postgres://postgres:none@127.0.0.1:${port}/postgres`);
    try {
      await rejection(() => db.raw("select 1"));
      const written = stderr.mock.calls.map(([chunk]) => String(chunk));
      expect(written).toEqual([`${KNEX_LOG_PREFIX}Acquire connection error: Error: connect ECONNREFUSED 127.0.0.1:${port}\n`]);
      expect(log).not.toHaveBeenCalled();
    } finally {
      stderr.mockRestore();
      await db.destroy();
    }
  });

  it("routes knex's warnings to the caller instead of the console or standard error", async () => {
    const console = vi.spyOn(globalThis.console, "log");
    const stderr = vi.spyOn(process.stderr, "write");
    const warnings: string[] = [];
    const db = createDb(`postgres://postgres:none@127.0.0.1:${await findFreePort()}/postgres`, { log: { warn: (message) => warnings.push(message) } });
    try {
      await rejection(() => db.raw("select 1"));
      expect(warnings.some((warning) => warning.startsWith("Acquire connection error: Error: connect ECONNREFUSED"))).toBe(true);
      expect(console).not.toHaveBeenCalled();
      expect(stderr).not.toHaveBeenCalled();
    } finally {
      await db.destroy();
    }
  });
});
