/**
 * A Node `ServerResponse` under the Express adapter: what a route writes is
 * held back until it ends the response (so that it is stored before a byte
 * goes out), then a response is written with the response's own methods.
 */
import type { OutgoingHttpHeaders, ServerResponse } from "node:http";
import type { Answer } from "./begin.js";
import { headerChanges, type HeaderValue } from "./headers.js";

/** What a route answered, held back. */
export interface CapturedResponse {
  /** The status code it set. */
  readonly statusCode: number;
  /** Every header it (and middleware before it) set, names in lower case. */
  readonly headers: Readonly<Record<string, HeaderValue | undefined>>;
  /** The bytes it wrote. */
  readonly body: Buffer;
}

/** A response whose writes are held back: see {@link captureResponse}. */
export interface ResponseCapture {
  /** Writes `answer` with the response's own methods, keeping the headers set before the capture began. */
  send(answer: Answer): void;
  /** Gives the response its own methods back, without writing (for the framework's error handling). */
  giveBack(): void;
}

type Callback = (error?: Error | null) => void;

function toBuffer(chunk: unknown, encoding: unknown): Buffer {
  if (typeof chunk === "string") return Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
  if (chunk instanceof Uint8Array) return Buffer.from(chunk);
  throw new TypeError(`a response chunk must be a string or a Uint8Array, got ${typeof chunk}`);
}

/** Sets the headers a `writeHead(status, headers)` call passed: an object, or raw `[name, value, …]` pairs. */
function applyWriteHeadHeaders(res: ServerResponse, headers: unknown): void {
  if (Array.isArray(headers)) {
    const pairs: unknown[] = Array.isArray(headers[0]) ? (headers as unknown[][]).flat() : headers;
    for (let index = 0; index + 1 < pairs.length; index += 2) res.appendHeader(String(pairs[index]), String(pairs[index + 1]));
  } else if (typeof headers === "object" && headers !== null) {
    for (const [name, value] of Object.entries(headers as OutgoingHttpHeaders)) if (value !== undefined) res.setHeader(name, value);
  }
}

/**
 * Writes `answer` on a response nothing was written to: its status, its
 * headers over those already set, a `Content-Length` for its body, the body.
 * @param res - the response.
 * @param answer - what to send.
 * @param before - the names of headers set before the route ran, kept when `answer` lacks them (default: every header set now).
 */
export function writeAnswer(res: ServerResponse, answer: Answer, before: ReadonlySet<string> = new Set(Object.keys(res.getHeaders()))): void {
  res.statusCode = answer.statusCode;
  const changes = headerChanges(res.getHeaders(), before, answer.headers);
  for (const name of changes.remove) res.removeHeader(name);
  for (const [name, value] of changes.set) res.setHeader(name, value);
  res.removeHeader("transfer-encoding");
  const bodiless = answer.statusCode < 200 || answer.statusCode === 204 || answer.statusCode === 304;
  if (bodiless) {
    res.removeHeader("content-length");
    res.end();
    return;
  }
  res.setHeader("content-length", typeof answer.body === "string" ? Buffer.byteLength(answer.body) : answer.body.byteLength);
  res.end(answer.body);
}

/**
 * Holds back every write of `res` (`write`, `end`, `writeHead`,
 * `flushHeaders`; Express's `send` and `json` go through them) until the
 * route ends it, then calls `onEnd` with what it answered. Nothing reaches
 * the client until `send`.
 * @param res - the response.
 * @param onEnd - told once, when the route ends the response.
 * @returns the capture, to send the response that goes out instead.
 */
export function captureResponse(res: ServerResponse, onEnd: (captured: CapturedResponse) => void): ResponseCapture {
  const original = { write: res.write, end: res.end, writeHead: res.writeHead, flushHeaders: res.flushHeaders };
  const before = new Set(Object.keys(res.getHeaders()));
  const chunks: Buffer[] = [];
  let state: "capturing" | "ended" | "done" = "capturing";
  res.write = function write(chunk: unknown, encodingOrCallback?: unknown, callback?: unknown): boolean {
    const done = (typeof encodingOrCallback === "function" ? encodingOrCallback : callback) as Callback | undefined;
    if (state === "capturing") chunks.push(toBuffer(chunk, encodingOrCallback));
    if (done !== undefined) process.nextTick(done);
    return true;
  } as ServerResponse["write"];
  res.end = function end(chunk?: unknown, encodingOrCallback?: unknown, callback?: unknown): ServerResponse {
    const done = [chunk, encodingOrCallback, callback].find((argument) => typeof argument === "function") as Callback | undefined;
    if (state !== "capturing") return res;
    if (chunk !== undefined && chunk !== null && typeof chunk !== "function") chunks.push(toBuffer(chunk, encodingOrCallback));
    if (done !== undefined) res.once("finish", () => done());
    state = "ended";
    onEnd({ statusCode: res.statusCode, headers: res.getHeaders(), body: Buffer.concat(chunks) });
    return res;
  } as ServerResponse["end"];
  res.writeHead = function writeHead(statusCode: number, reasonOrHeaders?: unknown, headers?: unknown): ServerResponse {
    if (state === "capturing") {
      res.statusCode = statusCode;
      if (typeof reasonOrHeaders === "string") res.statusMessage = reasonOrHeaders;
      applyWriteHeadHeaders(res, typeof reasonOrHeaders === "string" ? headers : reasonOrHeaders);
    }
    return res;
  } as ServerResponse["writeHead"];
  res.flushHeaders = () => undefined;
  const restore = (): void => {
    state = "done";
    Object.assign(res, original);
  };
  return {
    send: (answer) => {
      if (state === "done") return;
      restore();
      writeAnswer(res, answer, before);
    },
    giveBack: () => {
      if (state !== "done") restore();
    },
  };
}
