/**
 * Creating the knex instance the driver and orchestrator run on.
 */
import knex, { type Knex } from "knex";
import { STDERR_KNEX_LOG } from "./knex-log.js";
import { type PoolEvents, type PooledClient, PoolHealth } from "./pool-health.js";

/** Options for {@link createDb}. Every field has a default suited to request handling. */
export interface CreateDbOptions {
  /**
   * How long a query may wait for a free pooled connection before it fails, in
   * milliseconds. Short by default (5,000) so that a database outage surfaces as
   * an error within seconds instead of a hung request.
   */
  readonly acquireTimeoutMillis?: number;
  /** How long opening a new connection may take, in milliseconds (default 3,000). */
  readonly connectTimeoutMillis?: number;
  /** Smallest number of pooled connections (default 0). */
  readonly poolMin?: number;
  /** Largest number of pooled connections (default 10). */
  readonly poolMax?: number;
  /**
   * PostgreSQL's `statement_timeout` for every connection, in milliseconds
   * (default 10,000): a statement running longer is cancelled (SQLSTATE 57014).
   * 0 sends nothing, so the server's setting applies (its own default is no limit).
   */
  readonly statementTimeoutMillis?: number;
  /**
   * How long a statement may wait for its answer on the client, in
   * milliseconds: past it the statement fails with a retryable 503 and its
   * connection is closed, even when the network stops delivering and the
   * server never hears of a timeout. By default 2,000 above
   * `statementTimeoutMillis` (12,000), and none when that is 0 (a caller who
   * lifts the server's limit runs long statements). `migrate`'s migrations,
   * which lift the statement timeout, run without it. 0: no client-side limit.
   */
  readonly queryTimeoutMillis?: number;
  /**
   * PostgreSQL's `lock_timeout`, in milliseconds (default 2,000): a statement
   * that waits longer for a lock, such as a claim behind another transaction's
   * uncommitted claim of the same key, fails (SQLSTATE 55P03). 0 sends nothing.
   */
  readonly lockTimeoutMillis?: number;
  /**
   * PostgreSQL's `idle_in_transaction_session_timeout`, in milliseconds
   * (default 30,000): the server ends a session whose transaction stays idle
   * longer, releasing its locks (SQLSTATE 25P03). 0 sends nothing.
   */
  readonly idleInTransactionSessionTimeoutMillis?: number;
  /**
   * How the statement, lock and idle-in-transaction timeouts reach the server:
   * - `startup` (default): as startup parameters of each connection, for no
   *   statement at all;
   * - `transaction`: as `SET LOCAL` statements sent with every `BEGIN`, in
   *   the same round trip, for a connection pooler that refuses startup
   *   parameters (PgBouncer and Supavisor in transaction mode, RDS Proxy).
   *   Statements outside a transaction then run under the role's settings
   *   and the client's query timeout.
   */
  readonly sessionTimeouts?: "startup" | "transaction";
  /**
   * Where knex's own messages go (knex's `log` option: `warn`, `error`,
   * `deprecate`, `debug`), such as `Acquire connection error: …` when the
   * database is down. By default each `warn`, `error` and `deprecate` message
   * is one line on standard error, prefixed `spine-runtime (knex): `, without
   * its stack trace, and `debug` is dropped; a logger given here replaces that
   * entirely (a function it lacks falls back to knex's `console.log`).
   */
  readonly log?: Knex.Logger;
}

/** How far above the statement timeout the client's query timeout lies by default. */
const QUERY_TIMEOUT_MARGIN_MILLIS = 2_000;

/** The defaults of {@link CreateDbOptions}' numbers (`queryTimeoutMillis`: with the default statement timeout). */
export const DEFAULT_DB_OPTIONS: Readonly<Required<Omit<CreateDbOptions, "log" | "sessionTimeouts">>> = Object.freeze({
  acquireTimeoutMillis: 5_000,
  connectTimeoutMillis: 3_000,
  poolMin: 0,
  poolMax: 10,
  statementTimeoutMillis: 10_000,
  queryTimeoutMillis: 12_000,
  lockTimeoutMillis: 2_000,
  idleInTransactionSessionTimeoutMillis: 30_000,
});

/** The largest value of PostgreSQL's millisecond settings (a 32-bit integer). */
const MAX_SERVER_MILLIS = 2_147_483_647;

type NumericOption = keyof typeof DEFAULT_DB_OPTIONS;

/** The range of each numeric option. */
const RANGES: Readonly<Record<NumericOption, readonly [number, number]>> = {
  acquireTimeoutMillis: [1, MAX_SERVER_MILLIS],
  connectTimeoutMillis: [1, MAX_SERVER_MILLIS],
  poolMin: [0, 10_000],
  poolMax: [1, 10_000],
  statementTimeoutMillis: [0, MAX_SERVER_MILLIS],
  queryTimeoutMillis: [0, MAX_SERVER_MILLIS],
  lockTimeoutMillis: [0, MAX_SERVER_MILLIS],
  idleInTransactionSessionTimeoutMillis: [0, MAX_SERVER_MILLIS],
};

function resolveOptions(options: CreateDbOptions): Required<Omit<CreateDbOptions, "log" | "sessionTimeouts">> {
  const statementTimeoutMillis = options.statementTimeoutMillis ?? DEFAULT_DB_OPTIONS.statementTimeoutMillis;
  const queryTimeoutMillis = statementTimeoutMillis > 0 ? Math.min(statementTimeoutMillis + QUERY_TIMEOUT_MARGIN_MILLIS, MAX_SERVER_MILLIS) : 0;
  const settings = { ...DEFAULT_DB_OPTIONS, queryTimeoutMillis, ...options };
  for (const [name, [min, max]] of Object.entries(RANGES) as [NumericOption, readonly [number, number]][]) {
    const value = settings[name];
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      throw new RangeError(`createDb: ${name} must be an integer from ${min} to ${max}, got ${String(value)}`);
    }
  }
  if (settings.poolMin > settings.poolMax) throw new RangeError(`createDb: poolMin (${settings.poolMin}) exceeds poolMax (${settings.poolMax})`);
  if (options.sessionTimeouts !== undefined && options.sessionTimeouts !== "startup" && options.sessionTimeouts !== "transaction") {
    throw new RangeError(`createDb: sessionTimeouts must be "startup" or "transaction", got ${String(options.sessionTimeouts)}`);
  }
  return settings;
}

/** What a wrong connection string is, for the message: never the value of an object, which may hold a password. */
function describeConnectionString(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === undefined || value === null) return String(value);
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** How long a pooled connection may stay silent before TCP keepalive probes it, in milliseconds. */
const KEEPALIVE_DELAY_MILLIS = 10_000;

/**
 * Creates a knex instance for PostgreSQL (through `pg`) with a bounded pool,
 * short timeouts, and the session timeouts of {@link CreateDbOptions}. The
 * session timeouts are startup parameters of each connection, not `SET`
 * statements, so no statement is spent on them (see docs/scaling.md for
 * PgBouncer). Every statement is also bounded on the client
 * (`queryTimeoutMillis`), TCP keepalive probes idle connections, and a
 * connection that a failure left unusable is closed and never handed out
 * again (see `pool-health.ts` and docs/reliability.md).
 * Failed queries' messages keep `$1` placeholders instead of the bound values,
 * so an idempotency key never appears in a logged database error.
 * The caller owns the instance and must call `destroy()` when done.
 * Knex's own messages go to standard error, one line each (see {@link CreateDbOptions.log}).
 * @param connectionString - a `postgres://` URL.
 * @param options - pool size, timeouts and logger; see {@link CreateDbOptions}.
 * @throws {TypeError} when the connection string is not a non-empty string
 *   (an unset `DATABASE_URL`), rather than letting pg fall back to 127.0.0.1:5432.
 * @throws {RangeError} when an option is not an integer in its range.
 */
export function createDb(connectionString: string, options: CreateDbOptions = {}): Knex {
  if (typeof connectionString !== "string" || connectionString.trim() === "") {
    const got = describeConnectionString(connectionString);
    throw new TypeError(`createDb: the connection string must be a non-empty string such as process.env.DATABASE_URL, got ${got}`);
  }
  const settings = resolveOptions(options);
  const timeouts = {
    statement_timeout: settings.statementTimeoutMillis,
    lock_timeout: settings.lockTimeoutMillis,
    idle_in_transaction_session_timeout: settings.idleInTransactionSessionTimeoutMillis,
  };
  const inTransactions = options.sessionTimeouts === "transaction";
  // pg sends these three as startup parameters when they are not 0; knex's type lacks lock_timeout.
  const connection: Knex.PgConnectionConfig & { readonly lock_timeout?: number } = {
    connectionString,
    connectionTimeoutMillis: settings.connectTimeoutMillis,
    keepAlive: true,
    keepAliveInitialDelayMillis: KEEPALIVE_DELAY_MILLIS,
    ...(inTransactions ? {} : timeouts),
  };
  const beginSettings = inTransactions ? Object.entries(timeouts).flatMap(([name, millis]) => (millis > 0 ? [`set local ${name} = ${millis}`] : [])) : [];
  const health = new PoolHealth(settings.queryTimeoutMillis, beginSettings);
  const db = knex({
    client: "pg",
    connection,
    pool: {
      min: settings.poolMin,
      max: settings.poolMax,
      afterCreate: (client: PooledClient, done: (error: Error | null, client: PooledClient) => void) => {
        health.adopt(client);
        done(null, client);
      },
    },
    acquireConnectionTimeout: settings.acquireTimeoutMillis,
    compileSqlOnError: false,
    log: options.log ?? STDERR_KNEX_LOG,
  });
  // knex's pool (tarn) reports which connections are handed out.
  health.watch((db.client as { pool: PoolEvents }).pool);
  return db;
}
