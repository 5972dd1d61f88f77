/**
 * spine-runtime under real faults (see faults.ts), with short timeouts so
 * that each scenario takes seconds: open connections frozen, a server
 * unreachable, connections reset or refused, backends terminated, a server
 * switched to read-only and back, a pooler refusing the startup parameters,
 * and a COMMIT that gets no answer.
 */
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { CreateDbOptions } from "../../../spine/db/index.js";
import { claimRun, IdempotencyCommitUnknownError, IdempotencyStoreError } from "../../../spine/drivers/idempotency.js";
import { submitRun, withTransaction } from "../../../spine/orchestrator/index.js";
import { countRuns, rejection, useTestDatabase } from "../../support/database.js";
import { callBound, expectNothingLost, expectRecovery, expectTypedWithinBound, type FaultRig, openRig, report } from "./faults.js";

const database = useTestDatabase();

/** Short timeouts: a dead connection costs 1.5 s, a wait for the pool 1 s. */
const OPTIONS: CreateDbOptions = {
  acquireTimeoutMillis: 1_000,
  connectTimeoutMillis: 800,
  queryTimeoutMillis: 1_500,
  statementTimeoutMillis: 1_000,
  lockTimeoutMillis: 500,
  idleInTransactionSessionTimeoutMillis: 1_000,
  poolMax: 10,
};
const BOUND = callBound(OPTIONS);

const rigs: FaultRig[] = [];
afterEach(async () => {
  await Promise.all(rigs.splice(0).map((rig) => rig.close()));
});

async function rig(options: CreateDbOptions = OPTIONS): Promise<FaultRig> {
  const opened = await openRig(database.url, options);
  rigs.push(opened);
  return opened;
}

describe("spine-runtime under network faults", () => {
  it("open connections frozen for good: every call settles typed within the bound, and the pool heals without a restart", async () => {
    const r = await rig();
    await r.storm("warm", 10);
    r.proxy.freeze();
    const during = await r.storm("frozen", 20);
    report("freeze (open connections dead for good)", during, BOUND);
    expectTypedWithinBound(during, BOUND);
    expect(during.filter((outcome) => !outcome.ok).length).toBeGreaterThan(0);
    await r.proxy.heal();
    const after = await expectRecovery(r, "after-freeze");
    await expectNothingLost(database.db, [...during, ...after]);
  });

  it("without queryTimeoutMillis, the client's query timeout lies 2 s above the statement timeout", async () => {
    const { queryTimeoutMillis: _, ...withoutQueryTimeout } = OPTIONS;
    const r = await rig({ ...withoutQueryTimeout, statementTimeoutMillis: 500 });
    // One call warms one connection, and the next takes that idle connection, now frozen (two calls could open a
    // second connection, which the freeze does not touch, and succeed).
    await r.storm("warm", 1);
    r.proxy.freeze();
    const during = await r.storm("derived", 1);
    expect(during.map((outcome) => ({ ok: outcome.ok, derived: outcome.elapsed >= 2_400 && outcome.elapsed < 2_500 + 1_500 }))).toEqual([{ ok: false, derived: true }]);
    expectTypedWithinBound(during, callBound({ ...withoutQueryTimeout, statementTimeoutMillis: 500 }));
  });

  it("a server unreachable (blackhole): calls fail typed within the bound, then succeed once it is back", async () => {
    const r = await rig();
    await r.storm("warm", 5);
    r.proxy.blackhole();
    const during = await r.storm("blackhole", 10);
    report("blackhole (server unreachable)", during, BOUND);
    expectTypedWithinBound(during, BOUND);
    expect(during.every((outcome) => !outcome.ok)).toBe(true);
    await r.proxy.heal();
    await expectRecovery(r, "after-blackhole");
  });

  it("connections reset mid-storm, then refused: typed 503s, then recovery", async () => {
    const r = await rig();
    await r.storm("warm", 10);
    const storm = r.storm("reset", 40);
    setTimeout(() => r.proxy.reset(), 20);
    const during = await storm;
    report("reset mid-storm", during, BOUND);
    expectTypedWithinBound(during, BOUND);
    r.proxy.reset();
    await r.proxy.refuse();
    const refused = await r.storm("refused", 10);
    report("refused", refused, BOUND);
    expectTypedWithinBound(refused, BOUND);
    expect(refused.every((outcome) => !outcome.ok)).toBe(true);
    await r.proxy.heal();
    const after = await expectRecovery(r, "after-refuse");
    await expectNothingLost(database.db, [...during, ...after]);
  });

  it("every backend terminated (pg_terminate_backend): typed 503s, and the next calls succeed", async () => {
    const r = await rig();
    await r.storm("warm", 10);
    const storm = r.storm("terminated", 30);
    await database.db.raw("select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()");
    const during = await storm;
    report("backends terminated mid-storm", during, BOUND);
    expectTypedWithinBound(during, BOUND);
    const after = await expectRecovery(r, "after-terminate");
    await expectNothingLost(database.db, [...during, ...after]);
  });
});

describe("spine-runtime on a server that turns read-only", () => {
  it("is a retryable 503 (SQLSTATE 25006), and the pool drops those sessions: calls succeed within seconds of the switch back", async () => {
    const name = (await database.db.raw<{ rows: { name: string }[] }>("select current_database() as name")).rows[0]?.name ?? "";
    const r = await rig();
    try {
      await database.db.raw(`alter database "${name}" set default_transaction_read_only = on`);
      const { error } = await rejection(() => submitRun(r.db, { idempotencyKey: `ro-${randomUUID()}`, tenantId: "t", agentId: "a", payload: {} }));
      expect(error).toBeInstanceOf(IdempotencyStoreError);
      expect(error).toMatchObject({ status: 503, retryable: true, sqlState: "25006", code: "idempotency_store_unavailable" });
    } finally {
      await database.db.raw(`alter database "${name}" set default_transaction_read_only = off`);
    }
    await expectRecovery(r, "after-read-only");
  });
});

describe("spine-runtime behind a pooler that refuses startup parameters", () => {
  it("is a permanent 500 that names the cause and the option that fixes it, not a retryable 503", async () => {
    const r = await rig();
    r.proxy.rejectStartup("unsupported startup parameter: statement_timeout");
    const { error } = await rejection(() => submitRun(r.db, { idempotencyKey: `pooler-${randomUUID()}`, tenantId: "t", agentId: "a", payload: {} }));
    expect(error).toBeInstanceOf(IdempotencyStoreError);
    expect(error).toMatchObject({ status: 500, retryable: false, code: "idempotency_store_failed", sqlState: "08P01" });
    expect((error as Error).message).toContain("a connection pooler refused a startup parameter");
    expect((error as Error).message).toContain('pass createDb\'s sessionTimeouts: "transaction"');
  });
});

describe("a COMMIT that gets no answer", () => {
  it("is IdempotencyCommitUnknownError (503, retryable), and a retry with the same key settles the key to one run", async () => {
    const r = await rig();
    const key = `commit-${randomUUID()}`;
    const request = { idempotencyKey: key, tenantId: "t", agentId: "a" };
    const { error, elapsed } = await rejection(() =>
      withTransaction(r.db, async (trx) => {
        const claim = await claimRun(trx, request);
        r.proxy.freeze();
        return claim;
      }),
    );
    expect(error).toBeInstanceOf(IdempotencyCommitUnknownError);
    expect(error).toMatchObject({ status: 503, retryable: true, code: "idempotency_commit_unknown" });
    expect((error as Error).message).toContain("may or may not have been created; retry with the same idempotency key");
    expect(elapsed).toBeLessThanOrEqual(BOUND + 1_500);
    // The server ends the orphaned transaction after the idle-in-transaction timeout; the retry then finds or claims the key.
    await new Promise((wake) => setTimeout(wake, 1_500));
    const retried = await withTransaction(r.db, (trx) => claimRun(trx, request));
    expect(retried.run.idempotencyKey).toBe(key);
    expect(await countRuns(database.db, key)).toBe(1);
  });
});
