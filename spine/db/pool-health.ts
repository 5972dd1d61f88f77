/**
 * Keeps a pool healthy under faults: every statement is bounded on the
 * client, and a connection that a failure left unusable is never handed out
 * again.
 *
 * `createDb` hands each new pg connection to {@link PoolHealth.adopt}. Its
 * `query` is wrapped so that:
 * - a statement that gets no answer within the query timeout fails with
 *   `Query read timeout` (the server's `statement_timeout` cannot help when
 *   the network stops delivering: the server never hears of it), and its
 *   connection is closed;
 * - a failure whose classification evicts (`Eviction` in `failures.ts`)
 *   makes its connection unusable, or every pooled connection: those idle in
 *   the pool are closed at once, those in use are marked and dropped when
 *   they are next acquired (knex drops a connection marked
 *   `__knex__disposed`), and so is a connection the server answered with
 *   the error, whose transaction still needs its ROLLBACK.
 * A transaction that lifts its statement timeout (`set local
 * statement_timeout = 0`, as `migrate` does for a migration) runs without the
 * client's query timeout until it ends. With `beginSettings`, every `BEGIN`
 * carries them (`BEGIN; SET LOCAL …`, one simple query, so no round trip is
 * added): how the session timeouts reach the server through a pooler that
 * refuses startup parameters.
 */
import { classifyDatabaseFailure } from "./failures.js";

/** The part of a pg `Client` this module uses. */
export interface PooledClient {
  query(...args: unknown[]): unknown;
  readonly connection: { readonly stream: { destroy(): void } };
  on(event: "end", listener: () => void): unknown;
  /** knex's mark of a connection that must not be handed out again. */
  __knex__disposed?: unknown;
}

/** The part of knex's tarn pool this module uses. */
export interface PoolEvents {
  on(event: "acquireSuccess", listener: (eventId: number, resource: unknown) => void): unknown;
  on(event: "release", listener: (resource: unknown) => void): unknown;
}

/** A statement that lifts the statement timeout for the rest of its transaction. */
const LIFTS_TIMEOUT = /^\s*set\s+local\s+statement_timeout\s*(=|to)\s*'?0'?\s*;?\s*$/i;
/** A statement that ends a transaction. */
const ENDS_TRANSACTION = /^\s*(commit|rollback|end|abort)\b(?!\s+to\b)/i;
/** The statement that begins a transaction, as knex sends it (`BEGIN;`, `BEGIN TRANSACTION ISOLATION LEVEL …;`). */
const BEGINS_TRANSACTION = /^\s*begin(\s+transaction\b[^;]*)?\s*;?\s*$/i;

/** The text of a statement as pg receives it (a string or `{ text }`). */
function statementText(config: unknown): string {
  if (typeof config === "string") return config;
  const text = (config as { text?: unknown } | null)?.text;
  return typeof text === "string" ? text : "";
}

/** Watches the connections of one pool. */
export class PoolHealth {
  private readonly connections = new Set<PooledClient>();
  private readonly inUse = new Set<unknown>();

  /**
   * @param queryTimeoutMillis - how long a statement may wait for its answer; 0: no client-side limit.
   * @param beginSettings - `SET LOCAL` statements every `BEGIN` carries (empty: none).
   */
  constructor(
    private readonly queryTimeoutMillis: number,
    private readonly beginSettings: readonly string[] = [],
  ) {}

  /** Follows which connections are in use (knex's tarn pool). */
  watch(pool: PoolEvents): void {
    pool.on("acquireSuccess", (_eventId, resource) => this.inUse.add(resource));
    pool.on("release", (resource) => this.inUse.delete(resource));
  }

  /** Takes a new connection under watch: bounds its statements and evicts it, or the pool, when a failure says so. */
  adopt(client: PooledClient): void {
    this.connections.add(client);
    client.on("end", () => {
      this.connections.delete(client);
      this.inUse.delete(client);
    });
    const query = client.query.bind(client);
    let lifted = false;
    client.query = (...args: unknown[]): unknown => {
      const callback = args.at(-1);
      if (typeof callback !== "function") return query(...args);
      const text = statementText(args[0]);
      if (LIFTS_TIMEOUT.test(text)) lifted = true;
      if (this.beginSettings.length > 0 && BEGINS_TRANSACTION.test(text) && typeof args[0] === "object" && args[0] !== null) {
        args[0] = { ...args[0], text: [text.trim().replace(/;$/, ""), ...this.beginSettings].join("; ") };
      }
      const ends = ENDS_TRANSACTION.test(text);
      const timeout = lifted ? 0 : this.queryTimeoutMillis;
      let settled = false;
      const settle = (error: unknown, result?: unknown): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (ends) lifted = false;
        if (error !== null && error !== undefined) this.failed(client, error);
        (callback as (error: unknown, result?: unknown) => void)(error, result);
      };
      const timer = timeout > 0 ? setTimeout(() => settle(new Error("Query read timeout")), timeout) : undefined;
      return query(...args.slice(0, -1), settle);
    };
  }

  /**
   * Evicts what the failure leaves unusable. A connection the server answered
   * on is only marked (its transaction still needs its ROLLBACK), one that got
   * no answer is closed at once.
   */
  private failed(client: PooledClient, error: unknown): void {
    const { evict, sqlState } = classifyDatabaseFailure(error);
    if (evict === "none") return;
    if (sqlState === null) this.close(client, error);
    else client.__knex__disposed ??= error;
    if (evict === "pool") {
      for (const other of this.connections) {
        if (other === client) continue;
        if (this.inUse.has(other)) other.__knex__disposed ??= error;
        else this.close(other, error);
      }
    }
  }

  /** Marks a connection unusable and closes its socket. */
  private close(client: PooledClient, error: unknown): void {
    client.__knex__disposed ??= error;
    client.connection.stream.destroy();
  }
}
