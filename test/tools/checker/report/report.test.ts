import { describe, expect, it } from "vitest";
import { FORMATS, formatResult } from "../../../../tools/checker/report/index.js";
import type { CheckResult } from "../../../../tools/checker/result.js";
import { RULES } from "../../../../tools/checker/rules/registry.js";
import { cli, fixtureRepo } from "../fixture.js";

const RESULT: CheckResult = {
  root: "/repo",
  violations: [
    {
      ruleId: "import-drift",
      file: "contracts/drivers/ledger.contract.yaml",
      line: 36,
      column: 5,
      message: "actual_imports.internal of spine/drivers/ledger.ts differs from the code:\n- spine/db/legacy.ts",
      contract: "contracts/drivers/ledger.contract.yaml",
      fix: "Make actual_imports.internal list exactly: [spine/db/index.ts], or change the imports of spine/drivers/ledger.ts.",
      target: "actual_imports.internal",
      engines: ["ts-morph"],
      severity: "error",
      baseline: "new",
    },
    {
      ruleId: "inbound-boundary",
      file: "api/refund.ts",
      line: 1,
      column: 1,
      message: "api/refund.ts may not depend on spine/drivers/ledger.ts (100% forbidden, really)",
      contract: "contracts/drivers/ledger.contract.yaml",
      fix: "Go through spine/orchestrator/**.",
      target: "spine/drivers/ledger.ts",
      engines: ["ts-morph"],
      severity: "error",
      baseline: "new",
    },
  ],
  updated: [],
  warnings: [],
  engines: ["ts-morph"],
  rules: RULES.map(({ id, summary, help }) => ({ id, summary, help, level: id === "unused-suppression" ? "warn" : "error" })),
  repositoryPath: "",
  tool: { name: "spine-check", version: "1.2.3", informationUri: "https://example.test/spine-check#readme" },
  quiet: false,
  stats: { files: 8, contracts: 1, milliseconds: 42 },
};

/** The parts of a SARIF log the tests read. */
interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: {
      driver: {
        name: string;
        version: string;
        semanticVersion: string;
        informationUri: string;
        rules: { id: string; shortDescription: { text: string }; help: { text: string }; defaultConfiguration: { level: string } }[];
      };
    };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number; startColumn: number } } }[];
      properties: { engines: string[] };
    }[];
  }[];
}

const CLEAN: CheckResult = { ...RESULT, violations: [], updated: ["contracts/drivers/ledger.contract.yaml"] };

describe("human report", () => {
  it("shows file:line:col, rule id, message, contract and fix, then a summary naming the engine", () => {
    expect(formatResult(RESULT, "human")).toBe(
      [
        "contracts/drivers/ledger.contract.yaml:36:5  error  import-drift  actual_imports.internal of spine/drivers/ledger.ts differs from the code:",
        "    - spine/db/legacy.ts",
        "    contract: contracts/drivers/ledger.contract.yaml",
        "    fix: Make actual_imports.internal list exactly: [spine/db/index.ts], or change the imports of spine/drivers/ledger.ts.",
        "",
        "api/refund.ts:1:1  error  inbound-boundary  api/refund.ts may not depend on spine/drivers/ledger.ts (100% forbidden, really)",
        "    contract: contracts/drivers/ledger.contract.yaml",
        "    fix: Go through spine/orchestrator/**.",
        "",
        "2 violations: 8 files, 1 contracts, 42 ms (ts-morph)",
        "",
      ].join("\n"),
    );
  });

  it("says which engines found each violation when both ran", () => {
    const both: CheckResult = {
      ...RESULT,
      engines: ["ts-morph", "depcruise"],
      violations: [{ ...(RESULT.violations[1] as CheckResult["violations"][number]), engines: ["ts-morph", "depcruise"] }],
    };
    expect(formatResult(both, "human")).toBe(
      [
        "api/refund.ts:1:1  error  inbound-boundary  api/refund.ts may not depend on spine/drivers/ledger.ts (100% forbidden, really)",
        "    contract: contracts/drivers/ledger.contract.yaml",
        "    fix: Go through spine/orchestrator/**.",
        "    found by: ts-morph, depcruise",
        "",
        "1 violation: 8 files, 1 contracts, 42 ms (ts-morph + depcruise)",
        "",
      ].join("\n"),
    );
  });

  it("says ok and lists updated contracts when clean", () => {
    expect(formatResult(CLEAN, "human")).toBe("updated contracts/drivers/ledger.contract.yaml\nboundaries ok: 8 files, 1 contracts, 42 ms (ts-morph)\n");
  });
});

describe("json report", () => {
  it("is the violations (with target and engines), the updated contracts, the engines and the stats", () => {
    expect(JSON.parse(formatResult(RESULT, "json"))).toEqual({
      violations: RESULT.violations,
      warnings: [],
      updated: [],
      engines: ["ts-morph"],
      stats: RESULT.stats,
    });
  });
});

describe("github report", () => {
  it("writes one ::error annotation per violation, escaping newlines, % and property separators", () => {
    expect(formatResult(RESULT, "github")).toBe(
      [
        "::error file=contracts/drivers/ledger.contract.yaml,line=36,col=5,title=import-drift::actual_imports.internal of spine/drivers/ledger.ts differs from the code:%0A- spine/db/legacy.ts%0Acontract: contracts/drivers/ledger.contract.yaml%0Afix: Make actual_imports.internal list exactly: [spine/db/index.ts], or change the imports of spine/drivers/ledger.ts.",
        "::error file=api/refund.ts,line=1,col=1,title=inbound-boundary::api/refund.ts may not depend on spine/drivers/ledger.ts (100%25 forbidden, really)%0Acontract: contracts/drivers/ledger.contract.yaml%0Afix: Go through spine/orchestrator/**.",
        "",
      ].join("\n"),
    );
  });

  it("writes nothing when clean", () => {
    expect(formatResult(CLEAN, "github")).toBe("");
  });
});

describe("sarif report", () => {
  it("is a SARIF 2.1.0 log with the registry's rules and one result per violation", () => {
    const log = JSON.parse(formatResult(RESULT, "sarif")) as SarifLog;
    expect(log.version).toBe("2.1.0");
    expect(log.$schema).toBe("https://json.schemastore.org/sarif-2.1.0.json");
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0] as SarifLog["runs"][number];
    expect(run.tool.driver).toMatchObject({ name: "spine-check", version: "1.2.3", semanticVersion: "1.2.3", informationUri: "https://example.test/spine-check#readme" });
    expect(run.tool.driver.rules.find((rule) => rule.id === "unused-suppression")?.defaultConfiguration.level).toBe("warning");
    expect(run.tool.driver.rules.find((rule) => rule.id === "no-circular")?.defaultConfiguration.level).toBe("error");
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(RULES.map((rule) => rule.id));
    for (const [index, rule] of run.tool.driver.rules.entries()) {
      expect(rule.shortDescription.text).toBe(RULES[index]?.summary);
      expect(rule.help.text).toBe(RULES[index]?.help);
    }
    const ids = RULES.map((rule) => rule.id as string);
    expect(run.results).toEqual(
      RESULT.violations.map((v) => ({
        ruleId: v.ruleId,
        ruleIndex: ids.indexOf(v.ruleId),
        level: "error",
        message: { text: `${v.message}\ncontract: ${v.contract}\nfix: ${v.fix}` },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: v.file, uriBaseId: "%SRCROOT%" },
              region: { startLine: v.line, startColumn: v.column },
            },
          },
        ],
        properties: { engines: ["ts-morph"] },
      })),
    );
    expect(run.results.every((r) => run.tool.driver.rules[r.ruleIndex]?.id === r.ruleId)).toBe(true);
  });

  it("has an empty result list when clean", () => {
    const log = JSON.parse(formatResult(CLEAN, "sarif")) as SarifLog;
    expect(log.runs[0]?.results).toEqual([]);
  });
});

describe("--format on a real run", () => {
  it("reports the same violations in every format, with exit code 1", async () => {
    const root = fixtureRepo("inbound-import");
    const outputs = new Map<string, string>();
    for (const format of FORMATS) {
      const run = await cli(["--root", root, "--format", format]);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe("");
      outputs.set(format, run.stdout);
    }
    expect(outputs.get("human")).toMatch(
      /^api\/refund\.ts:1:1 {2}error {2}inbound-boundary {2}api\/refund\.ts may not depend on spine\/drivers\/ledger\.ts \(import "\.\.\/spine\/drivers\/ledger\.js"\): it matches forbidden_inbound\n {4}contract: contracts\/drivers\/ledger\.contract\.yaml\n {4}fix: Go through an allowed layer \(spine\/orchestrator\/\*\*, spine\/services\/\*\*\) instead, or change the boundary in contracts\/drivers\/ledger\.contract\.yaml\.\n\nlib\/report\.ts:1:1 {2}error {2}inbound-boundary .*\n.*\n.*\n\n2 violations: 9 files, 1 contracts, \d+ ms \(ts-morph\)\n$/,
    );
    const json = JSON.parse(outputs.get("json") ?? "") as { violations: { file: string; line: number }[] };
    expect(json.violations.map((v) => `${v.file}:${v.line}`)).toEqual(["api/refund.ts:1", "lib/report.ts:1"]);
    expect(outputs.get("github")?.split("\n").map((line) => line.split("::")[1])).toEqual([
      "error file=api/refund.ts,line=1,col=1,title=inbound-boundary",
      "error file=lib/report.ts,line=1,col=1,title=inbound-boundary",
      undefined,
    ]);
    const sarif = JSON.parse(outputs.get("sarif") ?? "") as SarifLog;
    expect(sarif.runs[0]?.results.map((r) => r.ruleId)).toEqual(["inbound-boundary", "inbound-boundary"]);
  });
});
