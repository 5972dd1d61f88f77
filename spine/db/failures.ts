/**
 * What a database failure means: the one table that says, for anything knex,
 * pg or PostgreSQL throws, whether it is transient (the same request may
 * succeed if retried), a serialization failure (retry the whole transaction),
 * or permanent (a bug or a misconfiguration: retrying will not help), with a
 * short reason that never repeats the SQL or the server's message.
 */

/**
 * How a failure should be handled.
 * - `serialization`: the transaction lost a race (SQLSTATE 40001, 40P01); roll back and run it again.
 * - `transient`: the database is unreachable, overloaded, shutting down, or a timeout fired; retry later.
 * - `permanent`: a missing table, a privilege, a constraint, a bug; retrying gives the same error.
 */
export type FailureKind = "serialization" | "transient" | "permanent";

/** What {@link classifyDatabaseFailure} found out about a failure. */
export interface DatabaseFailure {
  /** How to handle it. */
  readonly kind: FailureKind;
  /** The SQLSTATE the server sent, or `null` when the failure happened in the client or the network. */
  readonly sqlState: string | null;
  /** A short reason, e.g. `lock timeout`; never the SQL or the server's message. */
  readonly reason: string;
  /** What identifies the failure in messages: `SQLSTATE 55P03`, `ECONNREFUSED`, `KnexTimeoutError`, or `null`. */
  readonly condition: string | null;
}

/** How a row of {@link FAILURES} recognises a failure. */
type Match =
  | { readonly sqlState: string }
  | { readonly sqlClass: string }
  | { readonly errorCode: string }
  | { readonly errorName: string }
  | { readonly message: RegExp };

interface FailureRule {
  readonly match: Match;
  readonly kind: FailureKind;
  readonly reason: string;
}

const rule = (match: Match, kind: FailureKind, reason: string): FailureRule => ({ match, kind, reason });

/** A message of pg's, alone or after the `<sql> - ` that knex puts in front of the message of a failed query. */
const pgMessage = (pattern: string): RegExp => new RegExp(`(?:^| - )${pattern}$`);

/**
 * The table, first match wins: exact SQLSTATEs, then SQLSTATE classes, then
 * failures of the client (socket error codes, knex's pool timeout, pg's
 * connection messages, which carry no code). A SQLSTATE that no row names is
 * permanent; so is anything else.
 */
const FAILURES: readonly FailureRule[] = [
  rule({ sqlState: "40001" }, "serialization", "serialization failure"),
  rule({ sqlState: "40P01" }, "serialization", "deadlock detected"),
  rule({ sqlState: "55P03" }, "transient", "lock timeout"),
  rule({ sqlState: "57014" }, "transient", "statement cancelled"),
  rule({ sqlState: "57P01" }, "transient", "admin shutdown"),
  rule({ sqlState: "57P02" }, "transient", "crash shutdown"),
  rule({ sqlState: "57P03" }, "transient", "server cannot accept connections now"),
  rule({ sqlState: "57P05" }, "transient", "idle session timeout"),
  rule({ sqlState: "25P03" }, "transient", "idle in transaction timeout"),
  rule({ sqlState: "53100" }, "transient", "disk full"),
  rule({ sqlState: "53200" }, "transient", "out of memory"),
  rule({ sqlState: "53300" }, "transient", "too many connections"),
  rule({ sqlClass: "08" }, "transient", "connection failure"),
  rule({ sqlClass: "53" }, "transient", "insufficient resources"),
  rule({ sqlState: "42P01" }, "permanent", "undefined table"),
  rule({ sqlState: "42703" }, "permanent", "undefined column"),
  rule({ sqlState: "42883" }, "permanent", "undefined function"),
  rule({ sqlState: "42501" }, "permanent", "insufficient privilege"),
  rule({ sqlState: "3D000" }, "permanent", "database does not exist"),
  rule({ sqlState: "25P02" }, "permanent", "transaction already aborted"),
  rule({ sqlState: "P0001" }, "permanent", "raise exception"),
  rule({ sqlClass: "42" }, "permanent", "syntax error or access rule violation"),
  rule({ sqlClass: "28" }, "permanent", "invalid authorization"),
  rule({ sqlClass: "23" }, "permanent", "integrity constraint violation"),
  rule({ sqlClass: "22" }, "permanent", "data exception"),
  rule({ sqlClass: "25" }, "permanent", "invalid transaction state"),
  rule({ sqlClass: "0A" }, "permanent", "feature not supported"),
  rule({ sqlClass: "XX" }, "permanent", "internal error"),
  rule({ errorName: "KnexTimeoutError" }, "transient", "no pooled connection within the acquire timeout"),
  rule({ errorCode: "ECONNREFUSED" }, "transient", "connection refused"),
  rule({ errorCode: "ECONNRESET" }, "transient", "connection reset"),
  rule({ errorCode: "ETIMEDOUT" }, "transient", "connection timed out"),
  rule({ errorCode: "EPIPE" }, "transient", "connection broken"),
  rule({ errorCode: "EHOSTUNREACH" }, "transient", "host unreachable"),
  rule({ errorCode: "ENETUNREACH" }, "transient", "network unreachable"),
  rule({ errorCode: "EAI_AGAIN" }, "transient", "name resolution failed temporarily"),
  rule({ message: pgMessage("Connection terminated( unexpectedly| due to connection timeout)?") }, "transient", "connection terminated"),
  rule({ message: pgMessage("Client has encountered a connection error and is not queryable") }, "transient", "connection terminated"),
  rule({ message: pgMessage("Client was closed and is not queryable") }, "transient", "connection terminated"),
  rule({ message: pgMessage("timeout expired") }, "transient", "connection timed out"),
  rule({ message: pgMessage("Query read timeout") }, "transient", "query read timeout"),
];

/** A SQLSTATE is five characters of digits and upper-case letters. */
const SQLSTATE = /^[0-9A-Z]{5}$/;

/**
 * The SQLSTATE of an error the server sent: pg's `DatabaseError` carries it as
 * `code`, next to a `severity`. A socket error's `code` (`EPIPE`) can look the same.
 */
function sqlStateOf(code: string | null, error: unknown): string | null {
  return code !== null && SQLSTATE.test(code) && stringField(error, "severity") !== null ? code : null;
}

interface ErrorFacts {
  readonly sqlState: string | null;
  readonly code: string | null;
  readonly name: string | null;
  readonly message: string;
}

function stringField(value: unknown, field: string): string | null {
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return null;
  const found = (value as Record<string, unknown>)[field];
  return typeof found === "string" ? found : null;
}

function factsOf(error: unknown): ErrorFacts {
  const code = stringField(error, "code");
  return {
    sqlState: sqlStateOf(code, error),
    code,
    name: stringField(error, "name"),
    message: stringField(error, "message") ?? String(error),
  };
}

function matches(match: Match, facts: ErrorFacts): boolean {
  if ("sqlState" in match) return facts.sqlState === match.sqlState;
  if ("sqlClass" in match) return facts.sqlState?.startsWith(match.sqlClass) ?? false;
  if ("errorCode" in match) return facts.code === match.errorCode;
  if ("errorName" in match) return facts.name === match.errorName;
  return match.message.test(facts.message);
}

function conditionOf(match: Match | undefined, facts: ErrorFacts): string | null {
  if (facts.sqlState !== null) return `SQLSTATE ${facts.sqlState}`;
  if (match !== undefined && "message" in match) return null;
  return facts.code ?? facts.name;
}

/**
 * Classifies anything a database call threw with the table above.
 * @param error - what knex, pg or PostgreSQL threw.
 * @returns its kind, SQLSTATE, reason and condition.
 */
export function classifyDatabaseFailure(error: unknown): DatabaseFailure {
  const facts = factsOf(error);
  const found = FAILURES.find((candidate) => matches(candidate.match, facts));
  const fallback = facts.sqlState === null ? "unexpected error" : "database error";
  return {
    kind: found?.kind ?? "permanent",
    sqlState: facts.sqlState,
    reason: found?.reason ?? fallback,
    condition: conditionOf(found?.match, facts),
  };
}

/**
 * A failure in a few words for an error message: the reason and the condition,
 * e.g. `lock timeout (SQLSTATE 55P03)` or `connection refused (ECONNREFUSED)`.
 * @param failure - what {@link classifyDatabaseFailure} returned.
 */
export function describeDatabaseFailure(failure: DatabaseFailure): string {
  return failure.condition === null ? failure.reason : `${failure.reason} (${failure.condition})`;
}
