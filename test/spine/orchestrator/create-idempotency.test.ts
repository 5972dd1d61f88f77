/**
 * The facade: its configuration is checked at once, and each method is the
 * step it names with that configuration (key format and requirement, lease,
 * time to live, size limit); `handle` is request handling around one
 * function, for a framework without an adapter.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createIdempotency, IdempotencyKeyInvalidError, IdempotencyKeyMissingError, IdempotencyOptionsInvalidError } from "../../../spine/index.js";
import { rejection, useTestDatabase } from "../../support/database.js";

const database = useTestDatabase();

function request(payload: unknown = { item: "kite" }): { idempotencyKey: string; tenantId: string; agentId: null; payload: unknown } {
  return { idempotencyKey: `facade-${randomUUID()}`, tenantId: "t", agentId: null, payload };
}

describe("createIdempotency", () => {
  it("checks its configuration before any request", () => {
    expect(() => createIdempotency({ db: undefined as never })).toThrow(IdempotencyOptionsInvalidError);
    expect(() => createIdempotency({ db: database.db, leaseSeconds: 0 })).toThrow(/leaseSeconds must be a number greater than 0/);
    expect(() => createIdempotency({ db: database.db, ttlSeconds: -1 })).toThrow(/ttlSeconds must be a number from 0/);
    expect(() => createIdempotency({ db: database.db, key: { format: "bare" as never } })).toThrow('the Idempotency-Key format must be "sf-string", "token" or "either", got "bare"');
    expect(() => createIdempotency({ db: database.db, key: { required: "yes" as never } })).toThrow(/key.required must be a boolean/);
  });

  it("reads keys in the either format, required by default; optional keys may be absent", () => {
    const strict = createIdempotency({ db: database.db });
    expect(strict.parseKey('"order-43"')).toBe("order-43");
    expect(strict.parseKey("order-43")).toBe("order-43");
    expect(() => strict.parseKey(undefined)).toThrow(IdempotencyKeyMissingError);
    expect(() => strict.parseKey([])).toThrow(IdempotencyKeyMissingError);
    expect(() => strict.parseKey('"unterminated')).toThrow(IdempotencyKeyInvalidError);
    const optional = createIdempotency({ db: database.db, key: { required: false, format: "sf-string" } });
    expect(optional.parseKey(undefined)).toBeUndefined();
    expect(() => optional.parseKey("order-43")).toThrow(IdempotencyKeyInvalidError);
  });

  it("submits with its lease, and the worker keeps it and completes the run: a retry then gets the stored response", async () => {
    const idempotency = createIdempotency({ db: database.db, leaseSeconds: 30 });
    const req = request();
    const submitted = await idempotency.submit(req);
    if (submitted.decision !== "created") throw new Error(`expected created, got ${submitted.decision}`);
    expect(submitted.run.leaseExpiresAt).not.toBeNull();
    const result = await idempotency.keepLease(submitted.run.id, async () => "done");
    await idempotency.complete(submitted.run.id, { status: "succeeded", response: { statusCode: 200, body: result } });
    expect(await idempotency.submit(req)).toMatchObject({ decision: "replayed", httpStatus: 200, replayed: true, response: { statusCode: 200, body: "done" } });
  });

  it("refuses a response past its maxResponseBytes", async () => {
    const idempotency = createIdempotency({ db: database.db, maxResponseBytes: 100 });
    const submitted = await idempotency.submit(request());
    if (submitted.decision !== "created") throw new Error("expected created");
    const { error } = await rejection(() => idempotency.complete(submitted.run.id, { status: "succeeded", response: { statusCode: 200, body: "x".repeat(200) } }));
    expect(error).toMatchObject({ code: "idempotency_response_too_large", limit: 100 });
  });

  it("purges with its time to live as the default age", async () => {
    const idempotency = createIdempotency({ db: database.db, ttlSeconds: 3_600 });
    const submitted = await idempotency.submit(request());
    if (submitted.decision !== "created") throw new Error("expected created");
    await database.db.raw("update runs set created_at = now() - interval '2 hours' where id = ?", [submitted.run.id]);
    expect(await idempotency.purge()).toBeGreaterThanOrEqual(1);
    expect(await database.db("runs").where({ id: submitted.run.id }).first()).toBeUndefined();
  });
});

describe("createIdempotency().handle", () => {
  it("runs the handler once per key: a retry gets the stored response, marked; another payload a 422", async () => {
    const idempotency = createIdempotency({ db: database.db });
    const req = request();
    let runs = 0;
    const handler = async (): Promise<{ statusCode: number; headers: Record<string, string>; body: string }> => {
      runs += 1;
      return { statusCode: 201, headers: { "content-type": "application/json", "x-trace": "abc" }, body: '{"id":1}' };
    };
    const first = await idempotency.handle(req, handler);
    expect(first).toMatchObject({ decision: "executed", statusCode: 201, body: '{"id":1}', headers: { "content-type": "application/json", "x-trace": "abc", "spine-run-id": first.runId } });
    const retry = await idempotency.handle(req, handler);
    expect(retry).toEqual({ decision: "replayed", statusCode: 201, body: '{"id":1}', headers: { "content-type": "application/json", "idempotent-replayed": "true", "spine-run-id": first.runId }, runId: first.runId });
    const reused = await idempotency.handle({ ...req, payload: { item: "boat" } }, handler);
    expect(reused).toMatchObject({ decision: "key_reused", statusCode: 422, headers: { "content-type": "application/problem+json" } });
    expect(runs).toBe(1);
  });

  it("gives the key up when the handler throws or answers 5xx: the retry runs it again", async () => {
    const idempotency = createIdempotency({ db: database.db });
    const req = request();
    await expect(idempotency.handle(req, async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    const server = await idempotency.handle(req, async () => ({ statusCode: 503, body: "busy" }));
    expect(server).toMatchObject({ decision: "executed", statusCode: 503, body: "busy" });
    const ok = await idempotency.handle(req, async () => ({ statusCode: 200, body: "ok" }));
    expect(ok).toMatchObject({ decision: "executed", statusCode: 200 });
    const rows = await database.db("runs").where({ idempotency_key: req.idempotencyKey }).orderBy("created_at").select("status", "superseded_at");
    expect(rows.map((row: { status: string; superseded_at: Date | null }) => `${row.status} ${row.superseded_at === null ? "live" : "superseded"}`)).toEqual([
      "failed superseded",
      "failed superseded",
      "succeeded live",
    ]);
  });

  it("tells onStoreError when the database fails after the handler ran, and still sends the handler's answer", async () => {
    const db = database.connect({ poolMax: 2 });
    const told: string[] = [];
    const idempotency = createIdempotency({ db, onStoreError: (error, runId) => told.push(`${error.code} ${runId}`) });
    const answer = await idempotency.handle(request(), async () => {
      await db.destroy(); // the database is gone once the work is done
      return { statusCode: 200, body: "done" };
    });
    expect(answer).toMatchObject({ decision: "executed", statusCode: 200, body: "done" });
    expect(told).toEqual([`idempotency_store_failed ${answer.runId}`]); // a destroyed pool does not come back
  });
});
