import { rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { globToRegExpSource, matcher } from "../../../tools/checker/contracts/glob.js";
import { loadContracts } from "../../../tools/checker/contracts/contracts.js";
import { findContractFiles } from "../../../tools/checker/contracts/files.js";
import { loadProject } from "../../../tools/checker/contracts/project.js";
import { CheckerConfigError } from "../../../tools/checker/errors.js";
import { walkFiles } from "../../../tools/checker/files/walk.js";
import { check, cli, fixtureRepo, REPOSITORY } from "./fixture.js";

/** Runs both engines on a fixture case and expects a configuration error with exactly these problems. */
async function expectConfigError(name: string, problems: readonly string[]): Promise<void> {
  const root = fixtureRepo(name);
  for (const engine of ["ts-morph", "depcruise"]) {
    const run = await cli(["--root", root, "--engine", engine]);
    expect(run).toEqual({ code: 2, stdout: "", stderr: `spine-check: configuration error\n${problems.join("\n")}\n` });
  }
}

describe("contracts", () => {
  it("malformed YAML: exit 2 with file:line:col and the parser's reason", async () => {
    await expectConfigError("yaml-syntax", [
      'contracts/drivers/ledger.contract.yaml:6:39: invalid YAML: Missing closing "quote',
      "contracts/drivers/ledger.contract.yaml:7:3: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]",
    ]);
  });

  it("malformed project.yaml: exit 2 with every YAML error", async () => {
    await expectConfigError("project-yaml-syntax", [
      "contracts/project.yaml:3:1: invalid YAML: Map keys must be unique",
      "contracts/project.yaml:6:1: invalid YAML: All mapping items must start at the same column",
    ]);
  });

  it("a contract the JSON Schema rejects: every problem at its position", async () => {
    await expectConfigError("contract-invalid", [
      'contracts/drivers/ledger.contract.yaml:14:10: placement has an unknown key "owner"',
      "contracts/drivers/ledger.contract.yaml:11:16: placement.transaction must be one of forbidden, allowed",
      "contracts/drivers/ledger.contract.yaml:32:3: boundary must have required property 'allowed_inbound'",
    ]);
  });

  it("paths that are not relative to the repository root", async () => {
    await expectConfigError("contract-bad-paths", [
      "contracts/drivers/ledger.contract.yaml:3:9: placement.file must be a normalised path relative to the repository root (no leading ./ or /, no . or .. segment, no empty segment, no backslash, no NUL)",
      "contracts/drivers/ledger.contract.yaml:33:7: boundary.forbidden_inbound.0 must be a path glob relative to the repository root (no leading ./ or /)",
    ]);
  });

  it("two contracts for one file", async () => {
    await expectConfigError("contract-duplicate", [
      'contracts/drivers/ledger.contract.yaml:4:9: placement.file "spine/drivers/ledger.ts" is already contracted by contracts/drivers/ledger-copy.contract.yaml',
    ]);
  });

  it("an invalid project.yaml", async () => {
    await expectConfigError("project-invalid", [
      "contracts/project.yaml:2:15: type_imports must be one of count, exempt",
      "contracts/project.yaml:4:5: coverage.0 must be a path glob relative to the repository root (no leading ./ or /)",
    ]);
  });

  it("validates every contract of this repository: one per module under spine/", () => {
    const modules = walkFiles(REPOSITORY, "spine", { enter: (_, name) => name !== "dist" && name !== "node_modules", accept: (_, name) => name.endsWith(".ts") && !name.endsWith(".d.ts") });
    const files = findContractFiles(REPOSITORY);
    expect(files).toEqual(modules.map((path) => `contracts/${path.slice("spine/".length, -".ts".length)}.contract.yaml`).sort());
    expect(loadContracts(REPOSITORY).map((c) => c.data.placement.file)).toEqual(files.map((file) => `spine/${file.slice("contracts/".length, -".contract.yaml".length)}.ts`));
    expect(loadProject(REPOSITORY).data.coverage).toEqual(["spine/**"]);
  });

  it("throws a typed error listing every problem", () => {
    const root = fixtureRepo("contract-invalid");
    let caught: unknown;
    try {
      loadContracts(root);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CheckerConfigError);
    expect((caught as CheckerConfigError).problems.map((p) => `${p.line}:${p.column}`)).toEqual(["14:10", "11:16", "32:3"]);
  });

  it("a project without project.yaml uses the defaults", async () => {
    const root = fixtureRepo("inbound-import");
    rmSync(join(root, "contracts/project.yaml"));
    const run = await check(root);
    expect(run.code).toBe(1);
    expect(run.located).toEqual(["inbound-boundary api/refund.ts:1:1", "inbound-boundary lib/report.ts:1:1"]);
  });
});

describe("path globs", () => {
  it("reads **, *, ? and {a,b} the same way for both engines", () => {
    const cases: [string, string, boolean][] = [
      ["spine/drivers/**", "spine/drivers/ledger.ts", true],
      ["spine/drivers/**", "spine/drivers/queue/index.ts", true],
      ["spine/drivers/**", "spine/driversx/ledger.ts", false],
      ["**/*.ts", "ledger.ts", true],
      ["**/*.ts", "a/b/ledger.ts", true],
      ["**/*.ts", "a/b/ledger.tsx", false],
      ["spine/*.ts", "spine/a/b.ts", false],
      ["api/?.ts", "api/a.ts", true],
      ["api/?.ts", "api/ab.ts", false],
      ["**/*.{ts,cjs}", "api/legacy.cjs", true],
      ["**/*.{ts,cjs}", "api/legacy.mjs", false],
      ["spine/drivers/ledger.ts", "spine/drivers/ledgerXts", false],
    ];
    for (const [glob, path, expected] of cases) {
      expect([glob, path, matcher([glob])(path)]).toEqual([glob, path, expected]);
      expect(new RegExp(globToRegExpSource(glob)).test(path)).toBe(expected);
    }
    expect(matcher([])("anything")).toBe(false);
  });
});
