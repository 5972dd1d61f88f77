/**
 * What a route tells the HTTP adapters (`spine-runtime/express`,
 * `spine-runtime/fastify`): whose key a request's `Idempotency-Key` is, and
 * the goal stored with its run.
 */

/** Whose key it is: a key is unique per (tenant, agent); `null` is "none" and matches only `null`. */
export interface Scope {
  /** The tenant the request acts for, or `null`. Never an empty string. */
  readonly tenantId: string | null;
  /** The agent the request acts for, or `null`. Never an empty string. */
  readonly agentId: string | null;
}

/** The options of an adapter's `idempotent(idempotency, options)`, for requests of type `Req`. */
export interface IdempotentOptions<Req> {
  /** The request's scope, e.g. its tenant from an authenticated header; may be async. */
  readonly scope: (req: Req) => Scope | Promise<Scope>;
  /** A free-text description stored on the request's run (default `null`). */
  readonly goal?: (req: Req) => string | null;
}
