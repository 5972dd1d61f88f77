/**
 * The storm the issue of real faults ends on, with createDb's defaults (slow
 * tier, `npm run test:slow`): a proxy freezes every open connection (for
 * good: they never deliver again) while calls are in flight, the network
 * heals 10 s later; every call settles as a result or a typed 503 within the
 * documented bound (5 s to acquire + 3 × 12 s), and the next 50 calls all
 * succeed within 5 s of the heal, on the same knex instance.
 */
import { afterAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../../support/database.js";
import { callBound, expectNothingLost, expectRecovery, expectTypedWithinBound, type FaultRig, openRig, report } from "./faults.js";

const database = useTestDatabase();
let rig: FaultRig | undefined;
afterAll(async () => rig?.close());

describe("a 10 s freeze of every open connection, with createDb's defaults", () => {
  it("settles every call typed within the bound, and the next 50 calls succeed within 5 s of the heal", async () => {
    rig = await openRig(database.url, {});
    const bound = callBound({});
    expect(bound).toBe(41_000);
    await rig.storm("warm", 10);
    rig.proxy.freeze();
    const storm = rig.storm("frozen", 20);
    await new Promise((wake) => setTimeout(wake, 10_000));
    await rig.proxy.heal();
    const after = await expectRecovery(rig, "after-heal");
    const during = await storm;
    report("freeze 10 s, defaults", during, bound);
    expectTypedWithinBound(during, bound);
    expect(during.filter((outcome) => !outcome.ok).length).toBeGreaterThan(0);
    await expectNothingLost(database.db, [...during, ...after]);
  }, 90_000);
});
