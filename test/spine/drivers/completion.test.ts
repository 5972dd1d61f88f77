/**
 * The worker's half of the driver: completeRun, releaseRun and
 * getStoredResponse on a real server, each outcome exact.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  completeRun,
  DEFAULT_MAX_RESPONSE_BYTES,
  getStoredResponse,
  releaseRun,
  toStoredResponse,
} from "../../../spine/drivers/completion.js";
import {
  claimRun,
  IdempotencyOptionsInvalidError,
  IdempotencyResponseTooLargeError,
  IdempotencyRunNotFoundError,
  IdempotencyRunNotInProgressError,
} from "../../../spine/drivers/idempotency.js";
import { rejection, useTestDatabase } from "../../support/database.js";

const database = useTestDatabase();

async function claimed(leaseSeconds?: number): Promise<string> {
  const { run } = await claimRun(database.db, { idempotencyKey: `done-${randomUUID()}`, tenantId: "t", agentId: "a" }, leaseSeconds === undefined ? {} : { leaseSeconds });
  return run.id;
}

describe("completeRun", () => {
  it("finishes a run: its status, no lease, and the response a replay gets, headers cut to the allow-list", async () => {
    const id = await claimed(60);
    const run = await completeRun(database.db, id, {
      status: "succeeded",
      response: { statusCode: 201, headers: { "Content-Type": "application/json", Location: "/orders/7", "Set-Cookie": "session=secret", "X-Powered-By": "x" }, body: '{"id":7}' },
    });
    expect(run).toMatchObject({ id, status: "succeeded", leaseExpiresAt: null, supersededAt: null });
    expect(await getStoredResponse(database.db, id)).toEqual({
      statusCode: 201,
      headers: { "content-type": "application/json", location: "/orders/7" },
      body: '{"id":7}',
      bodyEncoding: "utf8",
    });
  });

  it("stores bytes that are not UTF-8 text, and text with NUL, in base64, and gives them back unchanged", async () => {
    const bytes = Uint8Array.from([0xff, 0xfe, 0x00, 0x41]);
    const id = await claimed();
    await completeRun(database.db, id, { status: "succeeded", response: { statusCode: 200, body: bytes } });
    const stored = await getStoredResponse(database.db, id);
    expect(stored).toMatchObject({ bodyEncoding: "base64" });
    expect(Buffer.from(stored?.body ?? "", "base64")).toEqual(Buffer.from(bytes));
    const nul = await claimed();
    await completeRun(database.db, nul, { status: "failed", response: { statusCode: 500, body: "a\u0000b" } });
    const text = await getStoredResponse(database.db, nul);
    expect(Buffer.from(text?.body ?? "", "base64").toString("utf8")).toBe("a\u0000b");
  });

  it("retry keeps the run in progress and its lease, and takes no response", async () => {
    const id = await claimed(60);
    const run = await completeRun(database.db, id, { status: "retry" });
    expect(run.status).toBe("retry");
    expect(run.leaseExpiresAt).not.toBeNull();
    await expect(completeRun(database.db, id, { status: "retry", response: { statusCode: 200 } })).rejects.toBeInstanceOf(IdempotencyOptionsInvalidError);
    expect((await completeRun(database.db, id, { status: "succeeded" })).status).toBe("succeeded");
  });

  it("refuses a finished run (409 finished), a superseded one (409 superseded), an unknown one (404)", async () => {
    const id = await claimed();
    await completeRun(database.db, id, { status: "succeeded" });
    const finished = (await rejection(() => completeRun(database.db, id, { status: "failed" }))).error;
    expect(finished).toBeInstanceOf(IdempotencyRunNotInProgressError);
    expect(finished).toMatchObject({ status: 409, code: "idempotency_run_not_in_progress", state: "finished", runId: id });
    expect((await database.db("runs").where({ id }).first<{ status: string }>("status"))?.status).toBe("succeeded");

    const key = { idempotencyKey: `taken-${randomUUID()}`, tenantId: "t", agentId: "a" };
    const first = await claimRun(database.db, key, { leaseSeconds: 60 });
    await database.db.raw("update runs set lease_expires_at = now() - interval '1 second' where id = ?", [first.run.id]);
    const second = await claimRun(database.db, key, { leaseSeconds: 60 });
    expect(second.created).toBe(true);
    const superseded = (await rejection(() => completeRun(database.db, first.run.id, { status: "succeeded" }))).error;
    expect(superseded).toMatchObject({ status: 409, state: "superseded" });

    const unknown = randomUUID();
    const missing = (await rejection(() => completeRun(database.db, unknown, { status: "succeeded" }))).error;
    expect(missing).toBeInstanceOf(IdempotencyRunNotFoundError);
    expect(missing).toMatchObject({ status: 404, code: "idempotency_run_not_found", runId: unknown });
  });

  it("refuses a response past the limit before any query, typed, and leaves the run in progress", async () => {
    const id = await claimed();
    const body = "x".repeat(DEFAULT_MAX_RESPONSE_BYTES);
    const { error } = await rejection(() => completeRun(database.db, id, { status: "succeeded", response: { statusCode: 200, body } }));
    expect(error).toBeInstanceOf(IdempotencyResponseTooLargeError);
    expect(error).toMatchObject({ status: 500, code: "idempotency_response_too_large", limit: DEFAULT_MAX_RESPONSE_BYTES });
    expect((error as IdempotencyResponseTooLargeError).bytes).toBeGreaterThan(DEFAULT_MAX_RESPONSE_BYTES);
    expect((await database.db("runs").where({ id }).first<{ status: string }>("status"))?.status).toBe("queued");
    expect((await completeRun(database.db, id, { status: "succeeded", response: { statusCode: 200, body }, maxResponseBytes: 2 * DEFAULT_MAX_RESPONSE_BYTES })).status).toBe("succeeded");
  });

  it("checks its inputs before any query", () => {
    expect(() => toStoredResponse({ statusCode: 99 })).toThrow(IdempotencyOptionsInvalidError);
    expect(() => toStoredResponse({ statusCode: 200 }, 0)).toThrow(/maxResponseBytes must be an integer from 1/);
    expect(toStoredResponse({ statusCode: 204 })).toEqual({ statusCode: 204, headers: {}, body: "", bodyEncoding: "utf8" });
    expect(toStoredResponse({ statusCode: 200, headers: { Link: ["<a>", "<b>"], ETag: 5 } }).headers).toEqual({ link: "<a>, <b>", etag: "5" });
  });

  it("rejects an invalid status or run id with a 500 options error", async () => {
    await expect(completeRun(database.db, "not-a-uuid", { status: "succeeded" })).rejects.toMatchObject({ code: "idempotency_options_invalid", status: 500 });
    await expect(completeRun(database.db, randomUUID(), { status: "done" as never })).rejects.toThrow('status must be "succeeded", "failed" or "retry", got done');
  });
});

describe("releaseRun", () => {
  it("ends a run in progress as failed and frees its key: the next claim creates a new run", async () => {
    const key = { idempotencyKey: `release-${randomUUID()}`, tenantId: "t", agentId: "a" };
    const first = await claimRun(database.db, key);
    const released = await releaseRun(database.db, first.run.id);
    expect(released).toMatchObject({ id: first.run.id, status: "failed" });
    expect(released.supersededAt).not.toBeNull();
    const again = await claimRun(database.db, key);
    expect(again.created).toBe(true);
    expect(again.run.id).not.toBe(first.run.id);
    await expect(releaseRun(database.db, first.run.id)).rejects.toMatchObject({ state: "superseded" });
  });
});
