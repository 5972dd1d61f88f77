/**
 * Creating the knex instance the driver and orchestrator run on.
 */
import knex, { type Knex } from "knex";

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
}

/** The defaults of {@link CreateDbOptions}. */
export const DEFAULT_DB_OPTIONS: Readonly<Required<CreateDbOptions>> = Object.freeze({
  acquireTimeoutMillis: 5_000,
  connectTimeoutMillis: 3_000,
  poolMin: 0,
  poolMax: 10,
});

/**
 * Creates a knex instance for PostgreSQL (through `pg`) with a bounded pool and
 * short timeouts. The caller owns it and must call `destroy()` when done.
 * @param connectionString - a `postgres://` URL.
 * @param options - pool size and timeouts; see {@link CreateDbOptions}.
 */
export function createDb(connectionString: string, options: CreateDbOptions = {}): Knex {
  const settings = { ...DEFAULT_DB_OPTIONS, ...options };
  return knex({
    client: "pg",
    connection: { connectionString, connectionTimeoutMillis: settings.connectTimeoutMillis },
    pool: { min: settings.poolMin, max: settings.poolMax },
    acquireConnectionTimeout: settings.acquireTimeoutMillis,
  });
}
