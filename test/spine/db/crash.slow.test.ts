/**
 * A backend killed with SIGKILL, then the postmaster itself (slow tier: on
 * an embedded server of its own, since PostgreSQL then ends every backend of
 * the server and restarts through crash recovery, and a dead postmaster is
 * started again by the test): calls in flight settle as results or typed
 * 503s (57P02 crash shutdown, 57P03 while recovering, connection failures)
 * within the documented bound, no acknowledged claim is lost, no key has two
 * live runs, and once the server is back the same knex instance serves 50
 * calls within 5 s.
 */
import type { Knex } from "knex";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchDatabase } from "../../../dev/database.js";
import { type EmbeddedServer, startEmbeddedServer } from "../../../dev/postgres/embedded.js";
import { createDb, migrate } from "../../../spine/db/index.js";
import { SILENT_LOG, settle } from "../../support/database.js";
import { systemTemp } from "../../support/run-temp.mjs";
import { callBound, expectNothingLost, expectTypedWithinBound, type Outcome, report, storm } from "./faults.js";

let server: EmbeddedServer | undefined;
let db: Knex | undefined;
let direct: Knex | undefined;
const OPTIONS = { log: SILENT_LOG, acquireTimeoutMillis: 2_000, queryTimeoutMillis: 3_000 };

beforeAll(async () => {
  server = await startEmbeddedServer({ cacheParent: systemTemp() });
  const scratch = await createScratchDatabase(server.adminUrl);
  // The embedded server trades durability for speed (synchronous_commit=off): a crash would lose the last
  // commits, acknowledged ones included. This database commits as a production server does.
  const admin = createDb(server.adminUrl, { log: SILENT_LOG });
  await admin.raw(`alter database "${scratch.name}" set synchronous_commit = on`);
  await admin.destroy();
  db = createDb(scratch.url, OPTIONS);
  direct = createDb(scratch.url, { log: SILENT_LOG });
  await migrate(db);
}, 60_000);
afterAll(async () => {
  await db?.destroy();
  await direct?.destroy();
  await server?.stop();
});

function stormOn(label: string, count: number): Promise<Outcome[]> {
  return storm(db as Knex, label, count);
}

describe("kill -9 of one backend", () => {
  it("settles every call typed within the bound, and the pool serves again once the server has recovered", async () => {
    await stormOn("warm", 10);
    const { rows } = await (direct as Knex).raw<{ rows: { pid: number }[] }>("select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() limit 1");
    const victim = rows[0]?.pid;
    expect(victim).toBeGreaterThan(0);
    const during = stormOn("crash", 40);
    process.kill(victim as number, "SIGKILL");
    const outcomes = await during;
    const bound = callBound(OPTIONS);
    report("kill -9 of one backend", outcomes, bound);
    expectTypedWithinBound(outcomes, bound);
    // Crash recovery of an empty-ish database takes well under a second; wait until it accepts connections again.
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && !(await settle(() => (direct as Knex).raw("select 1"))).ok) await new Promise((wake) => setTimeout(wake, 100));
    const started = Date.now();
    const after = await stormOn("after-crash", 50);
    expect({ failures: after.filter((outcome) => !outcome.ok).length, within: Date.now() - started <= 5_000 }).toEqual({ failures: 0, within: true });
    await expectNothingLost(direct as Knex, [...outcomes, ...after]);
  }, 90_000);

  it("kill -9 of the postmaster: typed 503s within the bound while it is down, and the same pool serves again once it is started", async () => {
    await stormOn("warm-postmaster", 10);
    const during = stormOn("postmaster", 40);
    process.kill((server as EmbeddedServer).pid, "SIGKILL");
    const down = await stormOn("down", 10);
    const outcomes = [...(await during), ...down];
    const bound = callBound(OPTIONS);
    report("kill -9 of the postmaster", outcomes, bound);
    expectTypedWithinBound(outcomes, bound);
    expect(down.every((outcome) => !outcome.ok)).toBe(true);
    await (server as EmbeddedServer).restart();
    const started = Date.now();
    const after = await stormOn("after-restart", 50);
    expect({ failures: after.filter((outcome) => !outcome.ok).length, within: Date.now() - started <= 5_000 }).toEqual({ failures: 0, within: true });
    await expectNothingLost(direct as Knex, [...outcomes, ...after]);
  }, 90_000);
});
