/**
 * A module contract needs only `placement.file` and a `boundary`. Each other
 * section is optional: absent, its rule skips the module; declared, the rule
 * checks it; `--update` inserts `exports` and `actual_imports` where they
 * belong. The case `contract-optional-sections` is a driver that exports,
 * imports a scoped package and commits, under a contract with neither.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { check, cli, fixtureRepo } from "./fixture.js";

const CONTRACT = "contracts/drivers/audit-log.contract.yaml";
const MINIMAL = readFileSync(join(import.meta.dirname, "../../fixtures/checker/contract-optional-sections", CONTRACT), "utf8");

/** The case with its contract's text changed. */
function withContract(change: (text: string) => string): string {
  const root = fixtureRepo("contract-optional-sections");
  writeFileSync(join(root, CONTRACT), change(MINIMAL));
  return root;
}

describe("a contract with only placement.file and a boundary", () => {
  it("is valid, and export-drift, import-drift and transaction-forbidden skip the module", async () => {
    const run = await cli(["--root", fixtureRepo("contract-optional-sections")]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^boundaries ok: 7 files, 2 contracts, \d+ ms \(ts-morph\)\n$/);
    expect(run.stderr).toBe("");
  });

  it("still has its boundary enforced by both engines, with the importing line", async () => {
    const root = fixtureRepo("contract-optional-sections");
    writeFileSync(join(root, "api/audit.ts"), 'import { record } from "../spine/drivers/audit-log.js";\n\nexport const audit = record;\n');
    const run = await check(root, ["--engine", "all"]);
    expect(run.code).toBe(1);
    expect(run.located).toEqual(["inbound-boundary api/audit.ts:1:1"]);
    expect(run.violations[0]?.engines).toEqual(["ts-morph", "depcruise"]);
  });

  it("checks transaction control once it declares transaction: forbidden", async () => {
    const run = await check(withContract((text) => text.replace("  file: spine/drivers/audit-log.ts\n", "  file: spine/drivers/audit-log.ts\n  transaction: forbidden\n")));
    expect(run.code).toBe(1);
    expect(run.located).toEqual(["transaction-forbidden spine/drivers/audit-log.ts:14:9"]);
  });

  it("checks exports once it declares them", async () => {
    const run = await check(withContract((text) => `${text}\nexports:\n  functions: []\n  classes: []\n  types: []\n  protocols: []\n  constants: []\n`));
    expect(run.code).toBe(1);
    expect(run.located).toEqual(["export-drift spine/drivers/audit-log.ts:11:1"]);
  });

  it("checks imports once it declares them, with a fix hint that is valid YAML (a scoped package quoted)", async () => {
    const run = await check(withContract((text) => `${text}\nactual_imports:\n  internal: [ spine/db/index.ts ]\n  external: []\n`));
    expect(run.code).toBe(1);
    expect(run.located).toEqual([`import-drift ${CONTRACT}:13:13`]);
    const fix = run.violations[0]?.fix ?? "";
    expect(fix).toBe('Make actual_imports.external list exactly: ["@acme/money", node:crypto] (--update writes it), or change the imports of spine/drivers/audit-log.ts.');
    const shown = /exactly: (.*) \(--update/.exec(fix)?.[1] ?? "";
    expect(parse(shown)).toEqual(["@acme/money", "node:crypto"]);
  });
});

describe("required sections", () => {
  it("a contract without a boundary: exit 2 at the document", async () => {
    const run = await cli(["--root", withContract((text) => text.slice(0, text.indexOf("# Who may use")))]);
    expect(run).toEqual({
      code: 2,
      stdout: "",
      stderr: `spine-check: configuration error\n${CONTRACT}:2:1: the document must have required property 'boundary'\n`,
    });
  });

  it("a placement without a file: exit 2 at the placement", async () => {
    const run = await cli(["--root", withContract((text) => text.replace("  file: spine/drivers/audit-log.ts\n", "  role: driver\n"))]);
    expect(run).toEqual({ code: 2, stdout: "", stderr: `spine-check: configuration error\n${CONTRACT}:3:3: placement must have required property 'file'\n` });
  });
});

describe("--update on a contract without exports and actual_imports", () => {
  it("inserts both where a contract has them (exports after placement, actual_imports after boundary), keeping every comment and line", async () => {
    const root = fixtureRepo("contract-optional-sections");
    const updated = await cli(["--root", root, "--update"]);
    expect(updated.code).toBe(0);
    expect(updated.stdout).toMatch(/^updated contracts\/drivers\/audit-log\.contract\.yaml\nboundaries ok: 7 files, 2 contracts, \d+ ms \(ts-morph\)\n$/);
    const after = readFileSync(join(root, CONTRACT), "utf8");
    expect(after).toBe(
      [
        "# A minimal contract: placement.file and a boundary, nothing else.",
        "placement:",
        "  file: spine/drivers/audit-log.ts",
        "",
        "exports:",
        "  functions:",
        "    - name: record",
        '      signature: "record(trx: Transaction, event: string, cents: number): Promise<string>"',
        "      consumers: []",
        "  classes: []",
        "  types: []",
        "  protocols: []",
        "  constants: []",
        "",
        "# Who may use the audit log.",
        "boundary:",
        "  allowed_inbound:",
        '    - "spine/services/**"',
        "  forbidden_inbound: []",
        "",
        "actual_imports:",
        "  internal:",
        "    - spine/db/index.ts",
        "  external:",
        '    - "@acme/money"',
        "    - node:crypto",
        "",
      ].join("\n"),
    );
    expect(parse(after)).toMatchObject({ actual_imports: { external: ["@acme/money", "node:crypto"] } });

    const again = await cli(["--root", root, "--update"]);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toContain("updated");
    expect(readFileSync(join(root, CONTRACT), "utf8")).toBe(after);
  });

  it("goes before pairing when the contract has one", async () => {
    const root = withContract((text) => `${text}\n# Declared, never checked.\npairing:\n  serves_domains: [ audit ]\n  expected_l5_consumers: []\n  orchestrator_operations: []\n`);
    expect((await cli(["--root", root, "--update"])).code).toBe(0);
    const after = readFileSync(join(root, CONTRACT), "utf8");
    expect(after.slice(after.indexOf("  forbidden_inbound: []\n"))).toBe(
      [
        "  forbidden_inbound: []",
        "",
        "actual_imports:",
        "  internal:",
        "    - spine/db/index.ts",
        "  external:",
        '    - "@acme/money"',
        "    - node:crypto",
        "",
        "# Declared, never checked.",
        "pairing:",
        "  serves_domains: [ audit ]",
        "  expected_l5_consumers: []",
        "  orchestrator_operations: []",
        "",
      ].join("\n"),
    );
  });
});
