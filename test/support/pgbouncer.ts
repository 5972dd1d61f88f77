/**
 * A PgBouncer (Debian's package `pgbouncer`, which `.ci/run` installs) in
 * front of the test server, for the pooler suites: it listens on a free port
 * of 127.0.0.1, logs every client in as the server URL's user, in the pool
 * mode asked for, with PgBouncer's defaults otherwise (so it refuses the
 * startup parameters it does not track, as deployed PgBouncers do).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { userInfo } from "node:os";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findFreePort } from "../../dev/database.js";

/** Where Debian installs PgBouncer. */
const PGBOUNCER = "/usr/sbin/pgbouncer";

/** A running PgBouncer. */
export interface PgBouncer {
  /** `url` with its host and port replaced by PgBouncer's. */
  url(url: string): string;
  /** Stops it and deletes its folder. */
  stop(): Promise<void>;
}

/**
 * Starts PgBouncer in front of the server of `serverUrl`.
 * @throws {Error} naming the package when PgBouncer is not installed, or with its output when it does not start.
 */
export async function startPgBouncer(serverUrl: string, poolMode: "transaction" | "session"): Promise<PgBouncer> {
  if (!existsSync(PGBOUNCER)) throw new Error(`${PGBOUNCER} is missing: install Debian's package pgbouncer (apt-get install pgbouncer); .ci/run does`);
  const server = new URL(serverUrl);
  const port = await findFreePort();
  const dir = await mkdtemp(join(tmpdir(), "spine-pgbouncer-"));
  await chmod(dir, 0o755);
  const ini = join(dir, "pgbouncer.ini");
  const password = decodeURIComponent(server.password).replace(/'/g, "''");
  await writeFile(
    ini,
    [
      "[databases]",
      `* = host=${server.hostname} port=${server.port || "5432"} user=${decodeURIComponent(server.username)} password='${password}'`,
      "[pgbouncer]",
      "listen_addr = 127.0.0.1",
      `listen_port = ${port}`,
      "unix_socket_dir =",
      "auth_type = any",
      `pool_mode = ${poolMode}`,
      "max_client_conn = 200",
      "default_pool_size = 20",
      "",
    ].join("\n"),
  );
  await chmod(ini, 0o644);
  // PgBouncer refuses to run as root.
  const asRoot = userInfo().uid === 0 ? ["-u", "postgres"] : [];
  const child = spawn(PGBOUNCER, [...asRoot, ini], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await waitForListening(child, () => output);
  return {
    url: (url) => {
      const parsed = new URL(url);
      parsed.hostname = "127.0.0.1";
      parsed.port = String(port);
      return parsed.toString();
    },
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once("exit", done));
        child.kill("SIGINT");
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Resolves once PgBouncer says it listens; rejects with its output when it exits first or within 10 s. */
function waitForListening(child: ChildProcess, output: () => string): Promise<void> {
  return new Promise((done, fail) => {
    const started = Date.now();
    const poll = setInterval(() => {
      if (/listening on/i.test(output())) {
        clearInterval(poll);
        done();
      } else if (child.exitCode !== null || Date.now() - started > 10_000) {
        clearInterval(poll);
        child.kill("SIGKILL");
        fail(new Error(`pgbouncer did not start:\n${output()}`));
      }
    }, 25);
  });
}
