/**
 * A test run leaves nothing in the temporary folder: a run of vitest with the
 * repository's configuration (test/fixtures/run-temp, whose one test leaves a
 * folder and a file in `tmpdir()`) is started in a child process with a
 * temporary folder of its own (TMPDIR), and that folder must be empty once the
 * run passed, failed, or was interrupted with Ctrl-C (SIGINT to the whole
 * process group); a run killed with SIGKILL leaves its folder, which the next
 * run deletes.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { RUN_TEMP_PREFIX } from "./run-temp.mjs";

const repository = resolve(import.meta.dirname, "../..");
const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder to be a child run's TMPDIR. */
function childTemp(): string {
  const dir = mkdtempSync(join(tmpdir(), "run-temp-test-"));
  scratch.push(dir);
  return dir;
}

/** How a child run ended. */
interface Ended {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly output: string;
}

/**
 * Runs the fixture's vitest run with TMPDIR `temp`; with `signal`, sends it
 * to the run's process group once the test is running.
 */
function runFixture(mode: "pass" | "fail" | "wait", temp: string, signal?: NodeJS.Signals): Promise<Ended> {
  const out = join(mkdtempSync(join(tmpdir(), "run-temp-out-")), "started.json");
  scratch.push(resolve(out, ".."));
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: temp, SPINE_RUN_TEMP_MODE: mode, SPINE_RUN_TEMP_OUT: out };
  delete env["SPINE_TEST_SYSTEM_TMPDIR"];
  delete env["DATABASE_URL"];
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ["test/support/vitest.mjs", "run", "--config", "test/fixtures/run-temp/vitest.config.ts"], {
      cwd: repository,
      env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const poll =
      signal === undefined
        ? undefined
        : setInterval(() => {
            if (!existsSync(out)) return;
            clearInterval(poll);
            process.kill(-(child.pid ?? 0), signal);
          }, 50);
    child.on("error", fail);
    child.on("close", (code, closedBy) => {
      if (poll !== undefined) clearInterval(poll);
      done({ code, signal: closedBy, output });
    });
  });
}

describe("a test run leaves nothing in the temporary folder", () => {
  it("when its tests pass, fail, or it is interrupted with Ctrl-C", async () => {
    const [passed, failed, interrupted] = await Promise.all([
      (async () => ({ temp: childTemp() }))().then(async ({ temp }) => ({ temp, ended: await runFixture("pass", temp) })),
      (async () => ({ temp: childTemp() }))().then(async ({ temp }) => ({ temp, ended: await runFixture("fail", temp) })),
      (async () => ({ temp: childTemp() }))().then(async ({ temp }) => ({ temp, ended: await runFixture("wait", temp, "SIGINT") })),
    ]);
    expect({ code: passed?.ended.code, left: readdirSync(passed?.temp ?? "") }, passed?.ended.output).toEqual({ code: 0, left: [] });
    expect({ code: failed?.ended.code, left: readdirSync(failed?.temp ?? "") }, failed?.ended.output).toEqual({ code: 1, left: [] });
    expect(interrupted?.ended.code === 0, interrupted?.ended.output).toBe(false);
    expect(readdirSync(interrupted?.temp ?? ""), interrupted?.ended.output).toEqual([]);
  }, 60_000);

  it("and a run killed with SIGKILL leaves its folder, which the next run deletes", async () => {
    const temp = childTemp();
    const killed = await runFixture("wait", temp, "SIGKILL");
    expect(killed.signal).toBe("SIGKILL");
    const left = readdirSync(temp);
    expect(left).toHaveLength(1);
    expect(left[0]?.startsWith(RUN_TEMP_PREFIX)).toBe(true);
    const next = await runFixture("pass", temp);
    expect({ code: next.code, left: readdirSync(temp) }, next.output).toEqual({ code: 0, left: [] });
  }, 60_000);
});
