import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_TYPESCRIPT_MAJOR } from "../../../tools/checker/guards.js";
import { check, checkCase, cli, fixtureRepo } from "./fixture.js";

describe("contract-coverage", () => {
  it("a file under a covered folder without a contract; files outside the covered folders need none", async () => {
    const run = await checkCase("coverage-uncontracted");
    expect(run.code).toBe(1);
    expect(run.located).toEqual(["contract-coverage spine/drivers/audit-log.ts:1:1"]);
    expect(run.violations[0]).toMatchObject({
      message: "spine/drivers/audit-log.ts is in a covered folder (spine/drivers/**) but has no contract",
      contract: "contracts/project.yaml",
      fix: "Write contracts/drivers/audit-log.contract.yaml with `spine-check contract spine/drivers/audit-log.ts`.",
    });
  });

  it("following the fix: a new contract with empty exports is filled by --update", async () => {
    const root = fixtureRepo("coverage-new-contract");
    const before = await check(root);
    expect(before.code).toBe(1);
    expect(before.located).toEqual(["export-drift spine/drivers/audit-log.ts:2:1"]);
    const update = await cli(["--root", root, "--update"]);
    expect(update.code).toBe(0);
    expect(update.stdout).toMatch(/^updated contracts\/drivers\/audit-log\.contract\.yaml\n/);
    expect(await check(root)).toMatchObject({ code: 0, located: [] });
  });

  it("a contract naming a file that does not exist, at placement.file", async () => {
    const run = await checkCase("coverage-missing-file");
    expect(run.code).toBe(1);
    expect(run.located).toEqual(["contract-coverage contracts/drivers/ghost.contract.yaml:4:9"]);
    expect(run.violations[0]?.message).toBe("the contract names spine/drivers/ghost.ts, which does not exist");
  });
});

describe("refusing to pass when nothing was checked", () => {
  for (const engine of ["ts-morph", "depcruise"]) {
    it(`neither a layer rule nor a contract: exit 2 (${engine})`, async () => {
      const run = await cli(["--root", fixtureRepo("no-contracts", { standalone: true }), "--engine", engine]);
      expect(run).toEqual({
        code: 2,
        stdout: "",
        stderr:
          "spine-check: configuration error\nrefusing to pass: nothing to check: contracts/project.yaml has no layer rule and contracts/ has no contract. Add a layer rule to contracts/project.yaml, or write a module's contract with `spine-check contract FILE`.\n",
      });
    });
  }

  it("zero source files: exit 2 (ts-morph)", async () => {
    const run = await cli(["--root", fixtureRepo("no-files", { standalone: true })]);
    expect(run).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "spine-check: configuration error\nrefusing to pass: zero source files analysed. Check scan.include and scan.exclude in contracts/project.yaml, and --root.\n",
    });
  });

  it("zero source files: exit 2 (depcruise and both engines), with the same message", async () => {
    for (const engine of ["depcruise", "all"]) {
      const run = await cli(["--root", fixtureRepo("no-files", { standalone: true }), "--engine", engine]);
      expect(run).toEqual({
        code: 2,
        stdout: "",
        stderr:
          "spine-check: configuration error\nrefusing to pass: zero source files analysed. Check scan.include and scan.exclude in contracts/project.yaml, and --root.\n",
      });
    }
  });

  for (const engine of ["ts-morph", "depcruise"]) {
    it(`TypeScript 7 installed in the repository: refused with exit 2 (${engine})`, async () => {
      const root = fixtureRepo("inbound-import");
      mkdirSync(join(root, "node_modules/typescript"), { recursive: true });
      writeFileSync(join(root, "node_modules/typescript/package.json"), JSON.stringify({ name: "typescript", version: "7.0.0-dev.20260101.1" }));
      const run = await cli(["--root", root, "--engine", engine]);
      expect(run).toEqual({
        code: 2,
        stdout: "",
        stderr: `spine-check: configuration error\nthe installed typescript package is 7.0.0-dev.20260101.1; the checker supports TypeScript ${MAX_TYPESCRIPT_MAJOR} and older (TypeScript 7 makes dependency-cruiser analyse nothing and pass). Install typescript@~6.\n`,
      });
    });
  }

  it("TypeScript 6 installed in the repository is accepted", async () => {
    const root = fixtureRepo("inbound-import");
    mkdirSync(join(root, "node_modules/typescript"), { recursive: true });
    writeFileSync(join(root, "node_modules/typescript/package.json"), JSON.stringify({ name: "typescript", version: "6.0.3" }));
    const run = await check(root);
    expect(run.code).toBe(1);
    expect(run.located).toEqual(["inbound-boundary api/refund.ts:1:1", "inbound-boundary lib/report.ts:1:1"]);
  });
});
