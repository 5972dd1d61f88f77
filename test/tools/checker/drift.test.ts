import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { check, checkCase, cli, FIXTURES, fixtureRepo } from "./fixture.js";

const CONTRACT = "contracts/drivers/ledger.contract.yaml";
const BASE_CONTRACT = readFileSync(join(FIXTURES, "base", CONTRACT), "utf8");

/** The contract's text split around its `exports` section: [before, exports, after]. */
function sections(text: string): [string, string, string] {
  const start = text.indexOf("\nexports:\n") + 1;
  const end = text.indexOf("\n# Who may depend on the driver.\n") + 1;
  expect(start).toBeGreaterThan(0);
  expect(end).toBeGreaterThan(start);
  return [text.slice(0, start), text.slice(start, end), text.slice(end)];
}

describe("export-drift", () => {
  it("reports an export the contract does not declare, at its declaration or re-export", async () => {
    const run = await checkCase("export-drift-extra");
    expect(run.code).toBe(1);
    expect(run.located).toEqual([
      "export-drift spine/drivers/ledger.ts:26:1",
      "export-drift spine/drivers/ledger.ts:31:1",
      "export-drift spine/drivers/ledger.ts:36:10",
    ]);
    expect(run.violations.map((v) => v.message)).toEqual([
      'spine/drivers/ledger.ts exports functions "reverse", which the contract does not declare:\n+ reverse(entry: Entry): Entry',
      'spine/drivers/ledger.ts exports types "Kind", which the contract does not declare:\n+ Kind: enum { Credit = "credit", Debit = "debit" }',
      'spine/drivers/ledger.ts exports functions "describe", which the contract does not declare:\n+ describe(account: string, cents: number): string',
    ]);
  });

  it("reports a declared export the module no longer has, at the contract's entry", async () => {
    const run = await checkCase("export-drift-missing");
    expect(run.code).toBe(1);
    expect(run.located).toEqual([`export-drift ${CONTRACT}:25:7`]);
    expect(run.violations[0]?.message).toBe(
      'the contract declares constants "MAX_CENTS", which spine/drivers/ledger.ts does not export:\n- MAX_CENTS: 1000000',
    );
  });

  it("reports changed signatures and definitions as a diff", async () => {
    const run = await checkCase("export-drift-changed");
    expect(run.code).toBe(1);
    expect(run.located).toEqual(["export-drift spine/drivers/ledger.ts:8:1", "export-drift spine/drivers/ledger.ts:17:1"]);
    expect(run.violations.map((v) => v.message)).toEqual([
      'the protocols export "Entry" of spine/drivers/ledger.ts differs from the contract:\n- Entry: { readonly account: string; readonly cents: number }\n+ Entry: { readonly account: string; readonly cents: number | bigint }',
      'the functions export "post" of spine/drivers/ledger.ts differs from the contract:\n- post(trx: Transaction, account: string, cents: number): Promise<Entry>\n+ post(trx: Transaction, account: string, cents: bigint): Promise<Entry>',
    ]);
  });
});

describe("--update", () => {
  it("rewrites only the exports section, keeping consumers, every other section and the comments", async () => {
    const root = fixtureRepo("export-drift-changed");
    const contractPath = join(root, CONTRACT);
    const withConsumers = BASE_CONTRACT.replace(
      'Promise<Entry>"\n      consumers: []',
      'Promise<Entry>"\n      consumers: [ spine/orchestrator/transfer.ts ]',
    );
    expect(withConsumers).not.toBe(BASE_CONTRACT);
    writeFileSync(contractPath, withConsumers);

    const updated = await cli(["--root", root, "--update"]);
    expect(updated.code).toBe(0);
    expect(updated.stdout).toMatch(/^updated contracts\/drivers\/ledger\.contract\.yaml\nboundaries ok: 6 files, 1 contracts, \d+ ms \(ts-morph\)\n$/);

    const after = readFileSync(contractPath, "utf8");
    const [beforeOld, , afterOld] = sections(withConsumers);
    const [beforeNew, exportsNew, afterNew] = sections(after);
    expect(beforeNew).toBe(beforeOld);
    expect(afterNew).toBe(afterOld);
    expect(exportsNew).toBe(
      [
        "exports:",
        "  functions:",
        "    - name: post",
        '      signature: "post(trx: Transaction, account: string, cents: bigint): Promise<Entry>"',
        "      consumers:",
        "        - spine/orchestrator/transfer.ts",
        "  classes: []",
        "  types: []",
        "  protocols:",
        "    - name: Entry",
        '      definition: "{ readonly account: string; readonly cents: number | bigint }"',
        "      consumers: []",
        "  constants:",
        "    - name: MAX_CENTS",
        '      definition: "1000000"',
        "      consumers: []",
        "",
      ].join("\n"),
    );
    expect(await check(root)).toMatchObject({ code: 0, located: [] });

    const again = await cli(["--root", root, "--update"]);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toContain("updated");
    expect(readFileSync(contractPath, "utf8")).toBe(after);
  });

  it("adds and removes exports; the fixture itself is never modified", async () => {
    for (const name of ["export-drift-extra", "export-drift-missing"]) {
      const root = fixtureRepo(name);
      expect((await cli(["--root", root, "--update"])).code).toBe(0);
      expect(await check(root)).toMatchObject({ code: 0, located: [] });
    }
    expect(readFileSync(join(FIXTURES, "base", CONTRACT), "utf8")).toBe(BASE_CONTRACT);
  });

  it("keeps an inline comment after a section's key on its line, and every other byte of the file", async () => {
    const root = fixtureRepo("export-drift-changed");
    const contractPath = join(root, CONTRACT);
    const commented = BASE_CONTRACT.replace("boundary:\n", "boundary:  # enforced by both engines\n")
      .replace("exports:\n", "exports:   # generated by --update\n")
      .replace("  allowed_inbound:\n", "  allowed_inbound: # who may\n");
    expect(commented).toContain("boundary:  # enforced by both engines\n  allowed_inbound: # who may\n");
    writeFileSync(contractPath, commented);
    expect((await cli(["--root", root, "--update"])).code).toBe(0);
    const after = readFileSync(contractPath, "utf8");
    expect(after).toBe(
      commented
        .replace('"post(trx: Transaction, account: string, cents: number): Promise<Entry>"', '"post(trx: Transaction, account: string, cents: bigint): Promise<Entry>"')
        .replace('"{ readonly account: string; readonly cents: number }"', '"{ readonly account: string; readonly cents: number | bigint }"'),
    );
  });

  it("rewrites actual_imports from the code, and nothing else", async () => {
    const root = fixtureRepo("import-drift");
    const contractPath = join(root, CONTRACT);
    const before = readFileSync(contractPath, "utf8");
    expect((await cli(["--root", root, "--update"])).code).toBe(0);
    const after = readFileSync(contractPath, "utf8");
    expect(after).toBe(before.replace(/actual_imports:\n[\s\S]*?\npairing:/, "actual_imports:\n  internal:\n    - spine/db/index.ts\n  external:\n    - node:crypto\npairing:"));
    expect(await check(root)).toMatchObject({ code: 0, located: [] });
  });

  it("still reports every other rule", async () => {
    const run = await check(fixtureRepo("inbound-import"), ["--update"]);
    expect(run.code).toBe(1);
    expect(run.located).toEqual(["inbound-boundary api/refund.ts:1:1", "inbound-boundary lib/report.ts:1:1"]);
  });
});

describe("import-drift", () => {
  it("reports stale and missing imports per section, at the contract's section", async () => {
    const run = await checkCase("import-drift");
    expect(run.code).toBe(1);
    expect(run.located).toEqual([`import-drift ${CONTRACT}:36:5`, `import-drift ${CONTRACT}:38:13`]);
    expect(run.violations.map((v) => v.message)).toEqual([
      "actual_imports.internal of spine/drivers/ledger.ts differs from the code:\n- spine/db/legacy.ts",
      "actual_imports.external of spine/drivers/ledger.ts differs from the code:\n+ node:crypto",
    ]);
    expect(run.violations.map((v) => v.fix)).toEqual([
      "Make actual_imports.internal list exactly: [spine/db/index.ts] (--update writes it), or change the imports of spine/drivers/ledger.ts.",
      "Make actual_imports.external list exactly: [node:crypto] (--update writes it), or change the imports of spine/drivers/ledger.ts.",
    ]);
  });
});
