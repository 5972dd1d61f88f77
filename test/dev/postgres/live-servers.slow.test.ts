/**
 * Nothing is left behind: however a process that started an embedded server
 * ends (it stops the server, forgets it, calls process.exit(), throws, gets
 * Ctrl-C or SIGTERM, or is a test run whose test fails), the server process is
 * gone and its temporary folder too, and no password file exists anywhere in
 * the temporary folder. Each case runs in a child process with a temporary
 * folder (TMPDIR) of its own, so that its leftovers can be listed exactly.
 */
import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { connectError } from "../../support/connect.js";
import { isRunning } from "../../../dev/postgres/live-servers.js";

const exec = promisify(execFile);
const repository = resolve(import.meta.dirname, "../../..");

/** What the child printed about its server. */
interface Started {
  readonly adminUrl: string;
  readonly pid: number;
  readonly directory: string;
}

/** How a child ended. */
interface Ended {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

const scratch: string[] = [];
const servers: number[] = [];
afterEach(async () => {
  // When a case fails, its server may still run: stop it before deleting its folder.
  for (const pid of servers.splice(0)) {
    if (!isRunning(pid)) continue;
    process.kill(pid, "SIGINT");
    for (let waited = 0; isRunning(pid) && waited < 15_000; waited += 50) await new Promise((wake) => setTimeout(wake, 50));
  }
  for (const dir of scratch.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A fresh temporary folder for a child (open to the server's user when this runs as root). */
async function childTmpdir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "spine-leftovers-"));
  await chmod(dir, 0o711);
  scratch.push(dir);
  return dir;
}

function childEnv(tmp: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmp, SPINE_TEST_CACHE_PARENT: tmpdir() };
  delete env["DATABASE_URL"];
  return env;
}

/**
 * Runs test/support/embedded-server-child.ts in `mode`; once it has printed
 * its server, calls `afterStart` (to send a signal). Resolves when it ends.
 */
function runChild(mode: string, tmp: string, afterStart?: (pid: number) => void): Promise<{ started: Started | undefined; ended: Ended }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ["--import", "tsx", "test/support/embedded-server-child.ts", mode], {
      cwd: repository,
      env: childEnv(tmp),
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let started: Started | undefined;
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (started === undefined && stdout.includes("\n")) {
        started = JSON.parse(stdout.split("\n")[0] ?? "") as Started;
        servers.push(started.pid);
        afterStart?.(child.pid ?? 0);
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", fail);
    child.on("close", (code, signal) => done({ started, ended: { code, signal, stderr } }));
  });
}

/** The server folders and password files in `tmp`. */
async function leftovers(tmp: string): Promise<string[]> {
  return (await readdir(tmp)).filter((name) => /^spine-pg-|^pg-password-/.test(name));
}

/** Asserts that the child's server is gone and left nothing in its temporary folder. */
async function expectNothingLeft(started: Started | undefined, tmp: string): Promise<void> {
  expect(started?.directory.startsWith(`${tmp}/spine-pg-`)).toBe(true);
  const { adminUrl, pid, directory } = started as Started;
  expect(isRunning(pid)).toBe(false);
  expect(await connectError(adminUrl)).toBe("ECONNREFUSED");
  expect(existsSync(directory)).toBe(false);
  expect(await leftovers(tmp)).toEqual([]);
}

describe("an embedded server leaves nothing behind", () => {
  it("when the process stops it and exits", async () => {
    const tmp = await childTmpdir();
    const { started, ended } = await runChild("stop", tmp);
    expect(ended).toMatchObject({ code: 0, signal: null });
    await expectNothingLeft(started, tmp);
  });

  it("when the process exits without stopping it", async () => {
    const tmp = await childTmpdir();
    const { started, ended } = await runChild("forget", tmp);
    expect(ended).toMatchObject({ code: 0, signal: null });
    await expectNothingLeft(started, tmp);
  });

  it("when the process calls process.exit()", async () => {
    const tmp = await childTmpdir();
    const { started, ended } = await runChild("exit", tmp);
    expect(ended).toMatchObject({ code: 3, signal: null });
    await expectNothingLeft(started, tmp);
  });

  it("when the process dies of an uncaught error", async () => {
    const tmp = await childTmpdir();
    const { started, ended } = await runChild("throw", tmp);
    expect(ended).toMatchObject({ code: 1, signal: null });
    expect(ended.stderr).toContain("thrown on purpose after starting the server");
    await expectNothingLeft(started, tmp);
  });

  it("on Ctrl-C (SIGINT to the whole process group, the server included), and the process still dies of SIGINT", async () => {
    const tmp = await childTmpdir();
    const { started, ended } = await runChild("wait", tmp, (pid) => process.kill(-pid, "SIGINT"));
    expect(ended).toMatchObject({ code: null, signal: "SIGINT" });
    await expectNothingLeft(started, tmp);
  });

  it("on SIGTERM to the process alone, and the process still dies of SIGTERM", async () => {
    const tmp = await childTmpdir();
    const { started, ended } = await runChild("wait", tmp, (pid) => process.kill(pid, "SIGTERM"));
    expect(ended).toMatchObject({ code: null, signal: "SIGTERM" });
    await expectNothingLeft(started, tmp);
  });

  it("when a test of the run fails", async () => {
    const tmp = await childTmpdir();
    const out = join(tmp, "server.json");
    const env: NodeJS.ProcessEnv = { ...childEnv(tmp), SPINE_FAILING_SUITE_OUT: out };
    const exitCode = await exec(process.execPath, ["node_modules/vitest/vitest.mjs", "run", "--config", "test/fixtures/failing-suite/vitest.config.ts"], { cwd: repository, env, timeout: 60_000 }).then(
      () => 0,
      (error: { code?: number }) => error.code ?? -1,
    );
    expect(exitCode).toBe(1);
    const started = JSON.parse(await readFile(out, "utf8")) as { adminUrl: string; pid: number };
    servers.push(started.pid);
    expect(started.adminUrl).toMatch(/^postgres:\/\/postgres:[\w-]+@127\.0\.0\.1:\d+\/postgres$/);
    expect(isRunning(started.pid)).toBe(false);
    expect(await connectError(started.adminUrl)).toBe("ECONNREFUSED");
    expect(await leftovers(tmp)).toEqual([]);
  });
});
