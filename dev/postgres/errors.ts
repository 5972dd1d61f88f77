/**
 * The error of the development database, and the advice every start failure
 * ends with.
 */

/** Error raised when the development database cannot be started or reached. */
export class DevDatabaseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DevDatabaseError";
  }
}

/** What to do instead when the embedded server cannot start: use another server through `DATABASE_URL`. */
export const DATABASE_URL_ADVICE =
  "To use another PostgreSQL server (15 or later) instead, set DATABASE_URL, for example DATABASE_URL=postgres://user:password@localhost:5432/postgres npm test";

/**
 * A {@link DevDatabaseError} saying that the embedded server did not start,
 * why, and how to use another server through `DATABASE_URL`.
 * @param reason - the cause, in words a reader can act on.
 * @param cause - the underlying error, kept as `cause`.
 */
export function startFailure(reason: string, cause?: unknown): DevDatabaseError {
  return new DevDatabaseError(`The embedded PostgreSQL server did not start: ${reason}\n${DATABASE_URL_ADVICE}`, cause === undefined ? undefined : { cause });
}

/** `error`'s message (and its `code` when it has one), for a reason. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
}
