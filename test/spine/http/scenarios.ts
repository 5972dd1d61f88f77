/**
 * The table both HTTP adapters must satisfy, against a real server on
 * 127.0.0.1 and real HTTP requests (`fetch`, and `node:http` for a header
 * sent twice). express.test.ts and fastify.test.ts mount the same routes on
 * their framework ({@link ServeRoutes}) and run {@link describeAdapter}, so
 * both prove the same cases. docs/conformance.md cites these tests by name.
 */
import { randomUUID } from "node:crypto";
import { connect } from "node:net";
import type { Knex } from "knex";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findFreePort } from "../../../dev/database.js";
import { createDb } from "../../../spine/db/index.js";
import type { IdempotencyError } from "../../../spine/drivers/idempotency.js";
import { createIdempotency, type Idempotency } from "../../../spine/orchestrator/create-idempotency.js";
import { SILENT_LOG, useTestDatabase } from "../../support/database.js";

/** What a test route is given: the parsed body and the request's tenant (`X-Tenant-Id`). */
export interface RouteRequest {
  readonly body: unknown;
  readonly tenantId: string | null;
}

/** What a test route answers: a status, headers, and a JSON body or raw bytes. */
export interface RouteAnswer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string | string[]>>;
  readonly json?: unknown;
  readonly bytes?: Buffer;
}

/** A route to mount behind the adapter: `POST path`, scoped by `X-Tenant-Id`, handled by `handle` (which may throw). */
export interface TestRoute {
  readonly path: string;
  readonly idempotency: Idempotency;
  readonly handle: (request: RouteRequest) => Promise<RouteAnswer>;
}

/** A server listening on 127.0.0.1. */
export interface RunningServer {
  /** `http://127.0.0.1:<port>`. */
  readonly baseUrl: string;
  close(): Promise<void>;
}

/**
 * Mounts the routes on a framework's app, each in one line with the
 * adapter (`scope: { tenantId: X-Tenant-Id or null, agentId: null }`), a
 * JSON body parser before it, and the framework's default error handler;
 * sets `Access-Control-Allow-Origin: *` on every response before the route
 * runs (as CORS middleware does); then listens on 127.0.0.1, port 0.
 */
export type ServeRoutes = (routes: readonly TestRoute[]) => Promise<RunningServer>;

/** A response read whole. */
interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly bytes: Buffer;
  readonly text: string;
}

const SLOW_MILLIS = 400;

/** The `Idempotency-Key` value of the IETF draft: an RFC 8941 sf-string. */
function quoted(key: string): string {
  return `"${key}"`;
}

function sleep(millis: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, millis));
}

/** The body of an RFC 9457 problem response of spine-runtime. */
function problem(code: string, status: number, retryable = false): Record<string, unknown> {
  return { type: `https://spine.dev/problems/${code}`, title: code, status, detail: expect.any(String), code, retryable };
}

/** Registers the adapter's suite: the routes are mounted once, on one server, for the whole file. */
export function describeAdapter(framework: string, serve: ServeRoutes): void {
  describe(`the ${framework} adapter, over HTTP`, () => {
    const database = useTestDatabase();
    const calls = new Map<string, number>();
    const storeErrors: IdempotencyError[] = [];
    const gate: { open?: () => void } = {};
    let server: RunningServer;
    let downDb: Knex;

    const count = (path: string): number => calls.get(path) ?? 0;
    const counted =
      (path: string, answer: (request: RouteRequest) => Promise<RouteAnswer>) =>
      async (request: RouteRequest): Promise<RouteAnswer> => {
        calls.set(path, count(path) + 1);
        return answer(request);
      };

    beforeAll(async () => {
      const db = database.db;
      const onStoreError = (error: IdempotencyError): void => void storeErrors.push(error);
      const main = createIdempotency({ db, onStoreError });
      downDb = createDb(`postgres://postgres:none@127.0.0.1:${await findFreePort()}/postgres`, { log: SILENT_LOG, acquireTimeoutMillis: 1_000 });
      const created = (request: RouteRequest): Promise<RouteAnswer> => {
        const orderId = randomUUID();
        return Promise.resolve({ status: 201, headers: { location: `/orders/${orderId}`, "x-trace": randomUUID() }, json: { orderId, request: request.body, tenantId: request.tenantId } });
      };
      const routes: TestRoute[] = [
        { path: "/orders", idempotency: main, handle: counted("/orders", created) },
        { path: "/slow", idempotency: main, handle: counted("/slow", async (request) => (await sleep(SLOW_MILLIS), created(request))) },
        { path: "/optional", idempotency: createIdempotency({ db, onStoreError, key: { required: false } }), handle: counted("/optional", created) },
        { path: "/strict", idempotency: createIdempotency({ db, onStoreError, key: { format: "sf-string" } }), handle: counted("/strict", created) },
        { path: "/down", idempotency: createIdempotency({ db: downDb, onStoreError }), handle: counted("/down", created) },
        {
          path: "/throws",
          idempotency: main,
          handle: counted("/throws", () => Promise.reject(new Error("the route failed"))),
        },
        { path: "/declined", idempotency: main, handle: counted("/declined", () => Promise.resolve({ status: 402, json: { error: "card_declined", attempt: randomUUID() } })) },
        { path: "/unavailable", idempotency: main, handle: counted("/unavailable", () => Promise.resolve({ status: 503, json: { error: "upstream_down", attempt: randomUUID() } })) },
        { path: "/large", idempotency: createIdempotency({ db, onStoreError, maxResponseBytes: 64 }), handle: counted("/large", () => Promise.resolve({ status: 201, json: { filler: "x".repeat(500) } })) },
        { path: "/expiring", idempotency: createIdempotency({ db, onStoreError, ttlSeconds: 0 }), handle: counted("/expiring", created) },
        {
          path: "/binary",
          idempotency: main,
          handle: counted("/binary", () => Promise.resolve({ status: 200, headers: { "content-type": "application/octet-stream" }, bytes: Buffer.from([0xff, 0x00, 0x80, 0x41, 0xfe, randomUUID().charCodeAt(0)]) })),
        },
        {
          path: "/cookies",
          idempotency: main,
          handle: counted("/cookies", () => Promise.resolve({ status: 201, headers: { "set-cookie": ["session=abc; Path=/", "theme=dark; Path=/"] }, json: { ok: true } })),
        },
        {
          path: "/hanging",
          idempotency: main,
          handle: counted("/hanging", async (request) => {
            await new Promise<void>((resolve) => (gate.open = resolve));
            return created(request);
          }),
        },
      ];
      server = await serve(routes);
    });

    afterAll(async () => {
      await server?.close();
      await downDb?.destroy();
    });

    async function post(path: string, options: { key?: string; body?: unknown; tenant?: string; signal?: AbortSignal } = {}): Promise<Reply> {
      const headers: Record<string, string> = {};
      if (options.key !== undefined) headers["idempotency-key"] = options.key;
      if (options.tenant !== undefined) headers["x-tenant-id"] = options.tenant;
      if (options.body !== undefined) headers["content-type"] = "application/json";
      const response = await fetch(`${server.baseUrl}${path}`, {
        method: "POST",
        headers,
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
      const bytes = Buffer.from(await response.arrayBuffer());
      return { status: response.status, headers: response.headers, bytes, text: bytes.toString("utf8") };
    }

    /** A request written on a socket as it is (`fetch` joins a repeated header into one line), read until the server closes. */
    async function rawPost(path: string, headerLines: readonly string[], body: string): Promise<Reply> {
      const url = new URL(server.baseUrl);
      const head = [`POST ${path} HTTP/1.1`, `Host: ${url.host}`, ...headerLines, `Content-Length: ${Buffer.byteLength(body)}`, "Connection: close"];
      const raw = await new Promise<Buffer>((resolve, reject) => {
        const chunks: Buffer[] = [];
        const socket = connect(Number(url.port), url.hostname, () => socket.end(`${head.join("\r\n")}\r\n\r\n${body}`));
        socket.on("data", (chunk: Buffer) => chunks.push(chunk));
        socket.on("end", () => resolve(Buffer.concat(chunks)));
        socket.on("error", reject);
      });
      const split = raw.indexOf("\r\n\r\n");
      const [statusLine = "", ...lines] = raw.subarray(0, split).toString("latin1").split("\r\n");
      const headers = new Headers();
      for (const line of lines) headers.append(line.slice(0, line.indexOf(":")), line.slice(line.indexOf(":") + 1).trim());
      const bytes = raw.subarray(split + 4);
      return { status: Number(statusLine.split(" ")[1]), headers, bytes, text: bytes.toString("utf8") };
    }

    async function runsOf(key: string): Promise<{ status: string; superseded: boolean }[]> {
      const rows = await database.db("runs").where({ idempotency_key: key }).orderBy("created_at").select<{ status: string; superseded_at: Date | null }[]>("status", "superseded_at");
      return rows.map((row) => ({ status: row.status, superseded: row.superseded_at !== null }));
    }

    async function countAllRuns(): Promise<number> {
      const rows = await database.db("runs").count<{ total: string }[]>({ total: "*" });
      return Number(rows[0]?.total);
    }

    function expectProblem(reply: Reply, code: string, status: number, retryable = false): void {
      expect(reply.status).toBe(status);
      expect(reply.headers.get("content-type")).toBe("application/problem+json");
      expect(JSON.parse(reply.text)).toEqual(problem(code, status, retryable));
      expect(reply.headers.get("retry-after")).toBe(retryable || status === 409 ? "1" : null);
    }

    it("runs the route for a first request: 201, its body and Spine-Run-Id, no Idempotent-Replayed", async () => {
      const key = randomUUID();
      const first = await post("/orders", { key: quoted(key), body: { item: "book" }, tenant: "tenant-a" });
      expect(first.status).toBe(201);
      expect(JSON.parse(first.text)).toEqual({ orderId: expect.any(String), request: { item: "book" }, tenantId: "tenant-a" });
      expect(first.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(first.headers.get("location")).toMatch(/^\/orders\/[0-9a-f-]{36}$/);
      expect(first.headers.get("spine-run-id")).toMatch(/^[0-9a-f-]{36}$/);
      expect(first.headers.get("idempotent-replayed")).toBeNull();
      expect(await runsOf(key)).toEqual([{ status: "succeeded", superseded: false }]);
      expect(storeErrors).toEqual([]);
    });

    it("answers a lost-response retry with the stored response, byte for byte, marked replayed, without running the route", async () => {
      const key = randomUUID();
      const before = count("/orders");
      const first = await post("/orders", { key: quoted(key), body: { item: "lamp" } });
      const retry = await post("/orders", { key: quoted(key), body: { item: "lamp" } });
      expect(retry.status).toBe(first.status);
      expect(retry.bytes.equals(first.bytes)).toBe(true);
      expect(retry.headers.get("idempotent-replayed")).toBe("true");
      expect(retry.headers.get("spine-run-id")).toBe(first.headers.get("spine-run-id"));
      expect(retry.headers.get("location")).toBe(first.headers.get("location"));
      expect(retry.headers.get("content-type")).toBe(first.headers.get("content-type"));
      // Headers set before the route ran (CORS) go out with both.
      expect([first.headers.get("access-control-allow-origin"), retry.headers.get("access-control-allow-origin")]).toEqual(["*", "*"]);
      // A header outside the replay allow-list goes out with the first answer only.
      expect(first.headers.get("x-trace")).toMatch(/^[0-9a-f-]{36}$/);
      expect(retry.headers.get("x-trace")).toBeNull();
      expect(count("/orders") - before).toBe(1);
      expect(await runsOf(key)).toEqual([{ status: "succeeded", superseded: false }]);
    });

    it("runs the route once for 10 concurrent duplicates: the others get 409 with Retry-After, or the replay", async () => {
      const key = randomUUID();
      const replies = await Promise.all(Array.from({ length: 10 }, () => post("/slow", { key: quoted(key), body: { item: "chair" } })));
      expect(count("/slow")).toBe(1);
      const executed = replies.filter((reply) => reply.status === 201 && reply.headers.get("idempotent-replayed") === null);
      expect(executed).toHaveLength(1);
      const runId = executed[0]?.headers.get("spine-run-id");
      const others = replies.filter((reply) => !executed.includes(reply));
      expect(others.some((reply) => reply.status === 409)).toBe(true);
      for (const reply of others) {
        if (reply.status === 409) {
          expectProblem(reply, "idempotency_request_in_progress", 409, true);
        } else {
          expect(reply.status).toBe(201);
          expect(reply.headers.get("idempotent-replayed")).toBe("true");
          expect(reply.bytes.equals(executed[0]?.bytes ?? Buffer.alloc(0))).toBe(true);
        }
        expect(reply.headers.get("spine-run-id")).toBe(runId);
      }
      expect(await runsOf(key)).toEqual([{ status: "succeeded", superseded: false }]);
    });

    it("answers the same key with another body with a 422 idempotency_key_reused, without running the route", async () => {
      const key = randomUUID();
      const first = await post("/orders", { key: quoted(key), body: { item: "pen", quantity: 1 } });
      const before = count("/orders");
      const reused = await post("/orders", { key: quoted(key), body: { item: "pen", quantity: 2 } });
      expectProblem(reused, "idempotency_key_reused", 422);
      expect(reused.headers.get("access-control-allow-origin")).toBe("*");
      expect(reused.headers.get("spine-run-id")).toBe(first.headers.get("spine-run-id"));
      // Not corrected, the request fails again; the original keeps its key.
      expectProblem(await post("/orders", { key: quoted(key), body: { item: "pen", quantity: 2 } }), "idempotency_key_reused", 422);
      const original = await post("/orders", { key: quoted(key), body: { item: "pen", quantity: 1 } });
      expect(original.headers.get("idempotent-replayed")).toBe("true");
      expect(original.bytes.equals(first.bytes)).toBe(true);
      expect(count("/orders")).toBe(before);
      expect(await runsOf(key)).toEqual([{ status: "succeeded", superseded: false }]);
    });

    it("scopes keys by tenant: the same key under another tenant runs the route again", async () => {
      const key = randomUUID();
      const before = count("/orders");
      const a = await post("/orders", { key: quoted(key), body: { item: "cup" }, tenant: "tenant-a" });
      const b = await post("/orders", { key: quoted(key), body: { item: "cup" }, tenant: "tenant-b" });
      expect([a.status, b.status]).toEqual([201, 201]);
      expect(b.headers.get("idempotent-replayed")).toBeNull();
      expect(b.headers.get("spine-run-id")).not.toBe(a.headers.get("spine-run-id"));
      expect(count("/orders") - before).toBe(2);
      expect(await runsOf(key)).toEqual([
        { status: "succeeded", superseded: false },
        { status: "succeeded", superseded: false },
      ]);
    });

    it("answers a request without a key with a 400 idempotency_key_missing when keys are required", async () => {
      const before = count("/orders");
      const missing = await post("/orders", { body: { item: "map" } });
      expectProblem(missing, "idempotency_key_missing", 400);
      expect(JSON.parse(missing.text)).toMatchObject({ detail: "the Idempotency-Key header is missing: this endpoint requires one" });
      expect(missing.headers.get("spine-run-id")).toBeNull();
      expectProblem(await post("/orders", { body: { item: "map" } }), "idempotency_key_missing", 400);
      expect(count("/orders")).toBe(before);
    });

    it("runs the route without idempotency for a request without a key when keys are optional", async () => {
      const runsBefore = await countAllRuns();
      const first = await post("/optional", { body: { item: "ink" } });
      const second = await post("/optional", { body: { item: "ink" } });
      expect([first.status, second.status]).toEqual([201, 201]);
      expect(first.headers.get("spine-run-id")).toBeNull();
      expect(second.headers.get("idempotent-replayed")).toBeNull();
      expect(second.text).not.toBe(first.text);
      expect(count("/optional")).toBe(2);
      expect(await countAllRuns()).toBe(runsBefore);
      // With a key, the same route is idempotent.
      const key = randomUUID();
      await post("/optional", { key: quoted(key), body: { item: "ink" } });
      const retry = await post("/optional", { key: quoted(key), body: { item: "ink" } });
      expect(retry.headers.get("idempotent-replayed")).toBe("true");
      expect(count("/optional")).toBe(3);
    });

    it("answers a malformed key with a 400 idempotency_key_invalid", async () => {
      const before = count("/orders");
      expectProblem(await post("/orders", { key: '"unterminated', body: { item: "tape" } }), "idempotency_key_invalid", 400);
      expectProblem(await post("/orders", { key: '""', body: { item: "tape" } }), "idempotency_key_invalid", 400);
      expect(count("/orders")).toBe(before);
    });

    it("answers an Idempotency-Key header sent twice with a 400 idempotency_key_invalid", async () => {
      const before = count("/orders");
      const body = JSON.stringify({ item: "glue" });
      const reply = await rawPost("/orders", [`Idempotency-Key: ${quoted(randomUUID())}`, `Idempotency-Key: ${quoted(randomUUID())}`, "Content-Type: application/json"], body);
      expectProblem(reply, "idempotency_key_invalid", 400);
      expect(JSON.parse(reply.text)).toMatchObject({ detail: "invalid idempotency key: the Idempotency-Key header was sent more than once" });
      expect(count("/orders")).toBe(before);
    });

    it("accepts a Stripe-style bare key (order-43) with the default format, either", async () => {
      const key = `order-${randomUUID()}`;
      const first = await post("/orders", { key, body: { item: "desk" } });
      const retry = await post("/orders", { key, body: { item: "desk" } });
      expect(first.status).toBe(201);
      expect(retry.headers.get("idempotent-replayed")).toBe("true");
      expect(retry.bytes.equals(first.bytes)).toBe(true);
      // The quoted form of the same value is the same key.
      const quotedRetry = await post("/orders", { key: quoted(key), body: { item: "desk" } });
      expect(quotedRetry.headers.get("spine-run-id")).toBe(first.headers.get("spine-run-id"));
      expect(await runsOf(key)).toEqual([{ status: "succeeded", superseded: false }]);
    });

    it("refuses a bare key with a 400 with format sf-string, and accepts the quoted key", async () => {
      const key = `order-${randomUUID()}`;
      expectProblem(await post("/strict", { key, body: { item: "rug" } }), "idempotency_key_invalid", 400);
      expect(count("/strict")).toBe(0);
      expect((await post("/strict", { key: quoted(key), body: { item: "rug" } })).status).toBe(201);
      expect(count("/strict")).toBe(1);
    });

    it("answers with a 503 problem, Retry-After and retryable: true while the database is down, within the acquire timeout", async () => {
      const started = Date.now();
      const down = await post("/down", { key: quoted(randomUUID()), body: { item: "fan" } });
      const elapsed = Date.now() - started;
      expectProblem(down, "idempotency_store_unavailable", 503, true);
      expect(elapsed).toBeLessThan(3_000);
      expect(count("/down")).toBe(0);
    });

    it("answers a route that throws with the framework's 500, and a retry with the same key runs the route again", async () => {
      const key = randomUUID();
      const first = await post("/throws", { key: quoted(key), body: { item: "vase" } });
      expect(first.status).toBe(500);
      expect(first.headers.get("idempotent-replayed")).toBeNull();
      const retry = await post("/throws", { key: quoted(key), body: { item: "vase" } });
      expect(retry.status).toBe(500);
      expect(retry.headers.get("idempotent-replayed")).toBeNull();
      expect(retry.headers.get("spine-run-id")).not.toBe(first.headers.get("spine-run-id"));
      expect(count("/throws")).toBe(2);
      expect(await runsOf(key)).toEqual([
        { status: "failed", superseded: true },
        { status: "failed", superseded: true },
      ]);
    });

    it("stores a 4xx answer and replays it identically", async () => {
      const key = randomUUID();
      const first = await post("/declined", { key: quoted(key), body: { amount: 5 } });
      const retry = await post("/declined", { key: quoted(key), body: { amount: 5 } });
      expect(first.status).toBe(402);
      expect(JSON.parse(first.text)).toEqual({ error: "card_declined", attempt: expect.any(String) });
      expect(first.headers.get("idempotent-replayed")).toBeNull();
      expect(retry.status).toBe(402);
      expect(retry.bytes.equals(first.bytes)).toBe(true);
      expect(retry.headers.get("content-type")).toBe(first.headers.get("content-type"));
      expect(retry.headers.get("idempotent-replayed")).toBe("true");
      expect(retry.headers.get("spine-run-id")).toBe(first.headers.get("spine-run-id"));
      expect(count("/declined")).toBe(1);
      expect(await runsOf(key)).toEqual([{ status: "failed", superseded: false }]);
    });

    it("sends a 5xx answer without storing it: a retry runs the route again", async () => {
      const key = randomUUID();
      const first = await post("/unavailable", { key: quoted(key), body: { amount: 7 } });
      const retry = await post("/unavailable", { key: quoted(key), body: { amount: 7 } });
      expect([first.status, retry.status]).toEqual([503, 503]);
      expect(JSON.parse(first.text)).toEqual({ error: "upstream_down", attempt: expect.any(String) });
      expect(retry.text).not.toBe(first.text);
      expect(retry.headers.get("idempotent-replayed")).toBeNull();
      expect(count("/unavailable")).toBe(2);
      expect(await runsOf(key)).toEqual([
        { status: "failed", superseded: true },
        { status: "failed", superseded: true },
      ]);
    });

    it("replaces a response past maxResponseBytes with a stored 500 idempotency_response_too_large, which a retry gets again", async () => {
      const key = randomUUID();
      const first = await post("/large", { key: quoted(key), body: { item: "piano" } });
      expectProblem(first, "idempotency_response_too_large", 500);
      expect(first.headers.get("idempotent-replayed")).toBeNull();
      const retry = await post("/large", { key: quoted(key), body: { item: "piano" } });
      expectProblem(retry, "idempotency_response_too_large", 500);
      expect(retry.bytes.equals(first.bytes)).toBe(true);
      expect(retry.headers.get("idempotent-replayed")).toBe("true");
      expect(retry.headers.get("spine-run-id")).toBe(first.headers.get("spine-run-id"));
      expect([first.headers.get("access-control-allow-origin"), retry.headers.get("access-control-allow-origin")]).toEqual(["*", "*"]);
      expect(count("/large")).toBe(1);
      expect(await runsOf(key)).toEqual([{ status: "failed", superseded: false }]);
      expect(storeErrors).toEqual([]);
    });

    it("runs the route again for an expired key, with the same body or another", async () => {
      const key = randomUUID();
      const first = await post("/expiring", { key: quoted(key), body: { item: "clock" } });
      await sleep(5);
      const again = await post("/expiring", { key: quoted(key), body: { item: "clock" } });
      await sleep(5);
      const other = await post("/expiring", { key: quoted(key), body: { item: "radio" } });
      expect([first.status, again.status, other.status]).toEqual([201, 201, 201]);
      expect(again.headers.get("idempotent-replayed")).toBeNull();
      expect(other.headers.get("idempotent-replayed")).toBeNull();
      expect(new Set([first, again, other].map((reply) => reply.headers.get("spine-run-id"))).size).toBe(3);
      expect(count("/expiring")).toBe(3);
      expect(await runsOf(key)).toEqual([
        { status: "succeeded", superseded: true },
        { status: "succeeded", superseded: true },
        { status: "succeeded", superseded: false },
      ]);
    });

    it("replays a binary body byte for byte", async () => {
      const key = randomUUID();
      const first = await post("/binary", { key: quoted(key), body: { file: "logo" } });
      const retry = await post("/binary", { key: quoted(key), body: { file: "logo" } });
      expect(first.status).toBe(200);
      expect([...first.bytes.subarray(0, 5)]).toEqual([0xff, 0x00, 0x80, 0x41, 0xfe]);
      expect(first.headers.get("content-type")).toBe("application/octet-stream");
      expect(retry.headers.get("idempotent-replayed")).toBe("true");
      expect(retry.headers.get("content-type")).toBe("application/octet-stream");
      expect(retry.bytes.equals(first.bytes)).toBe(true);
      expect(count("/binary")).toBe(1);
    });

    it("sends each Set-Cookie line of the route's response as it set them, and leaves them out of the replay", async () => {
      const key = randomUUID();
      const first = await post("/cookies", { key: quoted(key), body: { theme: "dark" } });
      const retry = await post("/cookies", { key: quoted(key), body: { theme: "dark" } });
      expect(first.status).toBe(201);
      expect(first.headers.getSetCookie()).toEqual(["session=abc; Path=/", "theme=dark; Path=/"]);
      expect(retry.headers.get("idempotent-replayed")).toBe("true");
      expect(retry.headers.getSetCookie()).toEqual([]);
      expect(retry.bytes.equals(first.bytes)).toBe(true);
    });

    it("keeps the route's work when the client leaves before it answers: the late answer is stored, and the retry gets it replayed", async () => {
      const key = randomUUID();
      const controller = new AbortController();
      const leaving = post("/hanging", { key: quoted(key), body: { item: "kite" }, signal: controller.signal }).catch((error: unknown) => error);
      while (count("/hanging") === 0) await sleep(10);
      controller.abort();
      await leaving;
      await sleep(50);
      expect(await runsOf(key)).toEqual([{ status: "queued", superseded: false }]);
      // A retry while the route still works is told to wait, and does not run it a second time.
      const early = await post("/hanging", { key: quoted(key), body: { item: "kite" } });
      expect(early.status).toBe(409);
      expect(early.headers.get("retry-after")).toBe("1");
      gate.open?.();
      for (let waited = 0; waited < 5_000; waited += 20) {
        if ((await runsOf(key))[0]?.status === "succeeded") break;
        await sleep(20);
      }
      expect(await runsOf(key)).toEqual([{ status: "succeeded", superseded: false }]);
      const retry = await post("/hanging", { key: quoted(key), body: { item: "kite" } });
      expect(retry.status).toBe(201);
      expect(retry.headers.get("idempotent-replayed")).toBe("true");
      expect(count("/hanging")).toBe(1);
    });
  });
}
