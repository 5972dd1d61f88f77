/**
 * Packs the package, installs the tarball into a fresh project and uses it by
 * name, types included: what users import is what this test runs.
 */
import { execFile } from "node:child_process";
import { cp, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/database.js";

const exec = promisify(execFile);
const repository = resolve(import.meta.dirname, "../..");
const database = useTestDatabase({ migrate: false });

const CONSUMER = `
import { createDb, migrate, type Run } from "spine/db";
import { claimRun, checkIdempotency, shouldReturnCached, IdempotencyKeyInvalidError } from "spine/drivers/idempotency";
import { submitRun, type SubmitRunResult } from "spine/orchestrator";

const db = createDb(process.env.DATABASE_URL ?? "");
try {
  await migrate(db);
  const first: SubmitRunResult = await submitRun(db, { idempotencyKey: "pkg-key", tenantId: "t", agentId: null, payload: { a: 1 } });
  const claim = await claimRun(db, { idempotencyKey: "pkg-key", tenantId: "t", agentId: null });
  const run: Run = claim.run;
  const result = await checkIdempotency(db, "pkg-key", "t", null);
  let invalid = "";
  try {
    await checkIdempotency(db, "", "t", null);
  } catch (error) {
    invalid = error instanceof IdempotencyKeyInvalidError ? String(error.status) : "wrong error";
  }
  console.log(JSON.stringify({ decision: first.decision, created: claim.created, same: run.id === result.runId, cached: shouldReturnCached(result), invalid }));
} finally {
  await db.destroy();
}
`;

describe("the packed package", () => {
  let workspace = "";
  let compiled = "";

  beforeAll(async () => {
    workspace = await mkdtemp(join(tmpdir(), "spine-pack-"));
    await exec("npm", ["pack", "--pack-destination", workspace], { cwd: repository, timeout: 120_000 });
    const tarball = (await readdir(workspace)).find((name) => name.endsWith(".tgz"));
    if (tarball === undefined) throw new Error("npm pack wrote no tarball");
    const consumer = join(workspace, "consumer");
    await exec("mkdir", ["-p", consumer]);
    await writeFile(join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module", dependencies: { spine: `file:../${tarball}` }, devDependencies: { "@types/node": "^20.19.0" } }));
    await writeFile(join(consumer, "tsconfig.json"), JSON.stringify({ compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", strict: true, outDir: "out", types: ["node"], skipLibCheck: false } }));
    await writeFile(join(consumer, "main.ts"), CONSUMER);
    await exec("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline"], { cwd: consumer, timeout: 120_000 });
    const tsc = join(repository, "node_modules/typescript/bin/tsc");
    compiled = await exec(process.execPath, [tsc, "-p", "."], { cwd: consumer, timeout: 120_000 }).then(
      () => "ok",
      (error: { stdout?: string }) => error.stdout ?? "tsc failed",
    );
  }, 240_000);

  afterAll(async () => {
    if (workspace !== "") await rm(workspace, { recursive: true, force: true });
  });

  it("ships only dist with declarations, and type-checks in a consumer project", async () => {
    const consumer = join(workspace, "consumer");
    const shipped = await readdir(join(consumer, "node_modules/spine/dist/spine/drivers"));
    expect(shipped).toEqual(expect.arrayContaining(["idempotency.js", "idempotency.d.ts"]));
    expect(compiled).toBe("ok");
  });

  it("runs by package name against a real database", async () => {
    expect(compiled).toBe("ok");
    const consumer = join(workspace, "consumer");
    const { stdout } = await exec(process.execPath, ["out/main.js"], { cwd: consumer, env: { ...process.env, DATABASE_URL: database.url }, timeout: 60_000 });
    expect(JSON.parse(stdout.trim())).toEqual({ decision: "created", created: false, same: true, cached: true, invalid: "400" });
  }, 60_000);

  it("installs the spine-check bin, which checks another repository against its own contracts", async () => {
    const consumer = join(workspace, "consumer");
    const bin = join(consumer, "node_modules/.bin/spine-check");
    const fixtures = join(repository, "test/fixtures/checker");
    const clean = join(workspace, "clean-repo");
    const violating = join(workspace, "violating-repo");
    await cp(join(fixtures, "base"), clean, { recursive: true });
    await cp(join(fixtures, "base"), violating, { recursive: true });
    await cp(join(fixtures, "inbound-import"), violating, { recursive: true });

    const passed = await exec(bin, ["--root", clean, "--no-cache"], { cwd: consumer, timeout: 60_000 });
    expect(passed.stdout).toMatch(/^boundaries ok: \d+ files, 1 contracts/);
    const both = await exec(bin, ["--root", clean, "--no-cache", "--engine", "all"], { cwd: consumer, timeout: 60_000 });
    expect(both.stderr).toBe("");
    expect(both.stdout).toMatch(/^boundaries ok: \d+ files, 1 contracts, \d+ ms \(ts-morph \+ depcruise\)\n$/);

    const failed = await exec(bin, ["--root", violating, "--no-cache", "--format", "json"], { cwd: consumer, timeout: 60_000 }).then(
      () => ({ code: 0, stdout: "" }),
      (error: { code?: number; stdout?: string }) => ({ code: error.code, stdout: error.stdout ?? "" }),
    );
    expect(failed.code).toBe(1);
    const report = JSON.parse(failed.stdout) as { violations: { ruleId: string; file: string; line: number }[] };
    expect(report.violations.map((v) => `${v.ruleId} ${v.file}:${v.line}`)).toEqual([
      "inbound-boundary api/refund.ts:1",
      "inbound-boundary lib/report.ts:1",
    ]);
  }, 120_000);

  it("does not expose files outside its exports", async () => {
    const consumer = join(workspace, "consumer");
    const probe = "import('spine/dist/spine/db/index.js').then(() => console.log('exposed'), (e) => console.log(e.code))";
    const { stdout } = await exec(process.execPath, ["--input-type=module", "-e", probe], { cwd: consumer });
    expect(stdout.trim()).toBe("ERR_PACKAGE_PATH_NOT_EXPORTED");
  });
});
