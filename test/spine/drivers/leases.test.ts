/**
 * Leases: a run claimed with `leaseSeconds` can be taken over once its lease
 * has ended while it is still queued, running or retry, so that a crashed
 * worker cannot block a key until the TTL ends.
 */
import { randomUUID } from "node:crypto";
import type { Knex } from "knex";
import { describe, expect, it } from "vitest";
import type { RunStatus } from "../../../spine/db/index.js";
import {
  checkIdempotency,
  claimRun,
  IdempotencyKeyReuseError,
  IdempotencyResult,
  renewLease,
  shouldReturnCached,
} from "../../../spine/drivers/idempotency.js";
import { submitRun } from "../../../spine/orchestrator/index.js";
import { countRuns, recordQueries, useTestDatabase } from "../../support/database.js";

const database = useTestDatabase();

function scoped(label = "lease"): { idempotencyKey: string; tenantId: string; agentId: string } {
  return { idempotencyKey: `${label}-${randomUUID()}`, tenantId: `tenant-${randomUUID().slice(0, 8)}`, agentId: "agent" };
}

/** Ends a run's lease `seconds` before the database's `now()`. */
async function endLease(db: Knex, runId: string, seconds = 1): Promise<void> {
  await db.raw("update runs set lease_expires_at = now() - make_interval(secs => ?) where id = ?", [seconds, runId]);
}

async function leaseOf(db: Knex | Knex.Transaction, runId: string): Promise<{ leaseSeconds: number | null; supersededAt: Date | null }> {
  const result = await db.raw<{ rows: { lease_seconds: number | null; superseded_at: Date | null }[] }>(
    "select extract(epoch from lease_expires_at - now())::float8 as lease_seconds, superseded_at from runs where id = ?",
    [runId],
  );
  const row = result.rows[0];
  if (row === undefined) throw new Error(`no run ${runId}`);
  return { leaseSeconds: row.lease_seconds, supersededAt: row.superseded_at };
}

describe("claimRun with leaseSeconds", () => {
  it("gives a new run a lease that ends leaseSeconds after the claim, by the database clock", async () => {
    const trx = await database.db.transaction();
    try {
      const { run, created } = await claimRun(trx, scoped(), { leaseSeconds: 30 });
      expect(created).toBe(true);
      // now() is the transaction's start, so the lease ends exactly 30 s after it.
      expect(await leaseOf(trx, run.id)).toEqual({ leaseSeconds: 30, supersededAt: null });
      expect(run.leaseExpiresAt).toBeInstanceOf(Date);
    } finally {
      await trx.rollback();
    }
  });

  it("gives no lease without the option (today's behaviour)", async () => {
    const { run } = await claimRun(database.db, scoped());
    expect(run.leaseExpiresAt).toBeNull();
    expect((await leaseOf(database.db, run.id)).leaseSeconds).toBeNull();
  });

  it.each(["queued", "running", "retry"] as const)("supersedes a %s run whose lease has ended and creates a new run", async (status) => {
    const key = scoped();
    const first = await claimRun(database.db, { ...key, fingerprint: "f" }, { leaseSeconds: 60 });
    await database.db("runs").where({ id: first.run.id }).update({ status });
    const before = await database.db("runs").where({ id: first.run.id }).first();
    await endLease(database.db, first.run.id);
    const expired = await database.db("runs").where({ id: first.run.id }).first();
    const second = await claimRun(database.db, { ...key, fingerprint: "f" }, { leaseSeconds: 60 });
    expect(second.created).toBe(true);
    expect(second.run.id).not.toBe(first.run.id);
    expect(second.run.status).toBe("queued");
    const after = await database.db("runs").where({ id: first.run.id }).first();
    expect(after.superseded_at).toBeInstanceOf(Date);
    expect({ ...after, superseded_at: null }).toEqual(expired);
    expect(before.lease_expires_at).not.toEqual(expired.lease_expires_at);
    expect(await countRuns(database.db, key.idempotencyKey)).toBe(2);
  });

  it("returns a run whose lease is live, and a finished run whatever its lease", async () => {
    const key = scoped();
    const first = await claimRun(database.db, key, { leaseSeconds: 60 });
    expect(await claimRun(database.db, key, { leaseSeconds: 60 })).toMatchObject({ created: false, run: { id: first.run.id } });
    for (const status of ["succeeded", "failed"] as const) {
      await database.db("runs").where({ id: first.run.id }).update({ status });
      await endLease(database.db, first.run.id);
      expect(await claimRun(database.db, key, { leaseSeconds: 60 })).toMatchObject({ created: false, run: { id: first.run.id, status } });
    }
    expect(await countRuns(database.db, key.idempotencyKey)).toBe(1);
  });

  it("answers 422 instead of taking over a lapsed run for a request with another payload", async () => {
    const key = scoped();
    const first = await claimRun(database.db, { ...key, fingerprint: "f1" }, { leaseSeconds: 60 });
    await endLease(database.db, first.run.id);
    const error = await claimRun(database.db, { ...key, fingerprint: "f2" }, { leaseSeconds: 60 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IdempotencyKeyReuseError);
    expect(error).toMatchObject({ runId: first.run.id, status: 422 });
    expect(await countRuns(database.db, key.idempotencyKey)).toBe(1);
  });

  it("creates exactly one new run under 100 concurrent claims of a key whose lease has ended", async () => {
    const db = database.connect({ poolMax: 25 });
    const key = scoped("lease-race");
    const first = await claimRun(db, { ...key, fingerprint: "same" }, { leaseSeconds: 60 });
    await endLease(db, first.run.id);
    const claims = await Promise.all(
      Array.from({ length: 100 }, () => db.transaction((trx) => claimRun(trx, { ...key, fingerprint: "same" }, { leaseSeconds: 60 }))),
    );
    expect(claims.filter((claim) => claim.created)).toHaveLength(1);
    const ids = new Set(claims.map((claim) => claim.run.id));
    expect(ids.size).toBe(1);
    expect(ids.has(first.run.id)).toBe(false);
    expect(await countRuns(db, key.idempotencyKey)).toBe(2);
    const rows = await db("runs").where({ idempotency_key: key.idempotencyKey }).whereNull("superseded_at");
    expect(rows.map((row: { id: string }) => row.id)).toEqual([...ids]);
  });

  it("lets submitRun create a new run (201) once the lease of the crashed one has ended", async () => {
    const key = scoped();
    const request = { ...key, payload: { job: 1 } };
    const created = await submitRun(database.db, request, { leaseSeconds: 60 });
    expect(created).toMatchObject({ decision: "created", httpStatus: 201 });
    expect(await submitRun(database.db, request, { leaseSeconds: 60 })).toMatchObject({ decision: "replayed", httpStatus: 201, replayed: true });
    if (created.decision !== "created") throw new Error("unreachable");
    await endLease(database.db, created.run.id);
    const again = await submitRun(database.db, request, { leaseSeconds: 60 });
    expect(again).toMatchObject({ decision: "created", httpStatus: 201 });
    expect(again.decision === "created" && again.run.id).not.toBe(created.run.id);
  });
});

describe("renewLease", () => {
  it("extends the lease of a live queued, running or retry run and returns true", async () => {
    for (const status of ["queued", "running", "retry"] as const) {
      const { run } = await claimRun(database.db, scoped(), { leaseSeconds: 5 });
      await database.db("runs").where({ id: run.id }).update({ status });
      const trx = await database.db.transaction();
      try {
        expect(await renewLease(trx, run.id, 120)).toBe(true);
        expect((await leaseOf(trx, run.id)).leaseSeconds).toBe(120);
      } finally {
        await trx.commit();
      }
    }
  });

  it("renews a lease that has already ended as long as no claim has taken the key", async () => {
    const key = scoped();
    const { run } = await claimRun(database.db, key, { leaseSeconds: 5 });
    await endLease(database.db, run.id);
    expect(await renewLease(database.db, run.id, 60)).toBe(true);
    expect(await claimRun(database.db, key, { leaseSeconds: 60 })).toMatchObject({ created: false, run: { id: run.id } });
  });

  it("returns false for a finished run, a superseded run and an unknown run, and changes nothing", async () => {
    const finished = await claimRun(database.db, scoped(), { leaseSeconds: 5 });
    await database.db("runs").where({ id: finished.run.id }).update({ status: "succeeded" });
    const before = await database.db("runs").where({ id: finished.run.id }).first();
    expect(await renewLease(database.db, finished.run.id, 60)).toBe(false);
    expect(await database.db("runs").where({ id: finished.run.id }).first()).toEqual(before);

    const key = scoped();
    const lapsed = await claimRun(database.db, key, { leaseSeconds: 5 });
    await endLease(database.db, lapsed.run.id);
    await claimRun(database.db, key, { leaseSeconds: 5 });
    expect(await renewLease(database.db, lapsed.run.id, 60)).toBe(false);

    expect(await renewLease(database.db, randomUUID(), 60)).toBe(false);
  });

  it("sends one statement and no transaction control", async () => {
    const { run } = await claimRun(database.db, scoped(), { leaseSeconds: 5 });
    const queries = recordQueries(database.db);
    try {
      await renewLease(database.db, run.id, 60);
      expect(queries.sql).toHaveLength(1);
      expect(queries.sql[0]).toMatch(/^update runs set lease_expires_at/);
    } finally {
      queries.stop();
    }
  });
});

describe("IdempotencyResult.isLeaseExpired", () => {
  it("is reported by checkIdempotency for an in-progress run whose lease has ended", async () => {
    const key = scoped();
    const { run } = await claimRun(database.db, key, { leaseSeconds: 60 });
    const live = await checkIdempotency(database.db, key.idempotencyKey, key.tenantId, key.agentId);
    expect(live).toMatchObject({ exists: true, isExpired: false, isLeaseExpired: false });
    expect(shouldReturnCached(live)).toBe(true);
    await endLease(database.db, run.id);
    const lapsed = await checkIdempotency(database.db, key.idempotencyKey, key.tenantId, key.agentId);
    expect(lapsed).toMatchObject({ exists: true, runId: run.id, isExpired: false, isLeaseExpired: true });
    expect(shouldReturnCached(lapsed)).toBe(false);
    await database.db("runs").where({ id: run.id }).update({ status: "succeeded" });
    const finished = await checkIdempotency(database.db, key.idempotencyKey, key.tenantId, key.agentId);
    expect(finished).toMatchObject({ isLeaseExpired: false });
    expect(shouldReturnCached(finished)).toBe(true);
  });

  const statuses: [RunStatus, boolean][] = [
    ["queued", false],
    ["running", false],
    ["retry", false],
    ["succeeded", true],
    ["failed", true],
  ];
  it.each(statuses)("makes shouldReturnCached false for a %s run (finished runs have no lease to end: %s)", (status, finished) => {
    const result = new IdempotencyResult({ exists: true, runId: "r", status, isExpired: false, isLeaseExpired: !finished });
    expect(shouldReturnCached(result)).toBe(finished);
    expect(IdempotencyResult.notFound().isLeaseExpired).toBe(false);
  });
});

describe("renewLease validates before any query", () => {
  it.each([
    ["a run id that is not a UUID", "run-1", 60, "runId must be a UUID"],
    ["a zero lease", randomUUID(), 0, "leaseSeconds must be a number greater than 0 and at most 3153600000, got 0"],
  ])("rejects %s with IdempotencyOptionsInvalidError", async (_label, runId, leaseSeconds, reason) => {
    const queries = recordQueries(database.db);
    try {
      const error = await renewLease(database.db, runId, leaseSeconds).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ name: "IdempotencyOptionsInvalidError", status: 500, message: `invalid idempotency options: ${reason}` });
      expect(queries.sql).toEqual([]);
    } finally {
      queries.stop();
    }
  });
});
