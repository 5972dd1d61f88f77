/**
 * The rule `export-drift` on its own: from a repository opened in-process
 * (the type checker prints the signatures), its `check` reports an export
 * whose signature differs from the contract, an export the contract lacks
 * (at the export) and a declared export the module lost (at the contract's
 * entry), each with the diff; and nothing for the base driver, whose
 * exports match its contract.
 */
import { describe, expect, it } from "vitest";
import { exportDrift } from "../../../../tools/checker/rules/export-drift.js";
import { ruleFixture } from "./context.js";

const CONTRACT = "contracts/drivers/ledger.contract.yaml";
const FIX = `Run the checker with --update to rewrite exports in ${CONTRACT} (then review the diff), or restore the export.`;

describe("export-drift", () => {
  describe("the driver changed post's signature, added refund and dropped MAX_CENTS", () => {
    const fixture = ruleFixture({
      "spine/drivers/ledger.ts": [
        'import type { Transaction } from "../db/index.js";',
        "",
        "/** A posted entry. */",
        "export interface Entry {",
        "  readonly account: string;",
        "  readonly cents: number;",
        "}",
        "",
        "/** Posts an entry. */",
        "export async function post(trx: Transaction, account: string, cents: bigint): Promise<Entry> {",
        '  await trx.query("INSERT INTO entries (account, cents) VALUES ($1, $2)", [account, String(cents)]);',
        "  return { account, cents: Number(cents) };",
        "}",
        "",
        "/** Refunds an entry. */",
        "export function refund(entry: Entry): Entry {",
        "  return { ...entry, cents: -entry.cents };",
        "}",
        "",
      ].join("\n"),
    });

    it("reports the changed and the undeclared export at the code, and the lost one at the contract, with the diff", () => {
      expect(exportDrift.check(fixture.context())).toEqual([
        {
          file: "spine/drivers/ledger.ts",
          line: 10,
          column: 1,
          message: [
            'the functions export "post" of spine/drivers/ledger.ts differs from the contract:',
            "- post(trx: Transaction, account: string, cents: number): Promise<Entry>",
            "+ post(trx: Transaction, account: string, cents: bigint): Promise<Entry>",
          ].join("\n"),
          contract: CONTRACT,
          fix: FIX,
          target: "functions:post",
        },
        {
          file: "spine/drivers/ledger.ts",
          line: 16,
          column: 1,
          message: 'spine/drivers/ledger.ts exports functions "refund", which the contract does not declare:\n+ refund(entry: Entry): Entry',
          contract: CONTRACT,
          fix: FIX,
          target: "functions:refund",
        },
        {
          // The contract's entry `- name: MAX_CENTS` under exports.constants.
          file: CONTRACT,
          line: 25,
          column: 7,
          message: 'the contract declares constants "MAX_CENTS", which spine/drivers/ledger.ts does not export:\n- MAX_CENTS: 1000000',
          contract: CONTRACT,
          fix: FIX,
          target: "constants:MAX_CENTS",
        },
      ]);
    });

    it("reports only the contract's finding when only the contract is in scope", () => {
      expect(exportDrift.check(fixture.context((path) => path === CONTRACT)).map((finding) => finding.target)).toEqual(["constants:MAX_CENTS"]);
    });

    it("reports nothing when neither the module nor its contract is in scope", () => {
      expect(exportDrift.check(fixture.context((path) => path === "api/health.ts"))).toEqual([]);
    });
  });

  describe("the base repository: the driver's exports match its contract", () => {
    const fixture = ruleFixture({});

    it("reports nothing", () => {
      expect(exportDrift.check(fixture.context())).toEqual([]);
    });
  });
});
