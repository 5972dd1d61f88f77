import { describe, expect, it } from "vitest";
import { buildDepcruiseConfig } from "../../../tools/checker/depcruise/config.js";
import { cruiseRepository, runDepcruise } from "../../../tools/checker/depcruise/run.js";
import { cli, fixtureRepo, REPOSITORY } from "./fixture.js";

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
  it("has one rule per boundary and layer rule, plus no-circular and not-to-unresolvable", () => {
    const config = buildDepcruiseConfig(fixtureRepo("base", { standalone: true }));
    expect(config.forbidden?.map((rule) => rule.name)).toEqual([
      INBOUND,
      FORBIDDEN,
      "layer-boundary-spine-never-imports-tools",
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
    const config = buildDepcruiseConfig(fixtureRepo("inbound-type-exempt"));
    expect(config.options?.tsPreCompilationDeps).toBe(false);
    expect(config.forbidden?.[0]).toMatchObject({ to: { dependencyTypesNot: ["type-only"] } });
  });

  it("excludes test/fixtures from this repository's own cruise", () => {
    const exclude = buildDepcruiseConfig(REPOSITORY).options?.exclude;
    const patterns = (typeof exclude === "object" && !Array.isArray(exclude) ? exclude.path : exclude) ?? [];
    const sources = Array.isArray(patterns) ? patterns : [patterns];
    const excluded = (path: string): boolean => sources.some((source) => new RegExp(source).test(path));
    expect(excluded("test/fixtures/checker/base/api/health.ts")).toBe(true);
    expect(excluded("test/fixtures/checker/inbound-require/api/legacy.cjs")).toBe(true);
    expect(excluded("test/tools/checker/fixture.ts")).toBe(false);
  });
});

describe("dependency-cruiser engine on the fixtures", () => {
  it("passes the base fixture", async () => {
    expect(await runDepcruise(fixtureRepo("base", { standalone: true }))).toMatchObject({ exitCode: 0, modules: 6, errors: 0 });
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

  it("exits 1 through the CLI and reports dependency-cruiser's findings on stderr", async () => {
    const run = await cli(["--root", fixtureRepo("inbound-import"), "--engine", "depcruise"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(`error ${FORBIDDEN}: api/refund.ts → spine/drivers/ledger.ts`);
    expect(run.stderr).toContain(`error ${INBOUND}: lib/report.ts → spine/drivers/ledger.ts`);
  });

  it("exits 0 through the CLI on a clean repository", async () => {
    const run = await cli(["--root", fixtureRepo("base", { standalone: true }), "--engine", "depcruise"]);
    expect(run).toEqual({ code: 0, stdout: "", stderr: "dependency-cruiser ok: 6 modules cruised\n" });
  });
});
