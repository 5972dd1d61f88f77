/**
 * Packs both packages of this repository (spine-runtime from spine/,
 * spine-check from tools/), installs the tarballs into a new project and uses
 * them by name, as users do: the runtime's types in a strict consumer, its
 * code from `import` and from `require()` against a real database, the
 * spine-check and spine-docs bins and spine-check's ESLint plugin on other
 * repositories. Also measures the
 * runtime's production install. Each slow step logs what it does and how
 * long it took.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { measureProductionInstall, megabytes, TOOLING_PACKAGES } from "../../bench/install-size/measure.js";
import { useTestDatabase } from "../support/database.js";

const exec = promisify(execFile);
const repository = resolve(import.meta.dirname, "../..");
const database = useTestDatabase({ migrate: false });

/** Runs `work`, logging `what` before and its duration after: the slow steps of this file. */
async function step<T>(what: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  console.log(`package test: ${what} …`);
  const result = await work();
  console.log(`package test: ${what}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

const NPM_FLAGS = ["--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"];

/** What `npm pack --json` says about one tarball. */
interface Packed {
  readonly name: string;
  readonly filename: string;
  readonly files: readonly { path: string }[];
}

const ESM_CONSUMER = `
import { createDb, IdempotencyKeyInvalidError, migrate, type Run, type SubmitRunResult } from "spine-runtime";
import { claimRun, checkIdempotency, shouldReturnCached, submitRun } from "spine-runtime/driver";

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

const CJS_CONSUMER = `
const { createDb, migrate } = require("spine-runtime");
const { claimRun, submitRun } = require("spine-runtime/driver");

(async () => {
  const db = createDb(process.env.DATABASE_URL);
  try {
    await migrate(db);
    const first = await submitRun(db, { idempotencyKey: "cjs-key", tenantId: "t", agentId: null, payload: { a: 1 } });
    const claim = await claimRun(db, { idempotencyKey: "cjs-key", tenantId: "t", agentId: null });
    console.log(JSON.stringify({ decision: first.decision, created: claim.created, same: claim.run.id === first.run.id }));
  } finally {
    await db.destroy();
  }
})();
`;

describe("the packed packages", () => {
  let workspace = "";
  let consumer = "";
  let packed: Packed[] = [];
  let compiled = "";

  /** The tarball of the package `name`. */
  function tarball(name: string): string {
    const entry = packed.find((item) => item.name === name);
    if (entry === undefined) throw new Error(`npm pack did not pack ${name}`);
    return join(workspace, entry.filename);
  }

  beforeAll(async () => {
    workspace = await mkdtemp(join(tmpdir(), "spine-pack-"));
    const { stdout } = await step("building and packing spine-runtime and spine-check (npm pack -w spine -w tools)", () =>
      exec("npm", ["pack", "--workspace", "spine", "--workspace", "tools", "--pack-destination", workspace, "--json", "--loglevel=error"], {
        cwd: repository,
        timeout: 240_000,
      }),
    );
    packed = JSON.parse(stdout) as Packed[];
    consumer = join(workspace, "consumer");
    await mkdir(consumer);
    await writeFile(
      join(consumer, "package.json"),
      JSON.stringify({
        name: "consumer",
        private: true,
        type: "module",
        dependencies: { "spine-runtime": `file:${tarball("spine-runtime")}`, knex: "^3.3.0" },
        devDependencies: { "spine-check": `file:${tarball("spine-check")}`, "@types/node": "^20.19.0", eslint: "^10.15.0" },
      }),
    );
    await writeFile(
      join(consumer, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", strict: true, outDir: "out", types: ["node"], skipLibCheck: false }, include: ["main.ts"] }),
    );
    await writeFile(join(consumer, "main.ts"), ESM_CONSUMER);
    await writeFile(join(consumer, "main.cjs"), CJS_CONSUMER);
    await step("installing both tarballs and knex into a new project", () => exec("npm", ["install", ...NPM_FLAGS], { cwd: consumer, timeout: 240_000 }));
    // The consumer's own TypeScript: spine-check's peer dependency, which npm installs with it.
    compiled = await step("compiling the consumer with its tsc", () =>
      exec(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "."], { cwd: consumer, timeout: 120_000 }).then(
        () => "ok",
        (error: { stdout?: string }) => error.stdout ?? "tsc failed",
      ),
    );
  }, 600_000);

  afterAll(async () => {
    if (workspace !== "") await rm(workspace, { recursive: true, force: true });
  });

  it("ships dist with declarations, package.json, README.md and LICENSE: no sources, tests or maps", async () => {
    const license = await readFile(join(repository, "LICENSE"), "utf8");
    for (const name of ["spine-runtime", "spine-check"]) {
      const files = (packed.find((item) => item.name === name)?.files ?? []).map((file) => file.path);
      expect(files, name).toEqual(expect.arrayContaining(["LICENSE", "README.md", "package.json"]));
      expect(files.filter((path) => !/^dist\/.+\.(js|d\.ts)$/.test(path)).sort(), name).toEqual(["LICENSE", "README.md", "package.json"]);
      expect(await readFile(join(consumer, "node_modules", name, "LICENSE"), "utf8"), name).toBe(license);
      const manifest = JSON.parse(await readFile(join(consumer, "node_modules", name, "package.json"), "utf8")) as Record<string, unknown>;
      expect(manifest, name).toMatchObject({
        license: "MIT",
        repository: { type: "git", url: "git+https://github.com/spine-runtime/spine.git" },
        homepage: "https://github.com/spine-runtime/spine#readme",
        bugs: { url: "https://github.com/spine-runtime/spine/issues" },
      });
    }
    const runtime = (packed.find((item) => item.name === "spine-runtime")?.files ?? []).map((file) => file.path);
    expect(runtime).toEqual(expect.arrayContaining(["dist/drivers/idempotency.js", "dist/drivers/idempotency.d.ts", "dist/db/migrations/0001_create_runs.js"]));
  });

  it("has no source map whose sources are missing: every shipped map's sources resolve inside its package, or there are no maps", async () => {
    for (const name of ["spine-runtime", "spine-check"]) {
      const root = join(consumer, "node_modules", name);
      const unresolved: string[] = [];
      for (const path of (packed.find((item) => item.name === name)?.files ?? []).map((file) => file.path)) {
        const text = await readFile(join(root, path), "utf8");
        const mapUrl = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(text)?.[1];
        if (mapUrl !== undefined && !mapUrl.startsWith("data:")) {
          const mapPath = resolve(dirname(join(root, path)), mapUrl);
          if (!mapPath.startsWith(`${root}/`) || !existsSync(mapPath)) unresolved.push(`${path} -> ${mapUrl}`);
        }
        if (!path.endsWith(".map")) continue;
        const map = JSON.parse(text) as { sourceRoot?: string; sources: string[]; sourcesContent?: (string | null)[] };
        for (const source of map.sources) {
          const sourcePath = resolve(dirname(join(root, path)), map.sourceRoot ?? "", source);
          if (!sourcePath.startsWith(`${root}/`) || !existsSync(sourcePath)) unresolved.push(`${path}: ${source}`);
        }
      }
      expect(unresolved, name).toEqual([]);
    }
  });

  it("type-checks in a strict consumer project (skipLibCheck off)", () => {
    expect(compiled).toBe("ok");
  });

  it("runs by package name against a real database, from import", async () => {
    expect(compiled).toBe("ok");
    const { stdout } = await exec(process.execPath, ["out/main.js"], { cwd: consumer, env: { ...process.env, DATABASE_URL: database.url }, timeout: 60_000 });
    expect(JSON.parse(stdout.trim())).toEqual({ decision: "created", created: false, same: true, cached: true, invalid: "400" });
  });

  it(`runs by package name against a real database, from require() (Node ${process.version}: require of ES modules, 20.19 and later)`, async () => {
    const { stdout } = await exec(process.execPath, ["main.cjs"], { cwd: consumer, env: { ...process.env, DATABASE_URL: database.url }, timeout: 60_000 });
    expect(JSON.parse(stdout.trim())).toEqual({ decision: "created", created: false, same: true });
  });

  it("does not expose files outside its exports", async () => {
    const probe = "import('spine-runtime/dist/db/index.js').then(() => console.log('exposed'), (e) => console.log(e.code))";
    const { stdout } = await exec(process.execPath, ["--input-type=module", "-e", probe], { cwd: consumer });
    expect(stdout.trim()).toBe("ERR_PACKAGE_PATH_NOT_EXPORTED");
  });

  it("brings none of the tooling into a production install of the runtime", async () => {
    const project = join(workspace, "production");
    await mkdir(project);
    const { base, installed, added } = await step("installing the runtime with --omit=dev into a project with knex", () =>
      measureProductionInstall(tarball("spine-runtime"), project),
    );
    console.log(`package test: production install: ${installed.packages.length} packages, ${megabytes(installed.bytes)} MB (knex alone: ${base.packages.length}, ${megabytes(base.bytes)} MB)`);
    const names = added.map((entry) => entry.slice(0, entry.lastIndexOf("@")));
    expect(names).toEqual(expect.arrayContaining(["spine-runtime", "pg"]));
    expect(names.filter((name) => TOOLING_PACKAGES.includes(name))).toEqual([]);
  }, 300_000);

  it("installs the spine-check bin, which checks other repositories against their own contracts", async () => {
    const bin = join(consumer, "node_modules/.bin/spine-check");
    const fixtures = join(repository, "test/fixtures/checker");
    const clean = join(workspace, "clean-repo");
    const violating = join(workspace, "violating-repo");
    await cp(join(fixtures, "base"), clean, { recursive: true });
    await cp(join(fixtures, "base"), violating, { recursive: true });
    await cp(join(fixtures, "inbound-import"), violating, { recursive: true });

    const [passed, both, failed] = await Promise.all([
      exec(bin, ["--root", clean, "--no-cache"], { cwd: consumer, timeout: 60_000 }),
      exec(bin, ["--root", clean, "--no-cache", "--engine", "all"], { cwd: consumer, timeout: 60_000 }),
      exec(bin, ["--root", violating, "--no-cache", "--format", "json"], { cwd: consumer, timeout: 60_000 }).then(
        () => ({ code: 0, stdout: "" }),
        (error: { code?: number; stdout?: string }) => ({ code: error.code, stdout: error.stdout ?? "" }),
      ),
    ]);
    expect(passed.stdout).toMatch(/^boundaries ok: \d+ files, 1 contracts/);
    expect(both.stderr).toBe("");
    expect(both.stdout).toMatch(/^boundaries ok: \d+ files, 1 contracts, \d+ ms \(ts-morph \+ depcruise\)\n$/);
    expect(failed.code).toBe(1);
    const report = JSON.parse(failed.stdout) as { violations: { ruleId: string; file: string; line: number }[] };
    expect(report.violations.map((v) => `${v.ruleId} ${v.file}:${v.line}`)).toEqual([
      "inbound-boundary api/refund.ts:1",
      "inbound-boundary lib/report.ts:1",
    ]);
  }, 120_000);

  it("exports an ESLint plugin (spine-check/eslint) with which ESLint reports what the CLI reports, from a three-line eslint.config.mjs", async () => {
    const linted = join(consumer, "linted-repo");
    await cp(join(repository, "test/fixtures/checker/base"), linted, { recursive: true });
    await cp(join(repository, "test/fixtures/checker/inbound-import"), linted, { recursive: true });
    await writeFile(join(linted, "eslint.config.mjs"), 'import spine from "spine-check/eslint";\n\nexport default [spine.configs.standalone];\n');
    const run = await exec(join(consumer, "node_modules/.bin/eslint"), ["--format", "json", "."], { cwd: linted, timeout: 120_000 }).then(
      () => ({ code: 0, stdout: "" }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({ code: error.code, stdout: error.stdout ?? "", stderr: error.stderr ?? "" }),
    );
    expect(run.code, JSON.stringify(run)).toBe(1);
    const results = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string | null; line: number; column: number; message: string }[] }[];
    const located = results.flatMap((result) => result.messages.map((m) => `${m.ruleId} ${result.filePath.slice(linted.length + 1)}:${m.line}:${m.column}`));
    expect(located.sort()).toEqual(["spine-check/inbound-boundary api/refund.ts:1:1", "spine-check/inbound-boundary lib/report.ts:1:1"]);
    expect(results.length).toBeGreaterThanOrEqual(9);
  }, 120_000);

  it("installs the spine-docs bin, which writes another repository's pages as the docs tests expect", async () => {
    const bin = join(consumer, "node_modules/.bin/spine-docs");
    const ledger = join(workspace, "ledger-repo");
    await cp(join(repository, "test/fixtures/docs/ledger"), ledger, { recursive: true });
    const written = await exec(bin, ["--root", ledger], { cwd: consumer, timeout: 60_000 });
    expect(written.stdout).toMatch(/docs: 2 pages, 2 changed\n$/);
    const snapshots = join(repository, "test/tools/docs/__snapshots__/ledger");
    for (const page of ["docs/README.md", "docs/spine/drivers/ledger.md"]) {
      expect(await readFile(join(ledger, page), "utf8"), page).toBe(await readFile(join(snapshots, page), "utf8"));
    }
    const checked = await exec(bin, ["--root", ledger, "--check"], { cwd: consumer, timeout: 60_000 });
    expect(checked.stdout).toBe("docs up to date: 2 pages\n");
  }, 120_000);
});
