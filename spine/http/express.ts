/**
 * `spine-runtime/express`: a route handled once per idempotency key, in one
 * line: `app.post("/orders", express.json(), idempotent(idempotency, { scope }), createOrder)`.
 *
 * The middleware reads the `Idempotency-Key` header and claims the key. A
 * retry is answered at once (the stored response marked
 * `Idempotent-Replayed: true`, a 409 while the first request is handled, a
 * 422 for another payload) and the route does not run. For a new key the
 * route runs, and what it answers is held back, stored with the key, and
 * only then sent: a client that received an answer and retries gets the
 * replay. The answers are `beginRequest`'s (`spine-runtime`).
 */
import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { Idempotency } from "../orchestrator/create-idempotency.js";
import type { Execution } from "../orchestrator/handle-request.js";
import { problemFor, startRequest } from "./begin.js";
import { captureResponse, writeAnswer } from "./node-response.js";
import type { IdempotentOptions } from "./options.js";

export type { IdempotentOptions, Scope } from "./options.js";

/**
 * Runs the route under its execution: when the route ends the response, the
 * response is stored (`finish`) before it is sent. A client that leaves
 * before the route answered changes nothing: the route's work goes on, its
 * answer is stored, and the client's retry gets it replayed (a 409 until
 * then), never a second run of the route beside the first.
 */
function execute(res: Response, execution: Execution, next: NextFunction): void {
  const capture = captureResponse(res, (captured) => {
    execution
      .finish(captured)
      .then(
        (response) => capture.send(response),
        (error: unknown) => {
          const answer = problemFor(error);
          if (answer !== undefined) return capture.send(answer);
          // Not an answer of ours: the run gives its key up, and the framework answers the error.
          void execution.abandon();
          throw error;
        },
      )
      .catch((error: unknown) => {
        capture.giveBack();
        next(error);
      });
  });
}

/**
 * An Express middleware that handles its route once per idempotency key.
 * Mount a body parser (`express.json()`) before it: the key's fingerprint is
 * computed from `req.body` (`undefined`: no body).
 *
 * - No `Idempotency-Key` and keys optional (`key: { required: false }`): the route runs without idempotency.
 * - A missing (when required) or malformed key, an invalid scope or payload, the database unavailable:
 *   the typed error's RFC 9457 problem response (400, 503 with `Retry-After`, …); the route does not run.
 * - A retry: the stored response, a 409 or a 422, at once; the route does not run.
 * - A new key: the route runs; its response is stored (below 500) and then sent. A 5xx, or an error the
 *   route passes to `next`, is sent but not stored: the key is given up and a retry runs the route again.
 * @param idempotency - the facade (`createIdempotency`).
 * @param options - `scope(req)`: whose key it is (may be async); `goal(req)`: stored on the run.
 * @returns the middleware; an error thrown by `scope` or `goal` goes to `next`.
 */
export function idempotent(idempotency: Idempotency, options: IdempotentOptions<Request>): RequestHandler {
  return (req, res, next) => {
    startRequest(idempotency, options, req, req.headersDistinct["idempotency-key"], req.body)
      .then((started) => {
        if (started.kind === "pass") return next();
        if (started.kind === "answer") return writeAnswer(res, started.answer);
        execute(res, started.execution, next);
        return next();
      })
      .catch(next);
  };
}
