/**
 * What a database failure means: the one table that says, for anything knex,
 * pg or PostgreSQL throws, whether it is transient (the same request may
 * succeed if retried), a serialization failure (retry the whole transaction),
 * or permanent (a bug or a misconfiguration: retrying will not help), which
 * pooled connections it leaves unusable, and a short reason that never
 * repeats the SQL or the server's message.
 */

/**
 * How a failure should be handled.
 * - `serialization`: the transaction lost a race (SQLSTATE 40001, 40P01); roll back and run it again.
 * - `transient`: the database is unreachable, overloaded, shutting down, or a timeout fired; retry later.
 * - `permanent`: a missing table, a privilege, a constraint, a bug; retrying gives the same error.
 */
export type FailureKind = "serialization" | "transient" | "permanent";

/**
 * Which pooled connections a failure leaves unusable (`createDb`'s pool closes them):
 * - `none`: the connection works on (a lock timeout, a constraint);
 * - `connection`: the connection that failed (reset, terminated by the server);
 * - `pool`: every connection, since the server or the way to it changed (a
 *   query that got no answer in time, a server that became read-only after a
 *   failover, a crash restart).
 */
export type Eviction = "none" | "connection" | "pool";

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
  /** Which pooled connections it leaves unusable. */
  readonly evict: Eviction;
}

/** How a row of {@link FAILURES} recognises a failure (a SQLSTATE may be narrowed by the server's message). */
type Match =
  | { readonly sqlState: string; readonly serverMessage?: RegExp }
  | { readonly sqlClass: string }
  | { readonly errorCode: string }
  | { readonly errorName: string }
  | { readonly message: RegExp };

interface FailureRule {
  readonly match: Match;
  readonly kind: FailureKind;
  readonly reason: string;
  readonly evict: Eviction;
}

const rule = (match: Match, kind: FailureKind, reason: string, evict: Eviction = "none"): FailureRule => ({ match, kind, reason, evict });

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
  rule({ sqlState: "57P01" }, "transient", "admin shutdown", "connection"),
  rule({ sqlState: "57P02" }, "transient", "crash shutdown", "pool"),
  rule({ sqlState: "57P03" }, "transient", "server cannot accept connections now", "pool"),
  rule({ sqlState: "57P05" }, "transient", "idle session timeout", "connection"),
  rule({ sqlState: "25P03" }, "transient", "idle in transaction timeout", "connection"),
  // A write on a server that is read-only: after a failover the pool may still hold sessions of the demoted node.
  rule({ sqlState: "25006" }, "transient", "read-only server (after a failover, or default_transaction_read_only)", "pool"),
  rule({ sqlState: "53100" }, "transient", "disk full"),
  rule({ sqlState: "53200" }, "transient", "out of memory"),
  rule({ sqlState: "53300" }, "transient", "too many connections"),
  // A connection pooler (PgBouncer in transaction mode, and others) that refuses the session timeouts createDb sends.
  rule(
    { sqlState: "08P01", serverMessage: /unsupported startup parameter/ },
    "permanent",
    "a connection pooler refused a startup parameter: createDb sends statement_timeout, lock_timeout and idle_in_transaction_session_timeout as startup parameters; pass createDb's sessionTimeouts: \"transaction\" behind such a pooler, which sends them with each BEGIN instead (docs/scaling.md#pgbouncer)",
    "connection",
  ),
  rule({ sqlClass: "08" }, "transient", "connection failure", "connection"),
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
  rule({ errorCode: "ECONNREFUSED" }, "transient", "connection refused", "connection"),
  rule({ errorCode: "ECONNRESET" }, "transient", "connection reset", "connection"),
  rule({ errorCode: "ETIMEDOUT" }, "transient", "connection timed out", "pool"),
  rule({ errorCode: "EPIPE" }, "transient", "connection broken", "connection"),
  rule({ errorCode: "EHOSTUNREACH" }, "transient", "host unreachable", "pool"),
  rule({ errorCode: "ENETUNREACH" }, "transient", "network unreachable", "pool"),
  rule({ errorCode: "EAI_AGAIN" }, "transient", "name resolution failed temporarily"),
  rule({ message: pgMessage("Connection terminated( unexpectedly| due to connection timeout)?") }, "transient", "connection terminated", "connection"),
  rule({ message: pgMessage("Client has encountered a connection error and is not queryable") }, "transient", "connection terminated", "connection"),
  rule({ message: pgMessage("Client was closed and is not queryable") }, "transient", "connection terminated", "connection"),
  rule({ message: pgMessage("timeout expired") }, "transient", "connection timed out", "connection"),
  // createDb's client-side query timeout: the server did not answer in time (a network that stopped delivering, a frozen host).
  rule({ message: pgMessage("Query read timeout") }, "transient", "no answer within the query timeout", "pool"),
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
  if ("sqlState" in match) return facts.sqlState === match.sqlState && (match.serverMessage?.test(facts.message) ?? true);
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
    evict: found?.evict ?? "none",
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
