/**
 * The development database: a real PostgreSQL server for tests, the demo and
 * the benchmarks. When `DATABASE_URL` is set it is used as is; otherwise an
 * embedded PostgreSQL server is started on a free port with a throwaway data
 * folder (see `postgres/embedded.ts`), and stopped and deleted afterwards.
 */
import pg from "pg";
import { startEmbeddedServer, type EmbeddedServerOptions } from "./postgres/embedded.js";

export { DevDatabaseError } from "./postgres/errors.js";
export { findFreePort } from "./postgres/embedded.js";

/** A running PostgreSQL server and how to reach and stop it. */
export interface DevDatabase {
  /** Connection string of the server's maintenance database (`postgres`). */
  readonly adminUrl: string;
  /** `embedded` when this process started the server, `external` for `DATABASE_URL`. */
  readonly kind: "embedded" | "external";
  /** The embedded server's process id and folder (embedded only). */
  readonly embedded?: { readonly pid: number; readonly directory: string };
  /** Stops the server (embedded only) and deletes its data folder. Safe to call twice. */
  stop(): Promise<void>;
}

/** Options for {@link startEmbeddedDatabase}. */
export type EmbeddedDatabaseOptions = EmbeddedServerOptions;

/**
 * Starts a throwaway embedded PostgreSQL server on a free port.
 * The returned `stop()` shuts it down and deletes its data folder.
 * @throws {DevDatabaseError} naming the cause and `DATABASE_URL` when it does not start.
 */
export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions = {}): Promise<DevDatabase> {
  const server = await startEmbeddedServer(options);
  return { adminUrl: server.adminUrl, kind: "embedded", embedded: { pid: server.pid, directory: server.directory }, stop: server.stop };
}

/**
 * Returns the server named by `DATABASE_URL`, or starts an embedded one when it is unset.
 * @param env - the environment to read `DATABASE_URL` from.
 * @param embedded - options of the embedded server, when one is started.
 */
export async function openDevDatabase(env: NodeJS.ProcessEnv = process.env, embedded: EmbeddedDatabaseOptions = {}): Promise<DevDatabase> {
  const url = env["DATABASE_URL"];
  if (url === undefined || url === "") return startEmbeddedDatabase(embedded);
  return { adminUrl: url, kind: "external", stop: async () => undefined };
}

/** Returns `url` with its database name replaced by `database`. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * Creates a new, empty database with a unique name on the server and returns
 * its connection string and a function that drops it again.
 * @param adminUrl - a connection string with the right to create databases.
 * @param prefix - the start of the database's name.
 */
export async function createScratchDatabase(
  adminUrl: string,
  prefix = "spine_test",
): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await withAdminClient(adminUrl, (client) => client.query(`create database "${name}"`));
  return {
    url: withDatabase(adminUrl, name),
    name,
    drop: () => withAdminClient(adminUrl, (client) => client.query(`drop database if exists "${name}" with (force)`)).then(() => undefined),
  };
}

async function withAdminClient<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
