/**
 * Failover on PostgreSQL 15 (slow tier: it starts a primary and a
 * synchronous standby of its own, `test/support/standby.ts`). The standby is
 * stopped while a storm runs: every COMMIT on the primary then waits for it,
 * which no server timeout ends, so the client's query timeout does, and the
 * caller is told the outcome is unknown (`idempotency_commit_unknown`, 503,
 * retryable) within the documented bound. Then the primary crashes, the
 * standby is started again and promoted, and the address the client uses
 * moves to it (the proxy is retargeted): the same knex instance serves 50
 * calls within 5 s, every claim a caller was told of is on the promoted
 * server, and the callers told "unknown" who retry with the same key each
 * end with exactly one live run.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { createDb, migrate } from "../../../spine/db/index.js";
import { IdempotencyCommitUnknownError } from "../../../spine/drivers/idempotency.js";
import { SILENT_LOG } from "../../support/database.js";
import { type ReplicatedPair, startReplicatedPair } from "../../support/standby.js";
import { callBound, expectNothingLost, expectRecovery, expectTypedWithinBound, type FaultRig, openRig, type Outcome, report, resubmit } from "./faults.js";

/** Short timeouts, so that the storm's waves end in seconds; the bound follows from them. */
const OPTIONS = { acquireTimeoutMillis: 2_000, statementTimeoutMillis: 2_000, queryTimeoutMillis: 3_000 };

let pair: ReplicatedPair | undefined;
let rig: FaultRig | undefined;

beforeAll(async () => {
  pair = await startReplicatedPair();
  rig = await openRig(pair.primaryUrl, OPTIONS);
  await migrate(rig.db);
}, 120_000);
afterAll(async () => {
  await rig?.close();
  await pair?.close();
});

it("a synchronous standby stopped mid-storm, then promoted: commits cut short are typed as unknown within the bound, nothing acknowledged is lost, and retries with the same key settle", async () => {
  const servers = pair as ReplicatedPair;
  const faults = rig as FaultRig;
  const acknowledged = await faults.storm("sync", 20);
  expect(acknowledged.filter((outcome) => !outcome.ok)).toEqual([]);

  const during = faults.storm("standby-stop", 40);
  await new Promise((wake) => setTimeout(wake, 50));
  await servers.stopStandby();
  const down = await faults.storm("standby-down", 20);
  const outcomes = [...(await during), ...down];
  const bound = callBound(faults.options);
  report("synchronous standby stopped", outcomes, bound);
  expectTypedWithinBound(outcomes, bound);
  // With the standby down, no COMMIT completes: no call of the second storm is told its claim was made.
  expect(down.filter((outcome) => outcome.ok)).toEqual([]);
  const unknown = outcomes.filter((outcome) => outcome.error instanceof IdempotencyCommitUnknownError);
  expect(unknown.length).toBeGreaterThan(0);

  await servers.crashPrimary();
  await servers.promoteStandby();
  faults.proxy.retarget(servers.standbyUrl);
  const after = await expectRecovery(faults, "after-failover");

  const promoted = createDb(servers.standbyUrl, { log: SILENT_LOG });
  try {
    const before = await promoted("runs").whereIn("idempotency_key", unknown.map((outcome) => outcome.key)).count<{ count: string }[]>({ count: "*" });
    const retried = await resubmit(faults.db, unknown.map((outcome) => outcome.request));
    expect(retried.filter((outcome) => !outcome.ok).map((outcome) => String(outcome.error))).toEqual([]);
    report("failover, then the unknown commits retried with the same key", retried, bound);
    console.log(`fault failover: ${unknown.length} commits of unknown outcome, ${before[0]?.count ?? 0} of them on the promoted server before the retry`);
    const all: Outcome[] = [...acknowledged, ...outcomes, ...after, ...retried];
    await expectNothingLost(promoted, all);
    const live = await promoted("runs").whereIn("idempotency_key", unknown.map((outcome) => outcome.key)).whereNull("superseded_at").count<{ count: string }[]>({ count: "*" });
    expect(Number(live[0]?.count)).toBe(unknown.length);
  } finally {
    await promoted.destroy();
  }
}, 180_000);
