import { describe, expect, it } from "vitest";
import { cruiseRepository, depcruiseConfiguration } from "../../../../../tools/checker/engines/depcruise/run.js";
import { check, cli, fixtureRepo, REPOSITORY } from "../../fixture.js";

const INBOUND = "inbound-boundary-spine-drivers-ledger-ts";
const FORBIDDEN = "forbidden-inbound-spine-drivers-ledger-ts";

/** The violations dependency-cruiser finds in a fixture case, as `rule from -> to`. */
async function violations(name: string): Promise<string[]> {
  const cruised = await cruiseRepository(fixtureRepo(name));
  return cruised.summary.violations.map((v) => `${v.rule.name} ${v.from} -> ${v.to}`);
}

/** Both boundary rules broken by one file of api/. */
function forbiddenApi(file: string): string[] {
  return [`${FORBIDDEN} ${file} -> spine/drivers/ledger.ts`, `${INBOUND} ${file} -> spine/drivers/ledger.ts`];
}

describe("dependency-cruiser configuration built from the contracts", () => {
  it("has one rule per boundary and layer rule (and its package rules), plus no-circular and not-to-unresolvable", () => {
    const config = depcruiseConfiguration(fixtureRepo("base", { standalone: true }));
    expect(config.forbidden?.map((rule) => rule.name)).toEqual([
      INBOUND,
      FORBIDDEN,
      "layer-boundary-spine-never-imports-tools",
      "layer-boundary-spine-never-imports-tools-packages",
      "layer-boundary-spine-never-imports-tools-uninstalled-packages",
      "no-circular",
      "not-to-unresolvable",
    ]);
    expect(config.forbidden?.[0]).toMatchObject({
      from: { pathNot: ["^spine\\/orchestrator\\/.*$", "^spine\\/services\\/.*$", "^spine\\/drivers\\/ledger\\.ts$"] },
      to: { path: "^spine\\/drivers\\/ledger\\.ts$" },
    });
    expect(config.options?.tsPreCompilationDeps).toBe(true);
  });

  it("exempts type-only dependencies when type_imports is exempt", () => {
    const config = depcruiseConfiguration(fixtureRepo("inbound-type-exempt"));
    expect(config.options?.tsPreCompilationDeps).toBe(false);
    expect(config.forbidden?.[0]).toMatchObject({ to: { dependencyTypesNot: ["type-only"] } });
  });

  it("follows no file outside the scan (test/fixtures, non-source files) nor any package, but keeps every dependency on one (layer globs name packages' modules too)", () => {
    const options = depcruiseConfiguration(REPOSITORY).options;
    const doNotFollow = options?.doNotFollow;
    const sources = typeof doNotFollow === "object" && !Array.isArray(doNotFollow) ? [doNotFollow.path ?? []].flat() : [];
    const notFollowed = (path: string): boolean => sources.some((source) => new RegExp(source).test(path));
    expect(notFollowed("test/fixtures/checker/base/api/health.ts")).toBe(true);
    expect(notFollowed("test/fixtures/checker/inbound-require/api/legacy.cjs")).toBe(true);
    expect(notFollowed("package.json")).toBe(true);
    expect(notFollowed("docs/module-graph.svg")).toBe(true);
    expect(notFollowed("test/tools/checker/fixture.ts")).toBe(false);
    expect(notFollowed("tools/checker/cli.ts")).toBe(false);
    expect(options?.includeOnly).toBeUndefined();
    expect(notFollowed("node_modules/vitest/index.js")).toBe(true);
    expect(options?.exclude).toBeUndefined();
  });
});

describe("dependency-cruiser engine on the fixtures", () => {
  it("passes the base fixture", async () => {
    const run = await check(fixtureRepo("base", { standalone: true }), ["--engine", "depcruise"]);
    expect(run).toMatchObject({ code: 0, located: [], stderr: "" });
  });

  it.each([
    ["inbound-import-type", forbiddenApi("api/types.ts")],
    ["inbound-type-exempt", forbiddenApi("api/value.ts")],
    ["inbound-export-from", forbiddenApi("api/ledger.ts")],
    ["inbound-dynamic-import", forbiddenApi("api/lazy.ts")],
    ["inbound-require", forbiddenApi("api/legacy.cjs")],
    // dependency-cruiser sees require() and createRequire(…)(…), but not a createRequire result bound
    // to another name (api/loader.ts) nor a renamed createRequire (api/renamed.ts): only the ts-morph
    // engine follows those.
    ["inbound-create-require", forbiddenApi("api/interop.ts")],
    ["inbound-import-equals", forbiddenApi("api/legacy.cts")],
    ["inbound-paths-alias", forbiddenApi("api/alias.ts")],
    ["inbound-package-imports", forbiddenApi("api/hash.ts")],
    ["inbound-folder-index", ["inbound-boundary-spine-drivers-queue-index-ts api/jobs.ts -> spine/drivers/queue/index.ts"]],
    ["layer-boundary", ["layer-boundary-spine-never-imports-tools spine/services/audited.ts -> tools/audit.ts"]],
  ])("%s", async (name, expected) => {
    expect(await violations(name)).toEqual(expected);
  });

  it("inbound-import: forbidden and not-allowed importers", async () => {
    expect(await violations("inbound-import")).toEqual([...forbiddenApi("api/refund.ts"), `${INBOUND} lib/report.ts -> spine/drivers/ledger.ts`]);
  });

  it("exits 1 through the CLI and prints the violations on stdout, placed at their import, in the checker's words", async () => {
    const run = await cli(["--root", fixtureRepo("inbound-import"), "--engine", "depcruise"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(
      /^api\/refund\.ts:1:1 {2}error {2}inbound-boundary {2}api\/refund\.ts may not depend on spine\/drivers\/ledger\.ts \(import "\.\.\/spine\/drivers\/ledger\.js"\): it matches forbidden_inbound\n/,
    );
    expect(run.stdout).toContain('lib/report.ts:1:1  error  inbound-boundary  lib/report.ts may not depend on spine/drivers/ledger.ts (import "../spine/drivers/ledger"): it matches no allowed_inbound glob\n');
    expect(run.stdout).toMatch(/\n2 violations: 9 files, 1 contracts, \d+ ms \(depcruise\)\n$/);
  });

  it("prints GitHub annotations with --format github", async () => {
    const run = await cli(["--root", fixtureRepo("inbound-import"), "--engine", "depcruise", "--format", "github"]);
    expect(run.code).toBe(1);
    expect(run.stdout.split("\n").map((line) => line.split("::")[1])).toEqual([
      "error file=api/refund.ts,line=1,col=1,title=inbound-boundary",
      "error file=lib/report.ts,line=1,col=1,title=inbound-boundary",
      undefined,
    ]);
  });

  it("exits 0 through the CLI on a clean repository", async () => {
    const run = await cli(["--root", fixtureRepo("base", { standalone: true }), "--engine", "depcruise"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/^boundaries ok: 6 files, 1 contracts, \d+ ms \(depcruise\)\n$/);
  });
});
