/**
 * The two engines agree, and `--engine all` prints one report: each case
 * runs with each engine, and every violation is reported with the engines
 * that found it, at its import (the report `--engine all` prints, merged in
 * this process; all-engines.slow.test.ts proves a real run prints the same,
 * and the SARIF and GitHub tests here run it).
 */
import { describe, expect, it } from "vitest";
import { checkAllEngines, cli, fixtureRepo, withEngines } from "../fixture.js";

/** Runs each engine on a fixture case; returns the `--engine all` report. */
function allEngines(name: string): ReturnType<typeof checkAllEngines> {
  return checkAllEngines(fixtureRepo(name));
}

describe("both engines, one report", () => {
  it("an unresolvable relative specifier and a mistyped alias fail both engines", async () => {
    const run = await allEngines("unresolvable-import");
    expect(run.code).toBe(1);
    expect(run.violations.map(withEngines)).toEqual([
      "unresolvable-import api/broken.ts:3:1 [ts-morph, depcruise]",
      "unresolvable-import api/broken.ts:4:1 [ts-morph, depcruise]",
    ]);
    expect(run.violations.map((v) => v.message)).toEqual([
      'api/broken.ts: "../spine/missing-file" (import) leads to no file',
      'api/broken.ts: "@drivers/legder" (import) leads to no file',
    ]);
  });

  it("a cycle and an unresolvable import: each dependency once, with line and column, in SARIF too", async () => {
    const run = await allEngines("circular-and-unresolvable");
    expect(run.violations.map(withEngines)).toEqual([
      "unresolvable-import api/broken.ts:2:1 [ts-morph, depcruise]",
      "no-circular spine/services/discounts.ts:1:1 [ts-morph, depcruise]",
      "no-circular spine/services/pricing.ts:2:1 [ts-morph, depcruise]",
    ]);
    expect(run.violations[2]?.message).toBe(
      "spine/services/pricing.ts depends on spine/services/discounts.ts, which leads back to it: spine/services/pricing.ts -> spine/services/discounts.ts -> spine/services/pricing.ts",
    );
    const sarif = await cli(["--root", fixtureRepo("circular-and-unresolvable"), "--engine", "all", "--format", "sarif"]);
    expect(sarif.code).toBe(1);
    expect(sarif.stderr).toBe("");
    const log = JSON.parse(sarif.stdout) as {
      runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[]; properties: { engines: string[] } }[] }[];
    };
    expect(
      log.runs[0]?.results.map((r) => {
        const location = r.locations[0]?.physicalLocation;
        return `${r.ruleId} ${location?.artifactLocation.uri}:${location?.region.startLine}:${location?.region.startColumn} [${r.properties.engines.join(", ")}]`;
      }),
    ).toEqual(run.violations.map(withEngines));
  });

  it("--engine all --format github and json are one document on stdout", async () => {
    const root = fixtureRepo("circular-and-unresolvable");
    const github = await cli(["--root", root, "--engine", "all", "--format", "github"]);
    expect(github.stderr).toBe("");
    expect(github.stdout.split("\n").filter((line) => line !== "").map((line) => line.split("::")[1])).toEqual([
      "error file=api/broken.ts,line=2,col=1,title=unresolvable-import",
      "error file=spine/services/discounts.ts,line=1,col=1,title=no-circular",
      "error file=spine/services/pricing.ts,line=2,col=1,title=no-circular",
    ]);
    const json = await cli(["--root", root, "--engine", "all", "--format", "json"]);
    expect(JSON.parse(json.stdout)).toMatchObject({ engines: ["ts-morph", "depcruise"], stats: { files: 9, contracts: 1 } });
  });

  it("a forbidden import of a file outside the scan, and of package.json, fails both engines", async () => {
    const run = await allEngines("scope-outside-scan");
    expect(run.violations.map(withEngines)).toEqual([
      "layer-boundary spine/services/audited.ts:2:1 [ts-morph, depcruise]",
      "layer-boundary spine/services/version.ts:2:1 [ts-morph, depcruise]",
    ]);
    expect(run.violations.map((v) => v.target)).toEqual(["tools/audit.ts", "package.json"]);
  });

  it("asset imports are dependencies: a layer rule forbids them in both engines; an allowed folder may use them", async () => {
    const run = await allEngines("asset-imports");
    expect(run.violations.map(withEngines)).toEqual([
      "layer-boundary spine/services/branding.ts:2:1 [ts-morph, depcruise]",
      "layer-boundary spine/services/branding.ts:3:1 [ts-morph, depcruise]",
      "layer-boundary spine/services/branding.ts:4:1 [ts-morph, depcruise]",
    ]);
    expect(run.violations.map((v) => v.target)).toEqual(["assets/logo.svg", "assets/theme.css", "assets/palette.json"]);
  });

  it("a solution-style tsconfig: the alias of its referenced project resolves in both engines", async () => {
    const run = await allEngines("tsconfig-solution");
    expect(run.violations.map(withEngines)).toEqual(["inbound-boundary api/alias.ts:2:1 [ts-morph, depcruise]"]);
    expect(run.violations[0]?.message).toBe('api/alias.ts may not depend on spine/drivers/ledger.ts (import "@drivers/ledger.js"): it matches forbidden_inbound');
  });

  it("a tsconfig that does not exist is a configuration error at its line in project.yaml, for every engine", async () => {
    const root = fixtureRepo("tsconfig-missing");
    for (const engine of ["ts-morph", "depcruise", "all"]) {
      expect(await cli(["--root", root, "--engine", engine])).toEqual({
        code: 2,
        stdout: "",
        stderr:
          'spine-check: configuration error\ncontracts/project.yaml:2:11: tsconfig "tsconfig.app.json" does not exist (the path is relative to the repository root)\n',
      });
    }
  });

  it("createRequire under another name: what only the ts-morph engine follows is reported by it alone", async () => {
    const run = await allEngines("inbound-create-require");
    expect(run.violations.map(withEngines)).toEqual([
      "inbound-boundary api/interop.ts:9:3 [ts-morph, depcruise]",
      "inbound-boundary api/interop.ts:10:3 [ts-morph, depcruise]",
      "inbound-boundary api/interop.ts:11:3 [ts-morph, depcruise]",
      "inbound-boundary api/loader.ts:6:32 [ts-morph]",
      "inbound-boundary api/renamed.ts:4:32 [ts-morph]",
    ]);
  });

  it("barrels: the engines report what each can see (laundering is the ts-morph engine's)", async () => {
    const run = await allEngines("reexport-star-barrel");
    expect(run.violations.map(withEngines)).toEqual(["reexport-laundering api/jobs.ts:2:1 [ts-morph]", "reexport-laundering api/pay.ts:2:1 [ts-morph]"]);
    expect(run.violations.map((v) => v.contract)).toEqual(["contracts/drivers/queue.contract.yaml", "contracts/drivers/ledger.contract.yaml"]);
  });
});
