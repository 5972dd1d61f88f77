/**
 * purgeRuns: deletes superseded and expired runs older than a given age, in
 * batches, and never a live unexpired run.
 */
import { randomUUID } from "node:crypto";
import type { Knex } from "knex";
import { describe, expect, it } from "vitest";
import { claimRun, IdempotencyOptionsInvalidError, purgeRuns } from "../../../spine/drivers/idempotency.js";
import { ageRun, recordQueries, useTestDatabase } from "../../support/database.js";

const database = useTestDatabase();

const HOUR = 3_600;
const DAY = 86_400;

/** Claims `count` runs of a fresh tenant, ages them by `ageSeconds`, and returns their ids. */
async function runsAged(db: Knex, tenantId: string, count: number, ageSeconds: number, label: string): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index++) {
    const { run } = await claimRun(db, { idempotencyKey: `${label}-${index}-${randomUUID()}`, tenantId, agentId: null });
    await ageRun(db, run.id, ageSeconds);
    ids.push(run.id);
  }
  return ids;
}

/** A run of `tenantId` superseded by a newer claim; both rows are `ageSeconds` old. Returns [old, new]. */
async function supersededPair(db: Knex, tenantId: string, ageSeconds: number): Promise<[string, string]> {
  const key = { idempotencyKey: `superseded-${randomUUID()}`, tenantId, agentId: null };
  const { run: old } = await claimRun(db, key);
  await ageRun(db, old.id, ageSeconds + DAY);
  const { run: replacement } = await claimRun(db, key);
  await ageRun(db, old.id, ageSeconds);
  await ageRun(db, replacement.id, ageSeconds);
  return [old.id, replacement.id];
}

async function survivors(db: Knex, ids: readonly string[]): Promise<Set<string>> {
  const rows = await db("runs").whereIn("id", ids).select<{ id: string }[]>("id");
  return new Set(rows.map((row) => row.id));
}

describe("purgeRuns", () => {
  it("deletes superseded and expired runs older than the age, in batches, and returns how many", async () => {
    const db = database.db;
    const tenant = `purge-${randomUUID()}`;
    const expired = await runsAged(db, tenant, 7, 3 * DAY, "expired");
    const [supersededOld, supersededNew] = await supersededPair(db, tenant, 2 * DAY);
    const liveRecent = await runsAged(db, tenant, 3, HOUR, "recent");
    const expiredYoung = await runsAged(db, tenant, 2, DAY + HOUR, "young");
    const all = [...expired, supersededOld, supersededNew, ...liveRecent, ...expiredYoung];

    const queries = recordQueries(db);
    let deleted: number;
    try {
      deleted = await purgeRuns(db, { olderThanSeconds: 2 * DAY - HOUR, batchSize: 3 });
    } finally {
      queries.stop();
    }
    // 9 rows older than 47 hours: 7 expired, the superseded run and its (expired) replacement, in batches of 3, 3, 3 and an empty one.
    expect(deleted).toBe(9);
    expect(queries.sql).toHaveLength(4);
    expect(await survivors(db, all)).toEqual(new Set([...liveRecent, ...expiredYoung]));
  });

  it("never deletes a live unexpired run: the age may not be shorter than the TTL", async () => {
    const db = database.db;
    const tenant = `purge-${randomUUID()}`;
    const live = await runsAged(db, tenant, 2, 2 * HOUR, "live");
    const queries = recordQueries(db);
    try {
      const error = await purgeRuns(db, { olderThanSeconds: HOUR, batchSize: 10 }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(IdempotencyOptionsInvalidError);
      expect((error as Error).message).toBe(
        "invalid idempotency options: olderThanSeconds (3600) must be at least the TTL (86400): younger runs may still be live",
      );
      expect(queries.sql).toEqual([]);
    } finally {
      queries.stop();
    }
    expect(await purgeRuns(db, { olderThanSeconds: HOUR, batchSize: 10, ttlSeconds: HOUR })).toBeGreaterThanOrEqual(2);
    expect(await survivors(db, live)).toEqual(new Set());
  });

  it("keeps every live unexpired run while it deletes older ones under a concurrent claim load", async () => {
    const db = database.connect({ poolMax: 10 });
    const tenant = `purge-${randomUUID()}`;
    const old = await runsAged(db, tenant, 30, 2 * DAY, "old");
    const claims = Array.from({ length: 40 }, (_, index) => claimRun(db, { idempotencyKey: `busy-${index}-${randomUUID()}`, tenantId: tenant, agentId: null }));
    const [deleted, claimed] = await Promise.all([purgeRuns(db, { olderThanSeconds: DAY, batchSize: 7 }), Promise.all(claims)]);
    expect(deleted).toBeGreaterThanOrEqual(30);
    expect(await survivors(db, old)).toEqual(new Set());
    const fresh = claimed.map((claim) => claim.run.id);
    expect(await survivors(db, fresh)).toEqual(new Set(fresh));
  });

  it.each([
    [{ olderThanSeconds: -1 }, "olderThanSeconds must be a number from 0 to 3153600000, got -1"],
    [{ olderThanSeconds: DAY, batchSize: 0 }, "batchSize must be an integer from 1 to 10000, got 0"],
    [{ olderThanSeconds: DAY, batchSize: 1.5 }, "batchSize must be an integer from 1 to 10000, got 1.5"],
    [{ olderThanSeconds: DAY, batchSize: 10_001 }, "batchSize must be an integer from 1 to 10000, got 10001"],
  ])("rejects %j before any query", async (options, reason) => {
    const queries = recordQueries(database.db);
    try {
      const error = await purgeRuns(database.db, options).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(IdempotencyOptionsInvalidError);
      expect((error as Error).message).toBe(`invalid idempotency options: ${reason}`);
      expect(queries.sql).toEqual([]);
    } finally {
      queries.stop();
    }
  });
});
