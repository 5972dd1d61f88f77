/**
 * The first step both HTTP adapters take for a request: read its
 * `Idempotency-Key`, compute its scope, claim the key. The outcome is to let
 * the request through without idempotency (no key, keys optional), to send
 * an answer now (a replay, a 409, a 422, or the problem response of a typed
 * error), or to run the route and finish the execution with its response.
 */
import type { Idempotency } from "../orchestrator/create-idempotency.js";
import { type Execution, type HandledResponse, IdempotencyError, problemResponse } from "../orchestrator/handle-request.js";
import type { IdempotentOptions } from "./options.js";

/** A response to send as it is. */
export type Answer = Pick<HandledResponse, "statusCode" | "headers" | "body">;

/** What an adapter does with a request: see {@link startRequest}. */
export type StartedRequest =
  | { readonly kind: "pass" }
  | { readonly kind: "answer"; readonly answer: Answer }
  | { readonly kind: "execute"; readonly execution: Execution };

const PASS: StartedRequest = { kind: "pass" };

/**
 * The problem response (RFC 9457) for a typed error.
 * @param error - what was thrown.
 * @returns the response for an `IdempotencyError`; `undefined` for any other error, which belongs to the framework's error handling.
 */
export function problemFor(error: unknown): Answer | undefined {
  return error instanceof IdempotencyError ? problemResponse(error) : undefined;
}

function answerOrThrow(error: unknown): StartedRequest {
  const answer = problemFor(error);
  if (answer === undefined) throw error;
  return { kind: "answer", answer };
}

/**
 * Reads the request's key, computes its scope and claims the key.
 * @param idempotency - the facade (`createIdempotency`).
 * @param options - the route's scope and goal.
 * @param req - the framework's request, given to `scope` and `goal`.
 * @param header - the `Idempotency-Key` header: every field line's value (Node's `headersDistinct`), so that a repeated header is refused.
 * @param payload - the parsed body the key's fingerprint is computed from (`undefined`: no body).
 * @returns `pass` (no key, and keys are optional), `answer` (send it; every typed error of the key, the scope, the payload or the database is one), or `execute` (run the route, then `finish` or `abandon`).
 * @throws what `scope` or `goal` threw, and any error that is not an `IdempotencyError`.
 */
export async function startRequest<Req>(idempotency: Idempotency, options: IdempotentOptions<Req>, req: Req, header: readonly string[] | undefined, payload: unknown): Promise<StartedRequest> {
  let key: string | undefined;
  try {
    key = idempotency.parseKey(header);
  } catch (error) {
    return answerOrThrow(error);
  }
  if (key === undefined) return PASS;
  const scope = await options.scope(req);
  const goal = options.goal === undefined ? null : options.goal(req);
  try {
    const begun = await idempotency.begin({ idempotencyKey: key, tenantId: scope.tenantId, agentId: scope.agentId, payload, goal });
    return begun.kind === "answer" ? { kind: "answer", answer: begun.response } : begun;
  } catch (error) {
    return answerOrThrow(error);
  }
}
