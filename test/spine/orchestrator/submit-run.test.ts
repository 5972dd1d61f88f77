import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkIdempotency, IdempotencyKeyInvalidError, IdempotencyKeyReuseError } from "../../../spine/drivers/idempotency.js";
import { completeRun } from "../../../spine/drivers/completion.js";
import { requestFingerprint, submitRun, type SubmitRunLogEvent, type SubmitRunRequest } from "../../../spine/orchestrator/index.js";
import { recordQueries, useTestDatabase } from "../../support/database.js";

const database = useTestDatabase();

function request(overrides: Partial<SubmitRunRequest> = {}): SubmitRunRequest {
  return { idempotencyKey: `submit-${randomUUID()}`, tenantId: "tenant-a", agentId: "agent-x", payload: { goal: "g", n: 1 }, goal: "g", ...overrides };
}

describe("submitRun", () => {
  it("creates (201); a retry replays the 201 and the run as it is now, queued, running or finished, and once a worker stored a response, that response", async () => {
    const req = request();
    const created = await submitRun(database.db, req);
    expect(created).toMatchObject({ decision: "created", httpStatus: 201, replayed: false, run: { status: "queued", goal: "g", requestFingerprint: requestFingerprint(req.payload) } });
    if (created.decision !== "created") throw new Error("unreachable");
    expect(await submitRun(database.db, req)).toEqual({ decision: "replayed", httpStatus: 201, replayed: true, run: created.run, response: null });
    for (const status of ["running", "retry", "succeeded"] as const) {
      await database.db("runs").where({ id: created.run.id }).update({ status });
      expect(await submitRun(database.db, req)).toMatchObject({ decision: "replayed", httpStatus: 201, replayed: true, run: { id: created.run.id, status }, response: null });
    }
    await database.db("runs").where({ id: created.run.id }).update({ status: "running" });
    await completeRun(database.db, created.run.id, { status: "failed", response: { statusCode: 402, headers: { "Content-Type": "application/json", "X-Internal": "dropped" }, body: '{"error":"card_declined"}' } });
    const replay = await submitRun(database.db, req);
    expect(replay).toMatchObject({
      decision: "replayed",
      httpStatus: 402,
      replayed: true,
      run: { id: created.run.id, status: "failed" },
      response: { statusCode: 402, headers: { "content-type": "application/json" }, body: '{"error":"card_declined"}', bodyEncoding: "utf8" },
    });
  });

  it("answers 422 when the key is reused with another payload, and the same payload in another key order is not a reuse", async () => {
    const req = request({ payload: { a: 1, b: [1, 2] } });
    const created = await submitRun(database.db, req);
    expect(created.decision).toBe("created");
    expect((await submitRun(database.db, { ...req, payload: { b: [1, 2], a: 1 } })).decision).toBe("replayed");
    const reused = await submitRun(database.db, { ...req, payload: { a: 2, b: [1, 2] } });
    expect(reused).toMatchObject({ decision: "key_reused", httpStatus: 422 });
    if (reused.decision !== "key_reused" || created.decision !== "created") throw new Error("unreachable");
    expect(reused.runId).toBe(created.run.id);
    expect(reused.error).toBeInstanceOf(IdempotencyKeyReuseError);
  });

  it("begins, claims and commits: the run is visible to other connections afterwards", async () => {
    const req = request();
    const queries = recordQueries(database.db);
    let result;
    try {
      result = await submitRun(database.db, req);
    } finally {
      queries.stop();
    }
    expect(queries.sql.map((sql) => sql.trim().split(/\s+/)[0]?.toUpperCase())).toEqual(["BEGIN;", "CALL", "COMMIT;"]);
    const other = database.connect({ poolMax: 1 });
    expect((await checkIdempotency(other, req.idempotencyKey, req.tenantId, req.agentId)).runId).toBe(result.decision === "created" ? result.run.id : "");
  });

  it("throws the driver's 400 for an invalid key, with nothing stored", async () => {
    await expect(submitRun(database.db, request({ idempotencyKey: "" }))).rejects.toBeInstanceOf(IdempotencyKeyInvalidError);
  });

  it("retries serialization failures under SERIALIZABLE so that 20 concurrent submissions all get an answer", async () => {
    const db = database.connect({ poolMax: 20 });
    const req = request();
    const events: SubmitRunLogEvent[] = [];
    const results = await Promise.all(
      Array.from({ length: 20 }, () => submitRun(db, req, { isolationLevel: "serializable", maxAttempts: 10, logger: (event) => events.push(event) })),
    );
    expect(results.filter((r) => r.decision === "created")).toHaveLength(1);
    expect(results.filter((r) => r.decision === "replayed" && r.httpStatus === 201)).toHaveLength(19);
    const count = await db("runs").where({ idempotency_key: req.idempotencyKey }).count<{ count: string }[]>({ count: "*" });
    expect(Number(count[0]?.count)).toBe(1);
    expect(events.filter((event) => event.event === "submit_run.decided")).toHaveLength(20);
  });

  it("never writes the key into a log event", async () => {
    const req = request({ idempotencyKey: `very-secret-key-${randomUUID()}` });
    const lines: string[] = [];
    const logger = (event: SubmitRunLogEvent): void => {
      lines.push(JSON.stringify(event));
    };
    await submitRun(database.db, req, { logger });
    await submitRun(database.db, req, { logger });
    await submitRun(database.db, { ...req, payload: "other" }, { logger });
    expect(lines).toHaveLength(3);
    expect(lines.filter((line) => line.includes(req.idempotencyKey))).toEqual([]);
    expect(lines.map((line) => (JSON.parse(line) as SubmitRunLogEvent).decision)).toEqual(["created", "replayed", "key_reused"]);
    const keyRefs = new Set(lines.map((line) => (JSON.parse(line) as SubmitRunLogEvent).keyRef));
    expect(keyRefs.size).toBe(1);
    expect([...keyRefs][0]).toMatch(/^key#[0-9a-f]{12}$/);
  });
});
