/**
 * Hostile and odd input, as a new user's repository or an attacker's pull
 * request provides it: an alias bomb and YAML nested too deep are exit 2 at
 * their file:line:col in every command (never a crash that looks like a
 * verdict); a symbolic link loop is skipped the same way by both engines
 * and reported; binary, Latin-1 and 15 MB `.ts` files are analysed without
 * complaint.
 */
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Violation } from "../../../tools/checker/result.js";
import { runDocsCli } from "../../../tools/docs/cli.js";
import { check, cli, fixtureRepo, located, runBin } from "./fixture.js";

const CONTRACT = "contracts/drivers/ledger.contract.yaml";

/** Runs spine-docs in-process. */
function docs(argv: readonly string[]): { code: number; stdout: string; stderr: string } {
  let stdout = "";
  let stderr = "";
  const code = runDocsCli(argv, { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) });
  return { code, stdout, stderr };
}

describe.each([
  ["hostile-alias-bomb", `${CONTRACT}:49:47: YAML aliases expand to more than 100000 nodes (the limit): an alias bomb?`],
  ["hostile-yaml-depth", `${CONTRACT}:44:81: YAML nested deeper than 64 levels (the limit)`],
])("a contract holding %s", (fixture, problem) => {
  const expected = { code: 2, stdout: "", stderr: `spine-check: configuration error\n${problem}\n` };

  it.each([["ts-morph"], ["depcruise"], ["all"]])("is exit 2 at its position with --engine %s", async (engine) => {
    expect(await cli(["--root", fixtureRepo(fixture), "--engine", engine])).toEqual(expected);
  });

  it("is exit 2 at its position with --update, which leaves the contract alone", async () => {
    expect(await cli(["--root", fixtureRepo(fixture), "--update"])).toEqual(expected);
  });

  it("is exit 2 at its position for spine-docs and spine-docs --check", () => {
    const root = fixtureRepo(fixture);
    const docsExpected = { code: 2, stdout: "", stderr: `spine-docs: configuration error\n${problem}\n` };
    expect(docs(["--root", root])).toEqual(docsExpected);
    expect(docs(["--root", root, "--check"])).toEqual(docsExpected);
  });
});

describe("the alias bomb through the real bin", () => {
  it("is exit 2 with the reason and no stack trace, quickly", async () => {
    const started = performance.now();
    const run = await runBin("spine-check", ["--root", fixtureRepo("hostile-alias-bomb"), "--no-cache"]);
    expect(run).toEqual({
      code: 2,
      stdout: "",
      stderr: `spine-check: configuration error\n${CONTRACT}:49:47: YAML aliases expand to more than 100000 nodes (the limit): an alias bomb?\n`,
    });
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});

describe("a contract over limits.contract_bytes (1 MiB by default)", () => {
  it("is exit 2 naming the file and the limit", async () => {
    const root = fixtureRepo("base", { standalone: true });
    writeFileSync(join(root, CONTRACT), `# ${"x".repeat(1024 * 1024)}\n`, { flag: "a" });
    expect(await cli(["--root", root])).toEqual({
      code: 2,
      stdout: "",
      stderr: `spine-check: configuration error\n${CONTRACT}: cannot be read: 1049666 bytes, larger than limits.contract_bytes (1048576)\n`,
    });
  });
});

describe("a symbolic link loop (weird/loop -> ..)", () => {
  const warning = {
    file: "weird/loop",
    message: 'symbolic link to ".." not followed: it leads back to the root, a folder above it (a loop). neither engine follows symbolic links; list it in scan.exclude to silence this',
  };

  function loopRepo(name: string): string {
    const root = fixtureRepo(name);
    mkdirSync(join(root, "weird"));
    symlinkSync("..", join(root, "weird/loop"));
    return root;
  }

  it.each([["ts-morph"], ["depcruise"], ["all"]])("is skipped and reported as a warning by --engine %s; the verdict is the same", async (engine) => {
    const clean = await cli(["--root", loopRepo("base"), "--engine", engine, "--format", "json"]);
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.stdout)).toMatchObject({ violations: [], warnings: [warning], stats: { files: 6, contracts: 1 } });

    const violating = await check(loopRepo("inbound-import"), ["--engine", engine]);
    expect(violating.code).toBe(1);
    expect(violating.located).toEqual(["inbound-boundary api/refund.ts:1:1", "inbound-boundary lib/report.ts:1:1"]);
  });

  it("is reported in every format", async () => {
    const root = loopRepo("base");
    const human = await cli(["--root", root]);
    expect(human.stdout).toMatch(new RegExp(`^warning: weird/loop: symbolic link to "\\.\\." not followed: .*\nboundaries ok, 1 warning: 6 files, 1 contracts, \\d+ ms \\(ts-morph\\)\n$`));
    const github = await cli(["--root", root, "--format", "github"]);
    expect(github.stdout).toContain("::warning file=weird/loop,title=spine-check::symbolic link to");
    const sarif = JSON.parse((await cli(["--root", root, "--format", "sarif"])).stdout) as { runs: { invocations?: unknown[]; results: unknown[] }[] };
    expect(JSON.stringify(sarif)).toContain("weird/loop");
  });
});

describe("a source file nested too deeply for the parsers, imported by the driver", () => {
  function deepRepo(): string {
    const root = fixtureRepo("inbound-import");
    const depth = 100_000;
    writeFileSync(join(root, "spine/db/index.ts"), `\nexport const deep = ${"(".repeat(depth)}1${")".repeat(depth)};\n`, { flag: "a" });
    return root;
  }

  it.each([
    ["ts-morph", "nested too deeply for the TypeScript parser (it ran out of stack): scanned for imports without a syntax tree"],
    ["depcruise", "not analysed by dependency-cruiser: nested too deeply for its parser (it ran out of stack)"],
  ])("--engine %s leaves it out with a warning and still finds the forbidden imports of the driver", async (engine, warning) => {
    const run = await cli(["--root", deepRepo(), "--engine", engine, "--format", "json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { violations: Violation[]; warnings: { file: string; message: string }[] };
    expect(report.violations.map(located)).toEqual(["inbound-boundary api/refund.ts:1:1", "inbound-boundary lib/report.ts:1:1"]);
    expect(report.warnings.filter((w) => w.file === "spine/db/index.ts").map((w) => w.message)).toEqual([expect.stringContaining(warning)]);
  });
});

describe("binary, Latin-1 and 15 MB .ts files", () => {
  /** The base with a binary file, a Latin-1 one and a 15 MB generated one in api/, the last two importing the driver. */
  function oddRepo(): string {
    const root = fixtureRepo("base", { standalone: true });
    let state = 15;
    const bytes = Buffer.alloc(4096, 0).map(() => {
      state = (state * 1103515245 + 12345) & 0x7fffffff;
      return state >> 16;
    });
    writeFileSync(join(root, "api/binary.ts"), bytes);
    writeFileSync(join(root, "api/latin1.ts"), Buffer.from('// Caf\u00e9 na\u00efve \u00a9\nimport { post } from "../spine/drivers/ledger.js";\nexport const menu = { post, dish: "cr\u00e8me br\u00fbl\u00e9e" };\n', "latin1"));
    const rows: string[] = ['import { MAX_CENTS } from "../spine/drivers/ledger.js";', "export const LIMIT = MAX_CENTS;", "export const TABLE: readonly (readonly [number, string])[] = ["];
    for (let i = 0, size = 0; size < 15 * 1024 * 1024; i++) {
      const row = `  [${i}, "row-${String(i).padStart(8, "0")}-abcdefghijklmnopqrstuvwxyz"],`;
      rows.push(row);
      size += row.length + 1;
    }
    writeFileSync(join(root, "api/generated.ts"), `${rows.join("\n")}\n];\n`);
    return root;
  }

  it.each([["ts-morph"], ["depcruise"]])("are analysed by --engine %s without a warning: their imports are found", async (engine) => {
    const run = await cli(["--root", oddRepo(), "--engine", engine, "--format", "json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { violations: Violation[]; warnings: unknown[]; stats: { files: number } };
    expect(report.violations.map(located)).toEqual(["inbound-boundary api/generated.ts:1:1", "inbound-boundary api/latin1.ts:2:1"]);
    expect(report.warnings).toEqual([]);
    expect(report.stats.files).toBe(9);
  });
});
