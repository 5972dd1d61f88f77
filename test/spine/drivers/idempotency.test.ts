import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import type { RunStatus } from "../../../spine/db/index.js";
import {
  checkIdempotency,
  claimRun,
  DEFAULT_TTL_SECONDS,
  getExistingRun,
  IdempotencyKeyInvalidError,
  IdempotencyKeyReuseError,
  IdempotencyOptionsInvalidError,
  IdempotencyResult,
  IdempotencyRetryableError,
  IdempotencyScopeInvalidError,
  MAX_LEASE_SECONDS,
  MAX_TTL_SECONDS,
  resolveTtlSeconds,
  shouldReturnCached,
} from "../../../spine/drivers/idempotency.js";
import { ageRun, countRuns, recordQueries, useTestDatabase } from "../../support/database.js";

const database = useTestDatabase();

/** A key no other test uses. */
function freshKey(label = "k"): string {
  return `${label}-${randomUUID()}`;
}

describe("input validation happens before any query", () => {
  const badKeys: [string, unknown][] = [
    ["empty", ""],
    ["256 characters", "k".repeat(256)],
    ["256 code points of astral characters", "😀".repeat(256)],
    ["a number", 42],
    ["null", null],
    ["undefined", undefined],
    ["an object", { key: "x" }],
    ["a newline", "abc\ndef"],
    ["a NUL byte", "abc\u0000"],
    ["a tab", "\tabc"],
    ["DEL", "abc\u007f"],
    ["a C1 control (NEL)", "abc\u0085"],
    ["an unpaired surrogate", "abc\ud800"],
  ];

  it.each(badKeys)("rejects a key that is %s with IdempotencyKeyInvalidError (400)", async (_label, key) => {
    const queries = recordQueries(database.db);
    try {
      const calls = [
        getExistingRun(database.db, key as string, "t", "a"),
        checkIdempotency(database.db, key as string, "t", "a"),
        claimRun(database.db, { idempotencyKey: key as string, tenantId: "t", agentId: "a" }),
      ];
      for (const call of calls) {
        const error = await call.then(() => null, (caught: unknown) => caught);
        expect(error).toBeInstanceOf(IdempotencyKeyInvalidError);
        expect(error).toMatchObject({ status: 400, code: "idempotency_key_invalid" });
      }
      expect(queries.sql).toEqual([]);
    } finally {
      queries.stop();
    }
  });

  it("never repeats the key in the error message", async () => {
    const secret = `secret-${"s".repeat(300)}`;
    const error = await checkIdempotency(database.db, secret, null, null).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IdempotencyKeyInvalidError);
    expect((error as Error).message).toBe("invalid idempotency key: it is 307 characters long; the limit is 255");
  });

  it("accepts exactly 255 code points", async () => {
    const key = "😀".repeat(255);
    const { created } = await claimRun(database.db, { idempotencyKey: key, tenantId: null, agentId: null });
    expect(created).toBe(true);
    expect((await getExistingRun(database.db, key, null, null))?.idempotencyKey).toBe(key);
  });

  const badScopes: [string, unknown, unknown][] = [
    ["an empty tenant", "", "a"],
    ["an empty agent", "t", ""],
    ["an undefined tenant", undefined, "a"],
    ["a numeric agent", "t", 7],
    ["a tenant with a newline", "t\n", "a"],
  ];

  it.each(badScopes)("rejects %s with IdempotencyScopeInvalidError (400)", async (_label, tenantId, agentId) => {
    const queries = recordQueries(database.db);
    try {
      const error = await checkIdempotency(database.db, freshKey(), tenantId as string, agentId as string).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(IdempotencyScopeInvalidError);
      expect(error).toMatchObject({ status: 400, code: "idempotency_scope_invalid" });
      const claimError = await claimRun(database.db, { idempotencyKey: freshKey(), tenantId: tenantId as string, agentId: agentId as string }).catch((caught: unknown) => caught);
      expect(claimError).toBeInstanceOf(IdempotencyScopeInvalidError);
      expect(queries.sql).toEqual([]);
    } finally {
      queries.stop();
    }
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])("rejects ttlSeconds %s before any query", async (ttlSeconds) => {
    const queries = recordQueries(database.db);
    try {
      await expect(checkIdempotency(database.db, freshKey(), null, null, { ttlSeconds })).rejects.toBeInstanceOf(IdempotencyOptionsInvalidError);
      await expect(claimRun(database.db, { idempotencyKey: freshKey(), tenantId: null, agentId: null }, { ttlSeconds })).rejects.toBeInstanceOf(IdempotencyOptionsInvalidError);
      expect(queries.sql).toEqual([]);
    } finally {
      queries.stop();
    }
  });

  it.each([1e12, MAX_TTL_SECONDS + 1])("rejects ttlSeconds %s, beyond the documented maximum, before any query", async (ttlSeconds) => {
    expect(MAX_TTL_SECONDS).toBe(3_153_600_000);
    const queries = recordQueries(database.db);
    try {
      for (const call of [
        () => checkIdempotency(database.db, freshKey(), null, null, { ttlSeconds }),
        () => claimRun(database.db, { idempotencyKey: freshKey(), tenantId: null, agentId: null }, { ttlSeconds }),
      ]) {
        const error = await call().catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(IdempotencyOptionsInvalidError);
        expect(error).toMatchObject({ status: 500, code: "idempotency_options_invalid", retryable: false, message: `invalid idempotency options: ttlSeconds must be a number from 0 to ${MAX_TTL_SECONDS}, got ${ttlSeconds}` });
      }
      expect(queries.sql).toEqual([]);
    } finally {
      queries.stop();
    }
  });

  it("accepts the maximum TTL on the real server: a run a century old is still live", async () => {
    const key = freshKey();
    const { run } = await claimRun(database.db, { idempotencyKey: key, tenantId: null, agentId: null }, { ttlSeconds: MAX_TTL_SECONDS });
    await ageRun(database.db, run.id, MAX_TTL_SECONDS - 86_400);
    const check = await checkIdempotency(database.db, key, null, null, { ttlSeconds: MAX_TTL_SECONDS });
    expect(check).toMatchObject({ exists: true, runId: run.id, isExpired: false });
    const claim = await claimRun(database.db, { idempotencyKey: key, tenantId: null, agentId: null }, { ttlSeconds: MAX_TTL_SECONDS });
    expect(claim).toMatchObject({ created: false, run: { id: run.id } });
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY, MAX_LEASE_SECONDS + 1, "30" as unknown as number])("rejects leaseSeconds %s before any query", async (leaseSeconds) => {
    const queries = recordQueries(database.db);
    try {
      const error = await claimRun(database.db, { idempotencyKey: freshKey(), tenantId: null, agentId: null }, { leaseSeconds }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(IdempotencyOptionsInvalidError);
      expect((error as Error).message).toBe(`invalid idempotency options: leaseSeconds must be a number greater than 0 and at most ${MAX_LEASE_SECONDS}, got ${String(leaseSeconds)}`);
      expect(queries.sql).toEqual([]);
    } finally {
      queries.stop();
    }
  });

  it("reads IDEMPOTENCY_TTL_SECONDS, rejects a malformed value and defaults to 86400", () => {
    expect(resolveTtlSeconds(undefined, {})).toBe(DEFAULT_TTL_SECONDS);
    expect(DEFAULT_TTL_SECONDS).toBe(86_400);
    expect(resolveTtlSeconds(undefined, { IDEMPOTENCY_TTL_SECONDS: "30" })).toBe(30);
    expect(resolveTtlSeconds(5, { IDEMPOTENCY_TTL_SECONDS: "30" })).toBe(5);
    expect(() => resolveTtlSeconds(undefined, { IDEMPOTENCY_TTL_SECONDS: "a day" })).toThrow(IdempotencyOptionsInvalidError);
    expect(() => resolveTtlSeconds(undefined, { IDEMPOTENCY_TTL_SECONDS: "-5" })).toThrow(IdempotencyOptionsInvalidError);
    expect(() => resolveTtlSeconds(undefined, { IDEMPOTENCY_TTL_SECONDS: "1e12" })).toThrow(
      `invalid idempotency options: IDEMPOTENCY_TTL_SECONDS must be a number from 0 to ${MAX_TTL_SECONDS}, got "1e12"`,
    );
    expect(resolveTtlSeconds(undefined, { IDEMPOTENCY_TTL_SECONDS: String(MAX_TTL_SECONDS) })).toBe(MAX_TTL_SECONDS);
  });
});

describe("keys are stored and found verbatim", () => {
  const keys = [
    "'; drop table runs; --",
    "?",
    "??",
    "$1",
    "a\\b",
    "%_%",
    '"quoted"',
    "ключ-идемпотентности",
    "冪等キー",
    "🔑 with spaces ",
    " leading space",
  ];
  it.each(keys)("round-trips %j", async (key) => {
    const scopedKey = `${key}`;
    const tenant = `tenant'${randomUUID()}`;
    const { run, created } = await claimRun(database.db, { idempotencyKey: scopedKey, tenantId: tenant, agentId: "agent?" });
    expect(created).toBe(true);
    expect(run.idempotencyKey).toBe(scopedKey);
    expect(run.tenantId).toBe(tenant);
    expect(run.agentId).toBe("agent?");
    const found = await getExistingRun(database.db, scopedKey, tenant, "agent?");
    expect(found?.id).toBe(run.id);
    expect(found?.idempotencyKey).toBe(scopedKey);
  });
});

describe("exact scope", () => {
  it("separates tenants and agents, and null matches only null (property)", async () => {
    const scopeValue = (prefix: string): fc.Arbitrary<string | null> => fc.constantFrom(`${prefix}1`, `${prefix}2`, null);
    const scope = fc.record({ tenantId: scopeValue("tenant"), agentId: scopeValue("agent") });
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(scope, { minLength: 1, maxLength: 9, selector: (s) => `${s.tenantId}|${s.agentId}` }), scope, async (claimed, probe) => {
        const key = freshKey("prop");
        const runIds = new Map<string, string>();
        for (const s of claimed) {
          const { run, created } = await claimRun(database.db, { idempotencyKey: key, ...s });
          expect(created).toBe(true);
          runIds.set(`${s.tenantId}|${s.agentId}`, run.id);
        }
        const expected = runIds.get(`${probe.tenantId}|${probe.agentId}`) ?? null;
        const found = await getExistingRun(database.db, key, probe.tenantId, probe.agentId);
        expect(found?.id ?? null).toBe(expected);
        if (found !== null) {
          expect(found.tenantId).toBe(probe.tenantId);
          expect(found.agentId).toBe(probe.agentId);
        }
        const result = await checkIdempotency(database.db, key, probe.tenantId, probe.agentId);
        expect(result.exists).toBe(expected !== null);
        expect(result.runId).toBe(expected);
      }),
      { numRuns: 40 },
    );
  });

  it("does not let a null tenant read another tenant's run", async () => {
    const key = freshKey();
    await claimRun(database.db, { idempotencyKey: key, tenantId: "tenant-a", agentId: "agent-x" });
    expect(await getExistingRun(database.db, key, null, "agent-x")).toBeNull();
    expect(await getExistingRun(database.db, key, "tenant-a", null)).toBeNull();
    expect(await getExistingRun(database.db, key, null, null)).toBeNull();
    expect(await getExistingRun(database.db, key, "tenant-b", "agent-x")).toBeNull();
    expect(await getExistingRun(database.db, key, "tenant-a", "agent-y")).toBeNull();
  });
});

describe("lookups", () => {
  it("are one call of spine_find_run (migration 0005), and read through the caller's snapshot", async () => {
    const key = freshKey();
    const queries = recordQueries(database.db);
    try {
      expect(await getExistingRun(database.db, key, "t", "a")).toBeNull();
      expect((await checkIdempotency(database.db, key, "t", "a")).exists).toBe(false);
    } finally {
      queries.stop();
    }
    expect(queries.sql).toEqual([expect.stringMatching(/^select \* from spine_find_run\(/), expect.stringMatching(/^select \* from spine_find_run\(/)]);

    // Under REPEATABLE READ the function (stable) sees the transaction's snapshot, as a plain select would:
    // a run committed after the snapshot was taken stays invisible to it.
    const reader = await database.db.transaction({ isolationLevel: "repeatable read" });
    try {
      expect(await getExistingRun(reader, key, "t", "a")).toBeNull();
      const { run } = await claimRun(database.db, { idempotencyKey: key, tenantId: "t", agentId: "a" });
      expect(await getExistingRun(reader, key, "t", "a")).toBeNull();
      expect((await checkIdempotency(reader, key, "t", "a")).exists).toBe(false);
      expect((await getExistingRun(database.db, key, "t", "a"))?.id).toBe(run.id);
    } finally {
      await reader.rollback();
    }
  });
});

describe("time to live", () => {
  it("is expired only when the age is strictly greater than the TTL, by the database clock", async () => {
    const key = freshKey();
    const { run } = await claimRun(database.db, { idempotencyKey: key, tenantId: "t", agentId: "a" });
    const trx = await database.db.transaction();
    try {
      // now() is constant inside a transaction, so the age is exactly 60 seconds here.
      await ageRun(trx, run.id, 60);
      expect((await checkIdempotency(trx, key, "t", "a", { ttlSeconds: 60 })).isExpired).toBe(false);
      expect((await checkIdempotency(trx, key, "t", "a", { ttlSeconds: 59.999 })).isExpired).toBe(true);
    } finally {
      await trx.rollback();
    }
    await ageRun(database.db, run.id, 61);
    const expired = await checkIdempotency(database.db, key, "t", "a", { ttlSeconds: 60 });
    expect(expired).toMatchObject({ exists: true, runId: run.id, status: "queued", isExpired: true });
    expect(shouldReturnCached(expired)).toBe(false);
    const live = await checkIdempotency(database.db, key, "t", "a", { ttlSeconds: 62 });
    expect(live).toMatchObject({ exists: true, runId: run.id, isExpired: false });
    expect(shouldReturnCached(live)).toBe(true);
  });

  describe("with IDEMPOTENCY_TTL_SECONDS", () => {
    afterEach(() => {
      delete process.env["IDEMPOTENCY_TTL_SECONDS"];
    });
    it("uses the variable unless options.ttlSeconds is given", async () => {
      const key = freshKey();
      const { run } = await claimRun(database.db, { idempotencyKey: key, tenantId: null, agentId: null });
      await ageRun(database.db, run.id, 100);
      expect((await checkIdempotency(database.db, key, null, null)).isExpired).toBe(false);
      process.env["IDEMPOTENCY_TTL_SECONDS"] = "99";
      expect((await checkIdempotency(database.db, key, null, null)).isExpired).toBe(true);
      expect((await checkIdempotency(database.db, key, null, null, { ttlSeconds: 101 })).isExpired).toBe(false);
    });
  });

  it("creates a new run after expiry, leaves the old row unchanged but for superseded_at, and the newest wins", async () => {
    const key = freshKey();
    const first = await claimRun(database.db, { idempotencyKey: key, tenantId: "t", agentId: "a", fingerprint: "f1" });
    await ageRun(database.db, first.run.id, 120);
    const before = await database.db("runs").where({ id: first.run.id }).first();
    const second = await claimRun(database.db, { idempotencyKey: key, tenantId: "t", agentId: "a", fingerprint: "f2" }, { ttlSeconds: 60 });
    expect(second.created).toBe(true);
    expect(second.run.id).not.toBe(first.run.id);
    const after = await database.db("runs").where({ id: first.run.id }).first();
    expect(after.superseded_at).toBeInstanceOf(Date);
    expect({ ...after, superseded_at: null }).toEqual(before);
    expect(await countRuns(database.db, key)).toBe(2);
    expect((await getExistingRun(database.db, key, "t", "a"))?.id).toBe(second.run.id);
    const result = await checkIdempotency(database.db, key, "t", "a", { ttlSeconds: 60 });
    expect(result).toMatchObject({ exists: true, runId: second.run.id, isExpired: false });
  });
});

describe("shouldReturnCached", () => {
  const statuses: [RunStatus, boolean][] = [
    ["queued", true],
    ["running", true],
    ["retry", true],
    ["succeeded", true],
    ["failed", true],
  ];
  it.each(statuses)("returns %s → %s for a live key", (status, expected) => {
    expect(shouldReturnCached(new IdempotencyResult({ exists: true, runId: "r", status, isExpired: false }))).toBe(expected);
  });
  it("returns false for a missing key, an expired key and an unknown status", () => {
    expect(shouldReturnCached(IdempotencyResult.notFound())).toBe(false);
    expect(shouldReturnCached(new IdempotencyResult({ exists: true, runId: "r", status: "succeeded", isExpired: true }))).toBe(false);
    expect(shouldReturnCached(new IdempotencyResult({ exists: true, runId: "r", status: "cancelled" as RunStatus, isExpired: false }))).toBe(false);
  });
  it("agrees with checkIdempotency on a missing key", async () => {
    const result = await checkIdempotency(database.db, freshKey(), "t", "a");
    expect(result).toMatchObject({ exists: false, runId: null, status: null, isExpired: false, run: null });
    expect(shouldReturnCached(result)).toBe(false);
  });
});

describe("claimRun", () => {
  it("creates exactly one run for 50 concurrent claims, each on its own connection and transaction", async () => {
    const db = database.connect({ poolMax: 25 });
    const key = freshKey("race");
    const claims = await Promise.all(
      Array.from({ length: 50 }, () =>
        db.transaction((trx) => claimRun(trx, { idempotencyKey: key, tenantId: "t", agentId: "a", fingerprint: "same" })),
      ),
    );
    expect(await countRuns(database.db, key)).toBe(1);
    expect(new Set(claims.map((claim) => claim.run.id)).size).toBe(1);
    expect(claims.filter((claim) => claim.created)).toHaveLength(1);
  });

  it("replaces an expired run exactly once under 20 concurrent claims", async () => {
    const db = database.connect({ poolMax: 20 });
    const key = freshKey("expired-race");
    const first = await claimRun(db, { idempotencyKey: key, tenantId: "t", agentId: "a" });
    await ageRun(db, first.run.id, 3600);
    const claims = await Promise.all(
      Array.from({ length: 20 }, () => db.transaction((trx) => claimRun(trx, { idempotencyKey: key, tenantId: "t", agentId: "a" }, { ttlSeconds: 60 }))),
    );
    expect(await countRuns(db, key)).toBe(2);
    expect(claims.filter((claim) => claim.created)).toHaveLength(1);
    const ids = new Set(claims.map((claim) => claim.run.id));
    expect(ids.size).toBe(1);
    expect(ids.has(first.run.id)).toBe(false);
  });

  it("replays a failed run by default and starts a new one with replayFailed: false", async () => {
    const key = freshKey();
    const first = await claimRun(database.db, { idempotencyKey: key, tenantId: null, agentId: "a" });
    await database.db("runs").where({ id: first.run.id }).update({ status: "failed" });
    const replay = await claimRun(database.db, { idempotencyKey: key, tenantId: null, agentId: "a" });
    expect(replay).toMatchObject({ created: false, run: { id: first.run.id, status: "failed" } });
    const rerun = await claimRun(database.db, { idempotencyKey: key, tenantId: null, agentId: "a" }, { replayFailed: false });
    expect(rerun.created).toBe(true);
    expect(rerun.run.id).not.toBe(first.run.id);
    expect(await countRuns(database.db, key)).toBe(2);
  });

  it("rejects a different fingerprint on the fast path with IdempotencyKeyReuseError (422)", async () => {
    const key = freshKey();
    const first = await claimRun(database.db, { idempotencyKey: key, tenantId: "t", agentId: "a", fingerprint: "f1" });
    const error = await claimRun(database.db, { idempotencyKey: key, tenantId: "t", agentId: "a", fingerprint: "f2" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IdempotencyKeyReuseError);
    expect(error).toMatchObject({ status: 422, code: "idempotency_key_reused", runId: first.run.id });
    expect((await claimRun(database.db, { idempotencyKey: key, tenantId: "t", agentId: "a", fingerprint: "f1" })).created).toBe(false);
    expect(await countRuns(database.db, key)).toBe(1);
  });

  it("rejects a different fingerprint after losing the race to an uncommitted claim", async () => {
    const winnerDb = database.connect({ poolMax: 2 });
    const loserDb = database.connect({ poolMax: 2 });
    const key = freshKey("lost-race");
    const winner = await winnerDb.transaction();
    const won = await claimRun(winner, { idempotencyKey: key, tenantId: "t", agentId: "a", fingerprint: "f1" });
    const losing = loserDb.transaction((trx) => claimRun(trx, { idempotencyKey: key, tenantId: "t", agentId: "a", fingerprint: "f2" }));
    const settled = losing.then(() => "resolved", (error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await winner.commit();
    const error = await settled;
    expect(error).toBeInstanceOf(IdempotencyKeyReuseError);
    expect((error as IdempotencyKeyReuseError).runId).toBe(won.run.id);
  });

  /** The SQL `claim` sends, which must be one call of spine_claim. */
  async function statementsOf<T>(claim: () => Promise<T>): Promise<{ result: T; sql: string[] }> {
    const queries = recordQueries(database.db);
    try {
      return { result: await claim(), sql: [...queries.sql] };
    } finally {
      queries.stop();
    }
  }

  it("costs one statement for a fresh key, a held key and every key it supersedes", async () => {
    const key = freshKey();
    const scope = { idempotencyKey: key, tenantId: "t", agentId: "a", fingerprint: "f" };
    const fresh = await statementsOf(() => claimRun(database.db, scope));
    expect(fresh.result).toMatchObject({ created: true, attempts: 1 });
    expect(fresh.sql).toEqual([expect.stringMatching(/^call spine_claim\(/)]);

    const held = await statementsOf(() => claimRun(database.db, scope));
    expect(held.result).toMatchObject({ created: false, attempts: 1, run: { id: fresh.result.run.id } });
    expect(held.sql).toEqual(fresh.sql);

    const reused = await statementsOf(() => claimRun(database.db, { ...scope, fingerprint: "other" }).catch((error: unknown) => error));
    expect(reused.result).toBeInstanceOf(IdempotencyKeyReuseError);
    expect(reused.sql).toHaveLength(1);

    await ageRun(database.db, fresh.result.run.id, 500);
    const expired = await statementsOf(() => claimRun(database.db, scope, { ttlSeconds: 60 }));
    expect(expired.result).toMatchObject({ created: true, attempts: 1 });
    expect(expired.sql).toHaveLength(1);

    await database.db("runs").where({ id: expired.result.run.id }).update({ status: "failed" });
    const rerun = await statementsOf(() => claimRun(database.db, scope, { replayFailed: false }));
    expect(rerun.result.created).toBe(true);
    expect(rerun.sql).toHaveLength(1);

    await database.db("runs").where({ id: rerun.result.run.id }).update({ status: "running", lease_expires_at: database.db.raw("now() - interval '1 second'") });
    const lapsed = await statementsOf(() => claimRun(database.db, scope, { leaseSeconds: 30 }));
    expect(lapsed.result.created).toBe(true);
    expect(lapsed.sql).toHaveLength(1);

    const runs = await database.db("runs").where({ idempotency_key: key }).orderBy("created_at").select<{ id: string; superseded_at: Date | null }[]>("id", "superseded_at");
    expect(runs).toHaveLength(4);
    expect(runs.filter((run) => run.superseded_at === null).map((run) => run.id)).toEqual([lapsed.result.run.id]);
  });

  it("takes one statement even when it waits for a concurrent claim's commit: it reads the key again inside it", async () => {
    const winnerDb = database.connect({ poolMax: 1 });
    const loserDb = database.connect({ poolMax: 1 });
    const key = freshKey("one-statement");
    const winner = await winnerDb.transaction();
    const won = await claimRun(winner, { idempotencyKey: key, tenantId: "t", agentId: "a", fingerprint: "same" });
    const queries = recordQueries(loserDb);
    try {
      const losing = loserDb.transaction((trx) => claimRun(trx, { idempotencyKey: key, tenantId: "t", agentId: "a", fingerprint: "same" }));
      await new Promise((resolve) => setTimeout(resolve, 200));
      await winner.commit();
      // Its insert waited for the winner's, found the key taken, and its second attempt read the winner's run.
      expect(await losing).toMatchObject({ created: false, attempts: 2, run: { id: won.run.id } });
      expect(queries.sql.filter((sql) => !/^(begin|commit|rollback)/i.test(sql))).toEqual([expect.stringMatching(/^call spine_claim\(/)]);
    } finally {
      queries.stop();
    }
  });

  it("reads the key again when a concurrent claim superseded the run first: the newest run wins, in one statement", async () => {
    const winnerDb = database.connect({ poolMax: 1 });
    const loserDb = database.connect({ poolMax: 1 });
    const key = freshKey("supersede-race");
    const first = await claimRun(database.db, { idempotencyKey: key, tenantId: "t", agentId: "a", fingerprint: "same" });
    await ageRun(database.db, first.run.id, 3600);
    const winner = await winnerDb.transaction();
    const won = await claimRun(winner, { idempotencyKey: key, tenantId: "t", agentId: "a", fingerprint: "same" }, { ttlSeconds: 60 });
    expect(won).toMatchObject({ created: true, attempts: 1 });
    const queries = recordQueries(loserDb);
    try {
      const losing = loserDb.transaction((trx) => claimRun(trx, { idempotencyKey: key, tenantId: "t", agentId: "a", fingerprint: "same" }, { ttlSeconds: 60 }));
      await new Promise((resolve) => setTimeout(resolve, 200));
      await winner.commit();
      // It read the expired run, waited on its row lock, found it superseded, and read the winner's run.
      expect(await losing).toMatchObject({ created: false, attempts: 2, run: { id: won.run.id } });
      expect(queries.sql.filter((sql) => !/^(begin|commit|rollback)/i.test(sql))).toHaveLength(1);
    } finally {
      queries.stop();
    }
    expect(await countRuns(database.db, key)).toBe(2);
    expect((await checkIdempotency(database.db, key, "t", "a", { ttlSeconds: 60 })).runId).toBe(won.run.id);
  });

  it("rejects a different fingerprint after waiting for a concurrent claim that superseded an expired run", async () => {
    const winnerDb = database.connect({ poolMax: 1 });
    const loserDb = database.connect({ poolMax: 1 });
    const key = freshKey("supersede-reuse");
    const first = await claimRun(database.db, { idempotencyKey: key, tenantId: "t", agentId: "a", fingerprint: "f0" });
    await ageRun(database.db, first.run.id, 3600);
    const winner = await winnerDb.transaction();
    const won = await claimRun(winner, { idempotencyKey: key, tenantId: "t", agentId: "a", fingerprint: "f1" }, { ttlSeconds: 60 });
    const losing = loserDb.transaction((trx) => claimRun(trx, { idempotencyKey: key, tenantId: "t", agentId: "a", fingerprint: "f2" }, { ttlSeconds: 60 }));
    const settled = losing.then(() => "resolved", (error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await winner.commit();
    const error = await settled;
    expect(error).toBeInstanceOf(IdempotencyKeyReuseError);
    expect(error).toMatchObject({ status: 422, runId: won.run.id });
    expect(await countRuns(database.db, key)).toBe(2);
  });

  it("answers IdempotencyRetryableError when spine_claim returns no run (the key changed hands 5 times)", async () => {
    // A stand-in that answers as spine_claim does after 5 attempts, found first on the search path of one transaction.
    await database.db.raw(`create schema if not exists claim_stub;
      create or replace procedure claim_stub.spine_claim(text, text, text, text, text, text, text, interval, interval, boolean,
        out id uuid, out tenant_id text, out agent_id text, out idempotency_key text, out request_fingerprint text, out status text, out goal text,
        out created_at timestamptz, out updated_at timestamptz, out superseded_at timestamptz, out lease_expires_at timestamptz, out created boolean,
        out attempts integer)
      language plpgsql as 'begin attempts := 5; end'`);
    const trx = await database.db.transaction();
    try {
      await trx.raw("set local search_path = claim_stub, public");
      const error = await claimRun(trx, { idempotencyKey: freshKey(), tenantId: "t", agentId: "a" }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(IdempotencyRetryableError);
      expect(error).toMatchObject({ retryable: true, status: 503, sqlState: null, message: "idempotency claim must be retried in a new transaction: the key changed hands 5 times during one claim" });
    } finally {
      await trx.rollback();
    }
  });

  it.each(["repeatable read", "serializable"] as const)(
    "surfaces a serialization failure under %s as IdempotencyRetryableError",
    async (isolationLevel) => {
      const key = freshKey("serial");
      const reader = await database.db.transaction({ isolationLevel });
      try {
        await reader.raw("select count(*) from runs"); // takes the snapshot
        await claimRun(database.db, { idempotencyKey: key, tenantId: "t", agentId: "a" });
        const error = await claimRun(reader, { idempotencyKey: key, tenantId: "t", agentId: "a" }).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(IdempotencyRetryableError);
        expect(error).toMatchObject({ retryable: true, code: "idempotency_serialization_failure", cause: { code: "40001" } });
      } finally {
        await reader.rollback();
      }
    },
  );

  it.each(["repeatable read", "serializable"] as const)(
    "surfaces a run superseded after the snapshot under %s as IdempotencyRetryableError (40001), not a second new run",
    async (isolationLevel) => {
      const key = freshKey("serial-supersede");
      const first = await claimRun(database.db, { idempotencyKey: key, tenantId: "t", agentId: "a" });
      await ageRun(database.db, first.run.id, 3600);
      const reader = await database.db.transaction({ isolationLevel });
      try {
        await reader.raw("select count(*) from runs where id = ?", [first.run.id]); // takes the snapshot
        expect((await claimRun(database.db, { idempotencyKey: key, tenantId: "t", agentId: "a" }, { ttlSeconds: 60 })).created).toBe(true);
        const error = await claimRun(reader, { idempotencyKey: key, tenantId: "t", agentId: "a" }, { ttlSeconds: 60 }).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(IdempotencyRetryableError);
        expect(error).toMatchObject({ retryable: true, status: 503, code: "idempotency_serialization_failure", sqlState: "40001", cause: { code: "40001" } });
      } finally {
        await reader.rollback();
      }
      expect(await countRuns(database.db, key)).toBe(2);
    },
  );
});

describe("the caller owns the transaction", () => {
  const TRANSACTION_SQL = /^\s*(begin|commit|rollback|savepoint|release|start\s+transaction|end|set\s+autocommit)\b/i;

  it("sends no transaction control statements of its own", async () => {
    const key = freshKey();
    const queries = recordQueries(database.db);
    try {
      await claimRun(database.db, { idempotencyKey: key, tenantId: "t", agentId: "a" });
      await claimRun(database.db, { idempotencyKey: key, tenantId: "t", agentId: "a" });
      await checkIdempotency(database.db, key, "t", "a");
      await getExistingRun(database.db, key, "t", "a");
      expect(queries.sql).toHaveLength(4);
      expect(queries.sql.filter((sql) => TRANSACTION_SQL.test(sql))).toEqual([]);
    } finally {
      queries.stop();
    }
  });

  it("keeps a claim invisible to other connections until the caller commits", async () => {
    const other = database.connect({ poolMax: 1 });
    const key = freshKey();
    const trx = await database.db.transaction();
    const { run, created } = await claimRun(trx, { idempotencyKey: key, tenantId: "t", agentId: "a" });
    expect(created).toBe(true);
    expect((await checkIdempotency(trx, key, "t", "a")).runId).toBe(run.id);
    expect((await checkIdempotency(other, key, "t", "a")).exists).toBe(false);
    await trx.commit();
    expect((await checkIdempotency(other, key, "t", "a")).runId).toBe(run.id);
  });

  it("leaves nothing behind when the caller rolls back", async () => {
    const key = freshKey();
    const trx = await database.db.transaction();
    await claimRun(trx, { idempotencyKey: key, tenantId: "t", agentId: "a" });
    await trx.rollback();
    expect(await countRuns(database.db, key)).toBe(0);
    expect(await getExistingRun(database.db, key, "t", "a")).toBeNull();
    const again = await claimRun(database.db, { idempotencyKey: key, tenantId: "t", agentId: "a" });
    expect(again.created).toBe(true);
  });

  it("lets a waiting claim take the key when the holder rolls back", async () => {
    const other = database.connect({ poolMax: 2 });
    const key = freshKey();
    const holder = await database.db.transaction();
    await claimRun(holder, { idempotencyKey: key, tenantId: "t", agentId: "a" });
    const waiting = other.transaction((trx) => claimRun(trx, { idempotencyKey: key, tenantId: "t", agentId: "a" }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    await holder.rollback();
    const claim = await waiting;
    expect(claim.created).toBe(true);
    expect(await countRuns(database.db, key)).toBe(1);
  });
});
