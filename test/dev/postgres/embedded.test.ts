/**
 * Starting the embedded server where the first run used to crash (root's
 * checkout in a folder only root may enter), and the messages of a start
 * that fails: each names the cause and DATABASE_URL.
 */
import { execFile } from "node:child_process";
import { cpSync, readFileSync, readlinkSync, statSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir, userInfo } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DevDatabaseError } from "../../../dev/database.js";
import { BINARIES_CACHE_FOLDER, binariesIn, cannotRun, installedBinaries } from "../../../dev/postgres/binaries.js";
import { SERVER_FOLDER_PREFIX, startEmbeddedServer, type EmbeddedServer } from "../../../dev/postgres/embedded.js";
import { serverUser } from "../../../dev/postgres/server-user.js";

const exec = promisify(execFile);
const isRoot = process.getuid?.() === 0;

const scratch: string[] = [];
const servers: EmbeddedServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
});
afterAll(async () => {
  for (const dir of scratch.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A fresh folder with `mode`, deleted after the file's tests. */
async function folder(mode: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "spine-embedded-test-"));
  await chmod(dir, mode);
  scratch.push(dir);
  return dir;
}

/** Starts a server that the file's hooks stop. */
async function start(options: Parameters<typeof startEmbeddedServer>[0]): Promise<EmbeddedServer> {
  const server = await startEmbeddedServer(options);
  servers.push(server);
  return server;
}

/** The error `work` rejects with. */
async function failure(work: () => Promise<unknown>): Promise<Error> {
  const error = await work().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DevDatabaseError);
  return error as Error;
}

/**
 * A folder of stand-in binaries: shell scripts named `initdb` and `postgres`
 * whose bodies are given, open to the server's user.
 */
async function fakeBinaries(scripts: { initdb: string; postgres: string }): Promise<string> {
  const root = await folder(0o755);
  await mkdir(join(root, "bin"), { mode: 0o755 });
  for (const [name, body] of Object.entries(scripts)) {
    await writeFile(join(root, "bin", name), `#!/bin/sh\ncase "$1" in --version) echo "${name} (PostgreSQL) 18"; exit 0;; esac\n${body}\n`, { mode: 0o755 });
  }
  return root;
}

/** Runs `work` with TMPDIR set to a fresh folder; returns that folder. */
async function withTmpdir(work: () => Promise<void>): Promise<string> {
  const tmp = await folder(0o711);
  const previous = process.env["TMPDIR"];
  process.env["TMPDIR"] = tmp;
  try {
    await work();
  } finally {
    if (previous === undefined) delete process.env["TMPDIR"];
    else process.env["TMPDIR"] = previous;
  }
  return tmp;
}

describe("a start that fails says why and names DATABASE_URL", () => {
  it("when the binaries do not exist", async () => {
    const error = await failure(() => startEmbeddedServer({ binaries: binariesIn("/nonexistent/spine") }));
    expect(error.message).toMatch(/^The embedded PostgreSQL server did not start: \/nonexistent\/spine\/bin\/initdb does not exist/);
    expect(error.message).toContain("set DATABASE_URL");
  });

  it("when initdb fails, with its output, and leaves no folder behind", async () => {
    const root = await fakeBinaries({ initdb: 'echo "initdb: error: the disk is on fire" >&2; exit 1', postgres: "exit 1" });
    let error: Error | undefined;
    const tmp = await withTmpdir(async () => {
      error = await failure(() => startEmbeddedServer({ binaries: binariesIn(root) }));
    });
    expect(error?.message).toMatch(/did not start: initdb exited with 1:\ninitdb: error: the disk is on fire\n/);
    expect(error?.message).toContain("set DATABASE_URL");
    expect((await readdir(tmp)).filter((name) => name.startsWith(SERVER_FOLDER_PREFIX))).toEqual([]);
  });

  it("keeps the password file readable by the server's user alone (0600 in a 0700 folder), and deletes it", async () => {
    const root = await fakeBinaries({
      initdb: `for arg; do case "$arg" in --pwfile=*) file="\${arg#--pwfile=}";; esac; done
stat -c '%a %U' "$file" "$(dirname "$file")" > "$(dirname "$0")/../modes"; exit 1`,
      postgres: "exit 1",
    });
    await writeFile(join(root, "modes"), "", { mode: 0o666 });
    await chmod(join(root, "modes"), 0o666);
    const tmp = await withTmpdir(async () => {
      await failure(() => startEmbeddedServer({ binaries: binariesIn(root) }));
    });
    const owner = (await serverUser())?.name ?? userInfo().username;
    expect(await readFile(join(root, "modes"), "utf8")).toBe(`600 ${owner}\n700 ${owner}\n`);
    expect(await readdir(tmp)).toEqual([]);
  });

  it("when the port is taken, after trying three ports, with the server's log", async () => {
    const root = await fakeBinaries({
      initdb: "exit 0",
      postgres: `echo "$4" >> "$(dirname "$0")/../ports"; echo 'FATAL:  could not bind IPv4 address "127.0.0.1": Address already in use' >&2; exit 1`,
    });
    await writeFile(join(root, "ports"), "", { mode: 0o666 });
    await chmod(join(root, "ports"), 0o666);
    const error = await failure(() => startEmbeddedServer({ binaries: binariesIn(root) }));
    expect(error.message).toMatch(/did not start: postgres exited with 1 before accepting connections:\nFATAL: {2}could not bind IPv4 address/);
    expect(error.message).toContain("set DATABASE_URL");
    const ports = (await readFile(join(root, "ports"), "utf8")).trim().split("\n");
    expect(ports).toHaveLength(3);
    expect(new Set(ports).size).toBe(3);
  });
});

describe.skipIf(!isRoot)("as root, from a checkout in a folder only root may enter (skipped unless root: only root runs the server as another user)", () => {
  let locked = "";
  let cacheParent = "";

  beforeAll(async () => {
    // A copy of the installed platform package, in a 0700 folder: as in `mkdir -m700 /tmp/p && git clone … /tmp/p/spine`.
    locked = await folder(0o700);
    cpSync(dirname(installedBinaries().root), join(locked, "pkg"), { recursive: true, verbatimSymlinks: true });
    cacheParent = await folder(0o755);
  });

  it("reproduces the crash's cause: the server's user cannot run the binaries there", async () => {
    const user = await serverUser();
    expect(user?.name).toBe("postgres");
    expect(cannotRun(binariesIn(join(locked, "pkg/native")), user)).toMatch(/initdb: spawnSync .* EACCES$/);
  });

  it("runs the server as postgres from a cached copy of the binaries, its folder owned by postgres, and reuses the copy", async () => {
    const user = await serverUser();
    const binaries = binariesIn(join(locked, "pkg/native"));
    const first = await start({ binaries, cacheParent });
    const copies = await readdir(join(cacheParent, BINARIES_CACHE_FOLDER));
    expect(copies).toHaveLength(1);
    const exe = readlinkSync(`/proc/${first.pid}/exe`);
    expect(exe).toBe(join(cacheParent, BINARIES_CACHE_FOLDER, copies[0] ?? "", "bin/postgres"));
    expect(readFileSync(`/proc/${first.pid}/status`, "utf8")).toMatch(new RegExp(`^Uid:\\s+${user?.uid}\\s`, "m"));
    const folderInfo = statSync(first.directory);
    expect({ uid: folderInfo.uid, mode: folderInfo.mode & 0o777 }).toEqual({ uid: user?.uid, mode: 0o700 });
    const client = new pg.Client({ connectionString: first.adminUrl });
    await client.connect();
    expect((await client.query<{ answer: number }>("select 42 as answer")).rows).toEqual([{ answer: 42 }]);
    await client.end();
    const inode = statSync(exe).ino;
    await first.stop();

    const second = await start({ binaries, cacheParent });
    expect(readlinkSync(`/proc/${second.pid}/exe`)).toBe(exe);
    expect(statSync(exe).ino).toBe(inode);
    expect(await readdir(join(cacheParent, BINARIES_CACHE_FOLDER))).toEqual(copies);
  });

  it("says why, and names TMPDIR and DATABASE_URL, when the copy cannot be reached either", async () => {
    const error = await failure(() => startEmbeddedServer({ binaries: binariesIn(join(locked, "pkg/native")), cacheParent: locked }));
    expect(error.message).toMatch(/the server runs as the user "postgres" \(PostgreSQL does not run as root\), who cannot run the binaries in .*EACCES.*nor their copy in .*EACCES/);
    expect(error.message).toContain("TMPDIR");
    expect(error.message).toContain("set DATABASE_URL");
  });
});

it("finds the installed binaries and their version", async () => {
  const { stdout } = await exec(installedBinaries().postgres, ["--version"]);
  expect(stdout).toMatch(/^postgres \(PostgreSQL\) 18\./);
});
