/**
 * keepLease: renews a run's lease while the work runs, and tells the work,
 * then its caller, when the run is no longer its own.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { completeRun } from "../../../spine/drivers/completion.js";
import { claimRun, IdempotencyOptionsInvalidError } from "../../../spine/drivers/idempotency.js";
import { IdempotencyLeaseLostError, keepLease } from "../../../spine/orchestrator/keep-lease.js";
import { rejection, useTestDatabase } from "../../support/database.js";

const database = useTestDatabase();

async function claimed(leaseSeconds: number): Promise<string> {
  const { run } = await claimRun(database.db, { idempotencyKey: `keep-${randomUUID()}`, tenantId: "t", agentId: "a" }, { leaseSeconds });
  return run.id;
}

async function secondsLeft(runId: string): Promise<number> {
  const result = await database.db.raw<{ rows: { left: number }[] }>("select extract(epoch from lease_expires_at - now())::float8 as left from runs where id = ?", [runId]);
  return result.rows[0]?.left ?? Number.NaN;
}

describe("keepLease", () => {
  it("keeps a 0.3 s lease alive through 1 s of work, and returns the work's result", async () => {
    const id = await claimed(0.3);
    const result = await keepLease(database.db, id, { leaseSeconds: 0.3 }, async (signal) => {
      await new Promise((wake) => setTimeout(wake, 1_000));
      expect(signal.aborted).toBe(false);
      return "done";
    });
    expect(result).toBe("done");
    expect(await secondsLeft(id)).toBeGreaterThan(0);
  });

  it("aborts the work's signal once the run is finished by someone else, then throws IdempotencyLeaseLostError (409)", async () => {
    const id = await claimed(0.3);
    let abortedWith: unknown;
    const { error } = await rejection(() =>
      keepLease(database.db, id, { leaseSeconds: 0.3 }, async (signal) => {
        await completeRun(database.db, id, { status: "failed" });
        await new Promise<void>((done) => signal.addEventListener("abort", () => done(), { once: true }));
        abortedWith = signal.reason;
        throw new Error("aborted");
      }),
    );
    expect(error).toBeInstanceOf(IdempotencyLeaseLostError);
    expect(error).toMatchObject({ status: 409, code: "idempotency_lease_lost", runId: id });
    expect(abortedWith).toBe(error);
  });

  it("throws before the work starts for a finished run or an invalid lease", async () => {
    const id = await claimed(60);
    await completeRun(database.db, id, { status: "succeeded" });
    let started = false;
    const work = async (): Promise<void> => {
      started = true;
    };
    await expect(keepLease(database.db, id, { leaseSeconds: 60 }, work)).rejects.toBeInstanceOf(IdempotencyLeaseLostError);
    await expect(keepLease(database.db, id, { leaseSeconds: 0 }, work)).rejects.toBeInstanceOf(IdempotencyOptionsInvalidError);
    expect(started).toBe(false);
  });
});
