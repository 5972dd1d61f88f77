import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { openDevDatabase, startEmbeddedDatabase } from "../../dev/database.js";

const exec = promisify(execFile);
const repository = resolve(import.meta.dirname, "../..");

async function connectError(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.end();
    return "connected";
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

describe("the development database", () => {
  it("starts an embedded server, and stop() shuts it down and deletes its data folder", async () => {
    const server = await startEmbeddedDatabase();
    expect(server.kind).toBe("embedded");
    expect(await connectError(server.adminUrl)).toBe("connected");
    const processes = await exec("ps", ["-eo", "args"]);
    const dataDir = /-D (\S*spine-pg-\S+) -p (\d+)/.exec(processes.stdout.split("\n").find((line) => line.includes(`-p ${new URL(server.adminUrl).port}`)) ?? "")?.[1];
    expect(dataDir).toMatch(/spine-pg-/);
    await server.stop();
    await server.stop();
    expect(await connectError(server.adminUrl)).toBe("ECONNREFUSED");
    expect(existsSync(dataDir ?? "")).toBe(false);
  });

  it("uses DATABASE_URL as is when it is set", async () => {
    const server = await openDevDatabase({ DATABASE_URL: "postgres://u:p@db.invalid:5432/app" });
    expect(server).toMatchObject({ kind: "external", adminUrl: "postgres://u:p@db.invalid:5432/app" });
    await server.stop();
  });

  it("stops the embedded server when a test fails", async () => {
    const scratch = await mkdtemp(join(tmpdir(), "spine-failing-"));
    const out = join(scratch, "url");
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, SPINE_FAILING_SUITE_OUT: out };
      delete env["DATABASE_URL"];
      const exitCode = await exec(process.execPath, ["node_modules/vitest/vitest.mjs", "run", "--config", "test/fixtures/failing-suite/vitest.config.ts"], { cwd: repository, env, timeout: 60_000 }).then(
        () => 0,
        (error: { code?: number }) => error.code ?? -1,
      );
      expect(exitCode).toBe(1);
      const url = await readFile(out, "utf8");
      expect(url).toMatch(/^postgres:\/\/postgres:spine@127\.0\.0\.1:\d+\/postgres$/);
      expect(await connectError(url)).toBe("ECONNREFUSED");
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });
});
