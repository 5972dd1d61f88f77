/**
 * `spine-runtime/fastify`: a route handled once per idempotency key, in one
 * line: `app.post("/orders", idempotent(idempotency, { scope }), createOrder)`
 * (route hooks, which Fastify's shorthand route options accept).
 *
 * `preHandler` reads the `Idempotency-Key` header and claims the key. A
 * retry is answered at once (the stored response marked
 * `Idempotent-Replayed: true`, a 409 while the first request is handled, a
 * 422 for another payload) and the route does not run. For a new key the
 * route runs, and `onSend` stores its serialized response with the key
 * before it is sent: a client that received an answer and retries gets the
 * replay. The answers are `beginRequest`'s (`spine-runtime`).
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Idempotency } from "../orchestrator/create-idempotency.js";
import type { Execution } from "../orchestrator/handle-request.js";
import { type Answer, problemFor, startRequest } from "./begin.js";
import { headerChanges } from "./headers.js";
import type { IdempotentOptions } from "./options.js";

export type { IdempotentOptions, Scope } from "./options.js";

/** The route hooks {@link idempotent} returns: pass them as a route's options, or spread them into its options. */
interface IdempotentHooks {
  /** Claims the key; answers a retry or a typed error at once, so that the route does not run. */
  readonly preHandler: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
  /** Stores the route's serialized response with the key (`finish`) and returns what to send. */
  readonly onSend: (request: FastifyRequest, reply: FastifyReply, payload: unknown) => Promise<unknown>;
}

/** A new key's execution, between `preHandler` and `onSend`. */
interface Pending {
  readonly execution: Execution;
  /** The headers set before the route ran (kept when the response to send lacks them). */
  readonly before: ReadonlySet<string>;
}

/** Sets `answer`'s status and headers on the reply; returns its body as Fastify sends it. */
function applyAnswer(reply: FastifyReply, answer: Answer, before: ReadonlySet<string>): string | Buffer {
  reply.code(answer.statusCode);
  const current = reply.getHeaders();
  const changes = headerChanges(current, before, answer.headers);
  for (const name of changes.remove) reply.removeHeader(name);
  for (const [name, value] of changes.set) {
    if (current[name] === value) continue;
    // `header` adds to a `set-cookie` already set: remove it first.
    reply.removeHeader(name);
    reply.header(name, value);
  }
  return typeof answer.body === "string" ? answer.body : Buffer.from(answer.body.buffer, answer.body.byteOffset, answer.body.byteLength);
}

/** A payload `finish` can store: Fastify's serialized text or bytes, or none. */
function isStorable(payload: unknown): payload is string | Buffer | null | undefined {
  return payload === undefined || payload === null || typeof payload === "string" || Buffer.isBuffer(payload);
}

/**
 * Fastify route hooks that handle their route once per idempotency key.
 *
 * - No `Idempotency-Key` and keys optional (`key: { required: false }`): the route runs without idempotency.
 * - A missing (when required) or malformed key, an invalid scope or payload, the database unavailable:
 *   the typed error's RFC 9457 problem response (400, 503 with `Retry-After`, …); the route does not run.
 * - A retry: the stored response, a 409 or a 422, at once; the route does not run.
 * - A new key: the route runs; its serialized response is stored (below 500) and then sent. A 5xx, the
 *   error handler's answer to a thrown error included, is sent but not stored: the key is given up and
 *   a retry runs the route again. A stream payload cannot be stored: the key is given up and the stream
 *   is sent as it is.
 * @param idempotency - the facade (`createIdempotency`).
 * @param options - `scope(request)`: whose key it is (may be async); `goal(request)`: stored on the run.
 * @returns `{ preHandler, onSend }`; an error thrown by `scope` or `goal` goes to Fastify's error handler.
 */
export function idempotent(idempotency: Idempotency, options: IdempotentOptions<FastifyRequest>): IdempotentHooks {
  const pending = new WeakMap<FastifyRequest, Pending>();
  const take = (request: FastifyRequest): Pending | undefined => {
    const found = pending.get(request);
    pending.delete(request);
    return found;
  };
  return {
    preHandler: async (request, reply) => {
      const started = await startRequest(idempotency, options, request, request.raw.headersDistinct["idempotency-key"], request.body);
      if (started.kind === "pass") return undefined;
      const before = new Set(Object.keys(reply.getHeaders()));
      if (started.kind === "answer") {
        // Bytes: Fastify sends them as they are (text with a JSON media type would get a charset added).
        const body = applyAnswer(reply, started.answer, before);
        return reply.send(typeof body === "string" ? Buffer.from(body) : body);
      }
      // A client that leaves before the route answered changes nothing: the answer is stored when the route sends it.
      pending.set(request, { execution: started.execution, before });
      return undefined;
    },
    onSend: async (request, reply, payload) => {
      const found = take(request);
      if (found === undefined) return payload;
      if (!isStorable(payload)) {
        await found.execution.abandon();
        return payload;
      }
      let answer: Answer;
      try {
        answer = await found.execution.finish({ statusCode: reply.statusCode, headers: reply.getHeaders(), body: payload ?? "" });
      } catch (error) {
        const problem = problemFor(error);
        if (problem === undefined) {
          await found.execution.abandon();
          throw error;
        }
        answer = problem;
      }
      return applyAnswer(reply, answer, found.before);
    },
  };
}
