/**
 * A PostgreSQL 15 primary with a synchronous standby, for the failover suite:
 * the primary is initdb'd into a folder of the run's temporary folder, the
 * standby is a `pg_basebackup` of it that streams from it, and the primary
 * waits for the standby at every COMMIT (`synchronous_standby_names = '*'`,
 * `synchronous_commit = on`). Both listen on free ports of 127.0.0.1, run as
 * `postgres` when this process is root, and are stopped, their folder
 * deleted, by `close()` or when the process ends (`live-servers.ts`).
 *
 * The binaries are Debian's package `postgresql-15` (`.ci/run` installs it);
 * `SPINE_PG15_BIN` points elsewhere.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chown, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findFreePort } from "../../dev/database.js";
import { type LiveServer, register, SHUTDOWN_TIMEOUT_MS, unregister } from "../../dev/postgres/live-servers.js";
import { type ServerUser, serverUser } from "../../dev/postgres/server-user.js";

/** Where Debian installs PostgreSQL 15's programs. */
const PG15_BIN = process.env["SPINE_PG15_BIN"] ?? "/usr/lib/postgresql/15/bin";

/** What both servers run with: loopback only, no Unix socket, throwaway durability (no OS crash is simulated). */
const COMMON_FLAGS = ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "fsync=off", "-c", "max_connections=200"];

/** How long a server may take to accept connections. */
const START_TIMEOUT_MS = 60_000;

/** A primary and its synchronous standby; see the module comment. */
export interface ReplicatedPair {
  /** Connection string of the primary's `postgres` database, as the superuser `postgres`. */
  readonly primaryUrl: string;
  /** Connection string of the standby's `postgres` database, as the superuser `postgres`. */
  readonly standbyUrl: string;
  /** Stops the standby (fast shutdown): from then on, every COMMIT on the primary waits for it. */
  stopStandby(): Promise<void>;
  /** Stops the primary at once (immediate shutdown, as a crash of its machine would). */
  crashPrimary(): Promise<void>;
  /**
   * Starts the stopped standby again and promotes it: it then accepts writes,
   * without a standby of its own (its commits no longer wait).
   */
  promoteStandby(): Promise<void>;
  /** Stops both servers and deletes their folder. */
  close(): Promise<void>;
}

/**
 * Starts a primary and a synchronous standby of it, and waits until the
 * standby streams as the primary's synchronous standby.
 * @throws {Error} naming the package when the PostgreSQL 15 programs are missing, or with a server's output when it does not start.
 */
export async function startReplicatedPair(): Promise<ReplicatedPair> {
  if (!existsSync(join(PG15_BIN, "pg_basebackup"))) {
    throw new Error(`${PG15_BIN}/pg_basebackup is missing: install Debian's package postgresql-15 (apt-get install postgresql-15), or set SPINE_PG15_BIN; .ci/run installs it`);
  }
  const user = await serverUser();
  const parent = await mkdtemp(join(tmpdir(), "spine-standby-"));
  const primary: LiveServer = { directory: join(parent, "primary"), process: undefined };
  const standby: LiveServer = { directory: join(parent, "standby"), process: undefined };
  register(primary);
  register(standby);
  const close = async (): Promise<void> => {
    await Promise.all([stop(primary, "SIGINT"), stop(standby, "SIGINT")]);
    unregister(primary);
    unregister(standby);
    await rm(parent, { recursive: true, force: true, maxRetries: 5 });
  };
  try {
    const password = randomBytes(18).toString("base64url");
    for (const folder of [parent, primary.directory, standby.directory]) {
      await mkdir(folder, { recursive: true, mode: 0o700 });
      if (user !== undefined) await chown(folder, user.uid, user.gid);
    }
    const passwordFile = join(parent, "password");
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600, flag: "wx" });
    if (user !== undefined) await chown(passwordFile, user.uid, user.gid);
    const primaryData = join(primary.directory, "data");
    const standbyData = join(standby.directory, "data");
    await run("initdb", [`--pgdata=${primaryData}`, "--username=postgres", `--pwfile=${passwordFile}`, "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C", "--no-sync"], user, parent);
    await rm(passwordFile);
    const [primaryPort, standbyPort] = [await findFreePort(), await findFreePort()];
    const primaryFlags = ["-p", String(primaryPort), ...COMMON_FLAGS, "-c", "wal_level=replica", "-c", "max_wal_senders=4", "-c", "synchronous_standby_names=*", "-c", "synchronous_commit=on"];
    await startServer(primary, primaryData, primaryFlags, user);
    const environment = { PGPASSWORD: password };
    await run("pg_basebackup", ["-h", "127.0.0.1", "-p", String(primaryPort), "-U", "postgres", "-D", standbyData, "-R", "-X", "stream", "--no-sync"], user, parent, environment);
    const conninfo = `host=127.0.0.1 port=${primaryPort} user=postgres password=${password} application_name=standby`;
    const standbyFlags = ["-p", String(standbyPort), ...COMMON_FLAGS, "-c", `primary_conninfo=${conninfo}`, "-c", "hot_standby=on"];
    await startServer(standby, standbyData, standbyFlags, user);
    const primaryUrl = `postgres://postgres:${password}@127.0.0.1:${primaryPort}/postgres`;
    await waitForSyncStandby(primaryUrl);
    return {
      primaryUrl,
      standbyUrl: `postgres://postgres:${password}@127.0.0.1:${standbyPort}/postgres`,
      stopStandby: () => stop(standby, "SIGINT"),
      crashPrimary: () => stop(primary, "SIGQUIT"),
      promoteStandby: async () => {
        if (standby.process === undefined) await startServer(standby, standbyData, standbyFlags, user);
        await run("pg_ctl", ["promote", "-D", standbyData, "-w", "-t", "60"], user, parent);
      },
      close,
    };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}

function spawnAs(program: string, args: readonly string[], user: ServerUser | undefined, cwd: string, env: Record<string, string> = {}): ChildProcess {
  return spawn(join(PG15_BIN, program), args, {
    ...(user === undefined ? {} : { uid: user.uid, gid: user.gid }),
    cwd,
    env: { ...process.env, LC_ALL: "C", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Runs one of the programs to completion; rejects with its output when it fails. */
function run(program: string, args: readonly string[], user: ServerUser | undefined, cwd: string, env: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawnAs(program, args, user, cwd, env);
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code, signal) => (code === 0 ? resolve() : reject(new Error(`${program} exited with ${code ?? signal}:\n${output.trim()}`))));
  });
}

/** Starts `postgres` on `dataDir`; resolves once it accepts connections (read-only ones, for a standby). */
function startServer(server: LiveServer, dataDir: string, flags: readonly string[], user: ServerUser | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawnAs("postgres", ["-D", dataDir, ...flags], user, server.directory);
    server.process = child;
    let output = "";
    let ready = false;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`postgres did not accept connections within ${START_TIMEOUT_MS / 1000} s:\n${output.trim()}`));
    }, START_TIMEOUT_MS);
    child.stdout?.resume();
    child.stderr?.on("data", (chunk: Buffer) => {
      if (ready) return;
      output += chunk.toString();
      if (/ready to accept (read-only )?connections/.test(output)) {
        ready = true;
        clearTimeout(timer);
        resolve();
      }
    });
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (server.process === child) server.process = undefined;
      if (ready) return;
      clearTimeout(timer);
      reject(new Error(`postgres exited with ${code ?? signal} before accepting connections:\n${output.trim()}`));
    });
  });
}

/** Stops a server with `signal` (SIGINT: fast shutdown, SIGQUIT: immediate) and waits until it has exited. */
async function stop(server: LiveServer, signal: NodeJS.Signals): Promise<void> {
  const child = server.process;
  if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), SHUTDOWN_TIMEOUT_MS);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
  server.process = undefined;
}

/** Waits until the primary reports a streaming synchronous standby. */
async function waitForSyncStandby(primaryUrl: string): Promise<void> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: primaryUrl });
  await client.connect();
  try {
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      const { rows } = await client.query<{ sync_state: string }>("select sync_state from pg_stat_replication");
      if (rows.some((row) => row.sync_state === "sync")) return;
      if (Date.now() > deadline) throw new Error(`the standby did not become synchronous within ${START_TIMEOUT_MS / 1000} s (pg_stat_replication: ${JSON.stringify(rows)})`);
      await new Promise((wake) => setTimeout(wake, 100));
    }
  } finally {
    await client.end();
  }
}
