import { execFile } from "node:child_process";
import { appendFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { CONFIGURATION_SAVED_LINE, ENGINE_REPORT_OPTION, SHARE_CONFIGURATION_OPTION } from "../../../tools/checker/child-protocol.js";
import { runCli } from "../../../tools/checker/cli.js";
import { check, cli, fixtureRepo, REPOSITORY, tempDir } from "./fixture.js";

const exec = promisify(execFile);

/** Runs the `spine-check` bin in a child process, as `npm run check:boundaries` does. */
async function bin(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return exec(process.execPath, ["--import", "tsx", "tools/checker/bin.ts", ...args], { cwd: REPOSITORY }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

describe("command line", () => {
  it("--help prints the usage and exits 0", async () => {
    const run = await cli(["--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Usage: spine-check [command] [options]");
    expect(run.stdout).toContain("Exit codes: 0 clean, 1 violations, 2 usage, configuration or input error,\n3 internal error (a bug of spine-check).");
  });

  it.each([
    [["--bogus"], "spine-check: Unknown option '--bogus'"],
    [["stray"], "spine-check: Unexpected argument 'stray'"],
    [["--format", "xml"], 'spine-check: unknown --format "xml"; use human, json, github, sarif'],
    [["--engine", "eslint"], 'spine-check: unknown --engine "eslint"; use ts-morph, depcruise, all'],
    [["--share-configuration"], "spine-check: --share-configuration needs --engine-report"],
  ])("%j is a usage error: exit 2", async (argv, message) => {
    const run = await cli(argv);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.startsWith(message)).toBe(true);
    expect(run.stderr).toContain("Usage: spine-check [check] [options]");
  });

  it("--root naming no folder is a configuration error: exit 2", async () => {
    const missing = join(tempDir(), "missing");
    const run = await cli(["--root", missing]);
    expect(run).toEqual({ code: 2, stdout: "", stderr: `spine-check: configuration error\n--root: no such folder: ${missing}\n` });
  });

  it("never exits the process and writes to the given io only", async () => {
    const chunks: string[] = [];
    const code = await runCli(["--root", fixtureRepo("base", { standalone: true }), "--no-cache"], {
      stdout: (text) => chunks.push(`out:${text}`),
      stderr: (text) => chunks.push(`err:${text}`),
    });
    expect(code).toBe(0);
    expect(chunks).toHaveLength(1);
    expect(chunks[0]).toMatch(/^out:boundaries ok: 6 files, 1 contracts, \d+ ms \(ts-morph\)\n$/);
  });
});

describe("the spine-check bin in a child process", () => {
  it("exits 1 on violations, 0 on a clean repository and 2 on a malformed contract", async () => {
    const violating = await bin(["--root", fixtureRepo("inbound-import"), "--no-cache", "--format", "json"]);
    expect(violating.code).toBe(1);
    expect((JSON.parse(violating.stdout) as { violations: { ruleId: string; file: string }[] }).violations.map((v) => `${v.ruleId} ${v.file}`)).toEqual([
      "inbound-boundary api/refund.ts",
      "inbound-boundary lib/report.ts",
    ]);

    const clean = await bin(["--root", fixtureRepo("base", { standalone: true }), "--no-cache"]);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/^boundaries ok: 6 files, 1 contracts, \d+ ms \(ts-morph\)\n$/);

    const malformed = await bin(["--root", fixtureRepo("yaml-syntax")]);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr.split("\n")[1]).toBe('contracts/drivers/ledger.contract.yaml:6:39: invalid YAML: Missing closing "quote');
  });

  it("--engine all runs both engines and prints one report on stdout, each violation once with the engines that found it", async () => {
    const run = await bin(["--root", fixtureRepo("inbound-import"), "--engine", "all", "--no-cache"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/^api\/refund\.ts:1:1 {2}error {2}inbound-boundary /);
    expect(run.stdout.match(/found by: ts-morph, depcruise\n/g)).toHaveLength(2);
    expect(run.stdout).toMatch(/\n2 violations: 9 files, 1 contracts, \d+ ms \(ts-morph \+ depcruise\)\n$/);

    const clean = await bin(["--root", fixtureRepo("base", { standalone: true }), "--engine", "all", "--no-cache"]);
    expect(clean.code).toBe(0);
    expect(clean.stderr).toBe("");
    expect(clean.stdout).toMatch(/^boundaries ok: 6 files, 1 contracts, \d+ ms \(ts-morph \+ depcruise\)\n$/);
  });
});

describe("--engine all and its child engine", () => {
  it("a child asked to share its configuration saves it in the cache, says so on stderr, then prints its raw findings", async () => {
    const root = fixtureRepo("inbound-import");
    const run = await bin(["--root", root, "--engine", "ts-morph", ENGINE_REPORT_OPTION, SHARE_CONFIGURATION_OPTION]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`${CONFIGURATION_SAVED_LINE}\n`);
    expect(existsSync(join(root, "node_modules/.cache/spine-check/contracts.json"))).toBe(true);
    expect((JSON.parse(run.stdout) as { violations: unknown[] }).violations).toHaveLength(2);
  });

  it("reports the same with an empty cache (the child shares its configuration), a filled one and none", async () => {
    const root = fixtureRepo("inbound-import");
    const json = async (args: readonly string[]): Promise<unknown> => {
      const run = await bin(["--root", root, "--engine", "all", "--format", "json", ...args]);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe("");
      const { stats: _, ...rest } = JSON.parse(run.stdout) as { stats: unknown };
      return rest;
    };
    const uncached = await json(["--no-cache"]);
    expect(existsSync(join(root, "node_modules/.cache/spine-check/contracts.json"))).toBe(false);
    expect(await json([])).toEqual(uncached);
    expect(existsSync(join(root, "node_modules/.cache/spine-check/contracts.json"))).toBe(true);
    expect(await json([])).toEqual(uncached);
  });
});

describe("the cache", () => {
  it("gives the same result as --no-cache, and notices an edited file", async () => {
    const root = fixtureRepo("inbound-import");
    const run = async (): Promise<readonly string[]> => {
      let stdout = "";
      const code = await runCli(["--root", root, "--format", "json"], { stdout: (t) => (stdout += t), stderr: () => undefined });
      expect(code).toBe(1);
      return (JSON.parse(stdout) as { violations: { ruleId: string; file: string; line: number }[] }).violations.map(
        (v) => `${v.ruleId} ${v.file}:${v.line}`,
      );
    };
    const expected = ["inbound-boundary api/refund.ts:1", "inbound-boundary lib/report.ts:1"];
    expect(await run()).toEqual(expected);
    expect(existsSync(join(root, "node_modules/.cache/spine-check/graph.json"))).toBe(true);
    expect(await run()).toEqual(expected);

    appendFileSync(join(root, "spine/drivers/ledger.ts"), "\n/** Added after the first run. */\nexport const EXTRA = 1;\n");
    appendFileSync(join(root, "api/refund.ts"), '\nexport { MAX_CENTS } from "../spine/drivers/ledger.js";\n');
    expect(await run()).toEqual([
      "inbound-boundary api/refund.ts:1",
      "inbound-boundary api/refund.ts:6",
      "inbound-boundary lib/report.ts:1",
      "export-drift spine/drivers/ledger.ts:26",
    ]);
    expect((await check(root)).located).toEqual([
      "inbound-boundary api/refund.ts:1:1",
      "inbound-boundary api/refund.ts:6:1",
      "inbound-boundary lib/report.ts:1:1",
      "export-drift spine/drivers/ledger.ts:26:14",
    ]);
  });
});
